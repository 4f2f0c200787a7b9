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

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand: no 0/O, 1/I. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** `length` characters of CODE_ALPHABET (5 bits each), uniformly random. */
export function randomCode(length: number): string {
  const bytes = crypto.randomBytes(length);
  // 256 is a multiple of 32: taking the low five bits of each byte is uniform.
  return Array.from(bytes, (b) => CODE_ALPHABET[b & 31]).join('');
}

/** A typed code as compared: upper case, without spaces or dashes. */
export const normaliseCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]+/g, '');
