import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { locales, localePath, type Locale } from '../i18n/index.js';
import { isPermission, type Permission } from '../security/permissions.js';
import { viewContext, type ViewContext } from './views/context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the named permission this route needs; 'public' for anyone */
    permission?: Permission;
    /** the language of a localised page */
    locale?: Locale;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission;
  locale: Locale | undefined;
  /** a public page kept in the page cache (src/web/page-cache.ts) */
  cache: boolean;
}

/**
 * Refuses to start with a route that declares no permission, and records every route in
 * a table the security tests read (taken from the running app, not written a second time by hand).
 */
export function enforceDeclaredPermissions(app: FastifyInstance, table: RouteEntry[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const permission = route.config?.permission;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!isPermission(permission)) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no permission; add config.permission`);
    }
    for (const method of methods) table.push({ method, url: route.url, permission, locale: route.config?.locale, cache: route.config?.cache === true });
  });
}

/** The locale a request was routed as; the 404 handler guesses from the path instead. */
export function requestLocale(request: FastifyRequest): Locale {
  return request.routeOptions.config.locale ?? 'en';
}

export function contextFor(request: FastifyRequest, englishPath: string, publicUrl: string): ViewContext {
  const q = request.url.indexOf('?');
  const search = q === -1 ? '' : request.url.slice(q);
  return viewContext(requestLocale(request), englishPath, search === '?' ? '' : search, publicUrl);
}

/** Registers a public GET page once per language: /events and /sv/events. */
export function localisedGet(
  app: FastifyInstance,
  path: string,
  options: { schema?: object },
  handler: (request: FastifyRequest, reply: FastifyReply, locale: Locale) => Promise<unknown>,
): void {
  for (const locale of locales) {
    app.get(localePath(locale, path), { ...options, config: { permission: 'public', locale, cache: true } }, (request, reply) =>
      handler(request, reply, locale),
    );
  }
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** Pages with a form token, an idempotency key or a private link: never stored by any cache, never indexed. */
export const privatePage = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex, nofollow');
