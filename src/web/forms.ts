import type { FastifyRequest } from 'fastify';
import { DomainError, notFound } from '../core/shared/errors.js';
import { field, type RawForm } from '../core/shared/form-input.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * Reading a request's form, and the one way a form that failed is shown again.
 *
 * A handler that saves a form reads as: call the domain once through `attempt`, then render
 * one of the two answers it gives.
 *
 *     const outcome = await attempt(svc.create(principalOf(request), formBody(request)));
 *     if (!outcome.ok) return renderNew(request, reply, outcome);
 *     return reply.redirect(`/admin/events/${outcome.value}?done=created`, 303);
 *
 * `attempt` turns a coded domain error that carries field messages into a `Rejection` (the
 * messages, the status to answer with, and whatever the domain worked out that the page
 * shows, such as a session's conflicts, so nothing is computed twice). Every other error
 * goes on to src/web/errors.ts, which answers unexpected errors and the coded errors that
 * are not about a form (not found, forbidden) with the error pages.
 */

/** What the user typed, to fill a form again: one string, or the values of a repeated field. */
export type Values = Record<string, string | string[]>;
/** Field name (or `form` for the whole form) to message key. */
export type FieldErrors = Record<string, string>;

/** A form the domain refused: nothing was saved. */
export interface Rejection {
  readonly fields: FieldErrors;
  /** 400 for invalid input, 401 for a wrong passphrase or code, 404 or 409 for a refused choice */
  readonly status: number;
  /** what the domain found that the page shows with the messages (for example a conflict report) */
  readonly detail?: unknown;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Rejection);

/** The status each domain error code answers with, for a form's rejection and for a JSON answer (src/web/passkey-json.ts) alike. */
export const statusOf = { invalid: 400, unauthenticated: 401, 'not-found': 404, forbidden: 403, conflict: 409 } as const;

/** The rejection a domain error stands for, when it is about the form (it names fields); otherwise undefined. */
export function rejectionOf(error: unknown): Rejection | undefined {
  if (!(error instanceof DomainError) || !Object.keys(error.fields).length || error.code === 'forbidden') return undefined;
  return { fields: { ...error.fields }, status: statusOf[error.code], ...(error.detail === undefined ? {} : { detail: error.detail }) };
}

/** Runs a form's domain call once: its result, or the rejection to show the form again with. */
export async function attempt<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call };
  } catch (e) {
    const rejection = rejectionOf(e);
    if (rejection) return { ok: false, ...rejection };
    throw e;
  }
}

/** The status a page answers with: the rejection's, else 200. */
export const statusFor = (rejected: Rejection | undefined): number => rejected?.status ?? 200;

/** The parsed body of a form post (url-encoded or multipart); {} when there is none. */
export const formBody = (request: FastifyRequest): RawForm => (request.body ?? {}) as RawForm;

/** The named fields of a form as typed, trimmed (url-encoded or multipart). */
export function typedFields(request: FastifyRequest, names: readonly string[]): Values {
  const body = formBody(request);
  return Object.fromEntries(names.map((n) => [n, field(body, n)]));
}

/** The named string fields of a form exactly as sent (passwords are not trimmed); anything missing or not a string is ''. */
export function stringFields<K extends string>(request: FastifyRequest, names: readonly K[]): Record<K, string> {
  const body = formBody(request);
  const out = {} as Record<K, string>;
  for (const n of names) {
    const v = body[n];
    out[n] = typeof v === 'string' ? v : '';
  }
  return out;
}

/** Fields never written back into a page: the CSRF token and anything secret (passphrases, an invitation's code). */
const NEVER_ECHOED = new Set(['_csrf', 'passphrase', 'passphrase_again', 'code']);

/** Everything the visitor typed, to fill a public or portal form again; secrets and the CSRF token are left out. */
export function echoed(request: FastifyRequest): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(formBody(request))) {
    if (NEVER_ECHOED.has(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** An id from the URL; anything but a plain positive number is a page that does not exist. */
export function idParam(request: FastifyRequest, name = 'id'): number {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw notFound(name);
  return Number(raw);
}

/** A query parameter as text ('' when absent or repeated), trusted for nothing but choosing what to show. */
export function queryText(request: FastifyRequest, name: string): string {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

/** The message after a redirect, named in the query (?done=saved) and looked up in the page's own list; never text from the URL. */
export function doneNotice(request: FastifyRequest, messages: Readonly<Record<string, MessageKey>>): MessageKey | undefined {
  const done = queryText(request, 'done');
  return Object.hasOwn(messages, done) ? messages[done] : undefined;
}
