import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../core/shared/clock.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** a public GET whose answer depends only on the URL, the content and the minute */
    cache?: boolean;
  }
  interface FastifyRequest {
    pageCacheVersion: string | undefined;
    /** the normalised address the page is cached under; undefined: not cached */
    pageCacheKey: string | undefined;
  }
}

interface Entry {
  version: string;
  minute: number;
  body: string;
  type: string;
  /** a Cache-Control the handler chose (e.g. no-cache where seats are counted), replayed on a hit */
  cacheControl: string | undefined;
  /** what the entry costs: the body's and the key's bytes */
  bytes: number;
}

export interface PageCacheOptions {
  /** the most the rendered pages may take together (bodies and keys, in bytes) */
  maxBytes?: number;
  /** the most pages kept, whatever their size */
  maxEntries?: number;
}

export interface PageCacheStats {
  size(): number;
  bytes(): number;
}

export const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRIES = 2_000;
/** A normalised address longer than this is not cached (a page's own parameters are far shorter). */
const MAX_KEY_LENGTH = 512;

/** The query parameters a route declares in its querystring schema; none when it has none. */
function declaredParameters(request: FastifyRequest): ReadonlySet<string> {
  const schema = request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
  return new Set(Object.keys(schema?.properties ?? {}));
}

/**
 * The address a page is cached under: the path, then only the parameters the route
 * declares, in a canonical (sorted) order, empty ones left out (they mean "not given").
 * A request with a parameter the route does not know, a repeated one, or a key that is too
 * long is answered but not cached, so made-up query strings cannot fill the cache.
 */
export function pageCacheKey(url: string, declared: ReadonlySet<string>): string | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length > MAX_KEY_LENGTH) return undefined;
  if (q === -1) return path;
  const params = new URLSearchParams(url.slice(q + 1));
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (!declared.has(name) || seen.has(name)) return undefined;
    seen.set(name, value);
  }
  const kept = [...seen].filter(([, v]) => v !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = kept.length ? `${path}?${new URLSearchParams(kept).toString()}` : path;
  return key.length > MAX_KEY_LENGTH ? undefined : key;
}

/**
 * Rendered public pages, kept per process and keyed on the normalised address (see
 * pageCacheKey), the database's content version (bumped by triggers on every change to
 * public content, by any process) and the current minute (upcoming becomes past with
 * time). So a cached page is never older than the data, with one or many processes. Pages
 * behind a login, with cookies or not 200 are never stored. The cache is bounded by the
 * bytes it holds (and by a number of pages): the least recently used pages go first.
 */
export function registerPageCache(app: FastifyInstance, clock: Clock, contentVersion: () => Promise<string>, options: PageCacheOptions = {}): PageCacheStats {
  const maxBytes = options.maxBytes ?? PAGE_CACHE_MAX_BYTES;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<string, Entry>();
  let total = 0;
  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    total -= old.bytes;
    entries.delete(key);
  };
  const cacheable = (request: FastifyRequest) =>
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.routeOptions.config?.cache === true &&
    request.routeOptions.config.permission === 'public';
  const minuteNow = () => Math.floor(clock.now().getTime() / 60_000);

  app.decorateRequest('pageCacheVersion', undefined);
  app.decorateRequest('pageCacheKey', undefined);

  app.addHook('onRequest', async (request, reply) => {
    if (!cacheable(request)) return;
    const key = pageCacheKey(request.url, declaredParameters(request));
    if (key === undefined) return;
    const version = await contentVersion();
    request.pageCacheKey = key;
    request.pageCacheVersion = version;
    const hit = entries.get(key);
    if (hit && hit.version === version && hit.minute === minuteNow()) {
      entries.delete(key);
      entries.set(key, hit);
      request.pageCacheVersion = undefined; // served from the cache: nothing to store again
      if (hit.cacheControl) reply.header('Cache-Control', hit.cacheControl);
      return reply.type(hit.type).send(hit.body);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const version = request.pageCacheVersion;
    const key = request.pageCacheKey;
    if (version === undefined || key === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('Set-Cookie')) return payload;
    const bytes = Buffer.byteLength(payload, 'utf8') + Buffer.byteLength(key, 'utf8');
    remove(key);
    if (bytes > maxBytes) return payload;
    for (const oldest of entries.keys()) {
      if (total + bytes <= maxBytes && entries.size < maxEntries) break;
      remove(oldest);
    }
    const type = reply.getHeader('Content-Type');
    const cacheControl = reply.getHeader('Cache-Control');
    entries.set(key, {
      cacheControl: typeof cacheControl === 'string' ? cacheControl : undefined,
      version,
      minute: minuteNow(),
      body: payload,
      type: typeof type === 'string' ? type : 'text/html; charset=utf-8',
      bytes,
    });
    total += bytes;
    return payload;
  });

  return { size: () => entries.size, bytes: () => total };
}
