import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../core/shared/errors.js';
import { localePath, splitLocale, type Locale } from '../i18n/index.js';
import { viewContext } from './views/context.js';
import { ErrorPage, type ErrorStatus } from './views/error-page.js';

/** The HTTP status of each coded domain error: error pages, a refused form (forms.ts) and passkey JSON answers (passkey-json.ts) alike. */
export const statusOf: Readonly<Record<DomainErrorCode, number>> = {
  'not-found': 404,
  invalid: 400,
  forbidden: 403,
  conflict: 409,
  unauthenticated: 401,
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function localeOf(request: FastifyRequest): Locale {
  return request.routeOptions.config?.locale ?? splitLocale(request.url.split('?')[0] ?? '/')[0];
}

async function renderError(request: FastifyRequest, reply: FastifyReply, status: number, publicUrl: string, kind?: 'csrf') {
  if (wantsJson(request)) return reply.code(status).type('application/json').send({ error: status });
  const page: ErrorStatus = kind === 'csrf' ? 'csrf' : status === 404 ? 404 : status === 403 ? 403 : status >= 500 ? 500 : 400;
  const ctx = viewContext(localeOf(request), '/', '', publicUrl);
  // Error pages are never cached and never echo the request back.
  return reply
    .code(status)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(await ErrorPage({ ctx, status: page }));
}

/**
 * The one place that turns errors into responses: unexpected errors (500, logged without
 * the request's data) and the coded domain errors that are not about a form (not found,
 * forbidden, signed out). A form the domain refused is shown again by its own handler
 * through attempt() of src/web/forms.ts, never here.
 */
export function registerErrorHandling(app: FastifyInstance, publicUrl: string): void {
  app.setNotFoundHandler((request, reply) => renderError(request, reply, 404, publicUrl));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.code === 'unauthenticated' && request.url.startsWith('/admin')) {
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.header('Cache-Control', 'no-store').redirect(`/admin/login${next}`, 303);
      }
      const [locale, rest] = splitLocale(request.url.split('?')[0] ?? '/');
      if (error.code === 'unauthenticated' && (rest === '/portal' || rest.startsWith('/portal/'))) {
        return reply.header('Cache-Control', 'no-store').redirect(localePath(locale, '/portal/login'), 303);
      }
      return renderError(request, reply, statusOf[error.code], publicUrl);
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') return renderError(request, reply, 403, publicUrl, 'csrf');
    if (error.validation) return renderError(request, reply, 400, publicUrl);
    const code = error.statusCode ?? 500;
    if (code >= 400 && code < 500) return renderError(request, reply, code, publicUrl);
    // A bug: log what happened without the request's data (no URL query, no body, no IP).
    request.log.error({ err: error, route: request.routeOptions.url, method: request.method }, 'unhandled error');
    return renderError(request, reply, 500, publicUrl);
  });
}
