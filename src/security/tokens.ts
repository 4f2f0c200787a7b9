import crypto from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, one-time links, calendar URLs. */
export const randomToken = (): string => crypto.randomBytes(32).toString('base64url');

/**
 * 72 random bits, URL-safe (12 characters): a public id that, unlike a row id, says nothing
 * about how many other rows there are (programme sessions in anchors and calendar UIDs).
 */
export const newPublicId = (): string => crypto.randomBytes(9).toString('base64url');

/** Tokens are stored only as their SHA-256; a stolen database yields no usable token. */
export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('base64url');

/** Compares two strings in constant time (for equal lengths; length is not secret here). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
