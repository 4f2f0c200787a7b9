import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../core/shared/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { statusOf } from './errors.js';
import type { ViewContext } from './views/context.js';

/**
 * The JSON side of passkeys, shared by the workspace's and the portal's routes: what
 * assets/passkeys.js (src/web/client/passkeys.ts) reads is options to hand to the browser,
 * a page to go to, or a message to show. The CSRF token comes in the x-csrf-token header.
 */
export interface PasskeyAnswer {
  options?: unknown;
  next?: string;
  error?: string;
}

export const jsonBodyOf = (request: FastifyRequest) => {
  const b = request.body;
  return (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
};

/** No pending sign-in (never started, expired, already finished), as opposed to a passkey that failed. */
export const noPendingSignIn = (e: DomainError) => e.code === 'not-found' && !e.fields.passkey && e.message.startsWith('pending');

/**
 * A handler whose domain errors are answered as JSON, with the message (the error's passkey
 * or label field, else `fallback`) in the visitor's language from `contextOf`; `next` is
 * where the browser should go instead, if anywhere.
 */
export const passkeyJson =
  (contextOf: (request: FastifyRequest) => ViewContext) =>
  (
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<PasskeyAnswer>,
    fallback: MessageKey,
    next?: (request: FastifyRequest, e: DomainError) => string | undefined,
  ) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<PasskeyAnswer> => {
    reply.header('Cache-Control', 'no-store');
    try {
      return await handler(request, reply);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const key = (e.fields.passkey ?? e.fields.label ?? e.fields.passphrase ?? fallback) as MessageKey;
      reply.code(statusOf[e.code]);
      const to = next?.(request, e);
      const error = contextOf(request).t(key);
      return to ? { error, next: to } : { error };
    }
  };
