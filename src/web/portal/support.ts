import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawForm } from '../../core/shared/form-input.js';
import type { Values } from '../admin/form-fields.js';

/** Fields never written back into a page: the CSRF token and anything secret (passphrases, an invitation's code). */
const NEVER_ECHOED = new Set(['_csrf', 'passphrase', 'passphrase_again', 'code']);

/** What the visitor typed, to fill the form again after an error; passphrases and the CSRF token are left out. */
export function typed(body: unknown): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries((body ?? {}) as RawForm)) {
    if (NEVER_ECHOED.has(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** The status a re-rendered form answers with: the error's (set by src/web/errors.ts), else 200. */
export const statusOf = (reply: FastifyReply) => (reply.statusCode >= 400 ? reply.statusCode : 200);

/** A query flag such as ?saved=1, read without trusting it for anything but which notice to show. */
export function queryFlag(request: FastifyRequest, name: string): string {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}
