import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../core/shared/clock.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** a public GET whose answer depends only on the URL, the content and the minute */
    cache?: boolean;
  }
  interface FastifyRequest {
    pageCacheVersion: string | undefined;
  }
}

interface Entry {
  version: string;
  minute: number;
  body: string;
  type: string;
  /** a Cache-Control the handler chose (e.g. no-cache where seats are counted), replayed on a hit */
  cacheControl: string | undefined;
}

const MAX_ENTRIES = 2_000;

/**
 * Rendered public pages, kept per process and keyed on the URL, the database's content
 * version (bumped by triggers on every change to public content, by any process) and the
 * current minute (upcoming becomes past with time). So a cached page is never older than
 * the data, with one or many processes. Pages behind a login, with cookies or not 200 are
 * never stored.
 */
export function registerPageCache(app: FastifyInstance, clock: Clock, contentVersion: () => Promise<string>): { size(): number } {
  const entries = new Map<string, Entry>();
  const cacheable = (request: FastifyRequest) =>
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.routeOptions.config?.cache === true &&
    request.routeOptions.config.permission === 'public';

  app.decorateRequest('pageCacheVersion', undefined);

  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const version = await contentVersion();
    request.pageCacheVersion = version;
    const hit = entries.get(request.url);
    if (hit && hit.version === version && hit.minute === Math.floor(clock.now().getTime() / 60_000)) {
      request.pageCacheVersion = undefined; // served from the cache: nothing to store again
      if (hit.cacheControl) reply.header('Cache-Control', hit.cacheControl);
      return reply.type(hit.type).send(hit.body);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = request.pageCacheVersion;
    if (version === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('Set-Cookie')) return payload;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    const type = reply.getHeader('Content-Type');
    const cacheControl = reply.getHeader('Cache-Control');
    entries.set(request.url, {
      cacheControl: typeof cacheControl === 'string' ? cacheControl : undefined,
      version,
      minute: Math.floor(clock.now().getTime() / 60_000),
      body: payload,
      type: typeof type === 'string' ? type : 'text/html; charset=utf-8',
    });
    return payload;
  });

  return { size: () => entries.size };
}
