import Fastify, { LogController, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { Config } from './config.js';
import { probe, type DbHandle } from './db/database.js';
import { systemClock, type Clock } from './core/shared/clock.js';
import { invalid } from './core/shared/errors.js';
import { localePath, splitLocale } from './i18n/index.js';
import { buildServices, type Services } from './services.js';
import { registerSecurityHeaders } from './security/headers.js';
import { registerAssets } from './web/assets.js';
import { registerErrorHandling } from './web/errors.js';
import { registerMedia } from './web/media.routes.js';
import { enforceDeclaredPermissions, type RouteEntry } from './web/routing.js';
import { registerEventPages } from './web/public/events.routes.js';
import { registerFeeds } from './web/public/feeds.routes.js';
import { registerAwardPages } from './web/public/award.routes.js';
import { registerBootcampPages } from './web/public/bootcamp.routes.js';
import { registerConferencePages } from './web/public/conference.routes.js';
import { registerRegistrationPages } from './web/public/registration.routes.js';
import { registerAdmin } from './web/admin/index.js';
import { registerPortal } from './web/portal/index.js';
import { registerSessions } from './web/session.js';
import { registerPageCache, type PageCacheStats } from './web/page-cache.js';
import { SettingsRepository } from './core/shared/settings.repository.js';

/** Whether parsed params or query (string, array or object, any depth) hold a NUL character. */
function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 8 || v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return false;
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

const MAX_PARAM_LENGTH = 200;

/**
 * The router answers a path with bad percent-encoding or an over-long segment itself, as JSON,
 * with no hooks: no error page, no security headers. Such paths go to the 404 page instead.
 */
function routableUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const notFound = localePath(splitLocale(path)[0], '/.invalid-path');
  for (const segment of path.split('/')) {
    if (segment.length > MAX_PARAM_LENGTH) return notFound;
    try {
      decodeURIComponent(segment);
    } catch {
      return notFound; // malformed percent-encoding
    }
  }
  return url;
}

export interface AppOptions {
  config: Config;
  database: DbHandle;
  clock?: Clock;
  /** pino logger options; false silences the log (tests) */
  logger?: boolean | object;
  /** where secrets such as MASTER_KEY are read from; process.env by default */
  env?: NodeJS.ProcessEnv;
}

export interface App {
  app: FastifyInstance;
  /** every route with its declared permission, as the running app registered it */
  routes: RouteEntry[];
  services: Services;
  /** the public page cache's size, for tests and the bench */
  pageCache: PageCacheStats;
}

/** Builds the application without listening: main.ts starts it, tests inject into it. */
export async function buildApp({ config, database, clock = systemClock, logger, env }: AppOptions): Promise<App> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            level: config.logLevel,
            // No request lines: URLs can carry tokens and IPs are personal data (security requirement R17, docs/requirements.md).
            serializers: { req: () => ({}), res: () => ({}) },
            ...(typeof logger === 'object' ? logger : {}),
          },
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    rewriteUrl: (req) => routableUrl(req.url ?? '/'),
  });
  const routes: RouteEntry[] = [];
  enforceDeclaredPermissions(app, routes);

  await registerSecurityHeaders(app, config);
  const settings = new SettingsRepository(database.db);
  const pageCache = registerPageCache(app, clock, () => settings.contentVersion());
  await app.register(formbody);
  registerErrorHandling(app, config.publicUrl);

  // Empty query values (an unused filter in a GET form) mean "not given".
  app.addHook('preValidation', async (request) => {
    const q = request.query as Record<string, unknown> | undefined;
    if (q) for (const k of Object.keys(q)) if (q[k] === '') delete q[k];
    // NUL is never text, and PostgreSQL refuses it in any string: a 400, not a 500. (Forms check
    // their own fields, so they can answer with a message; see FormErrors.text.)
    if (hasNul(request.params) || hasNul(request.query)) throw invalid('NUL character in the address');
  });
  // Public pages carry no personal data and may be cached anywhere; everything else is no-store.
  // Behind a login (/admin, /portal) or with a cookie set: never stored, never indexed.
  app.addHook('onSend', async (request, reply) => {
    const privateArea = /^(\/sv)?\/(admin|portal|invitation)(\/|$|\?)/.test(request.url);
    if (privateArea) reply.header('X-Robots-Tag', 'noindex, nofollow');
    if (privateArea || reply.hasHeader('Set-Cookie')) {
      reply.header('Cache-Control', 'no-store');
      return;
    }
    if (reply.hasHeader('Cache-Control')) return;
    const isPublic = request.routeOptions.config?.permission === 'public' && reply.statusCode < 400;
    reply.header('Cache-Control', isPublic ? 'public, max-age=60' : 'no-store');
  });

  const services = await buildServices(config, database, clock, env);
  const { events } = services;
  const cookies = await registerSessions(app, config, services, clock);

  app.get('/healthz', { config: { permission: 'public' } }, async (_request, reply) => {
    const started = process.hrtime.bigint();
    await probe(database.db);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return reply.header('Cache-Control', 'no-store').send({ status: 'ok', database: database.dialect, dbMs: Math.round(ms * 100) / 100 });
  });
  registerAssets(app);
  registerMedia(app, database.db, config.dataDir);
  registerEventPages(app, { events, registrations: services.registrations, publicUrl: config.publicUrl });
  registerRegistrationPages(app, { registrations: services.registrations, publicUrl: config.publicUrl });
  registerAwardPages(app, { award: services.award, publicUrl: config.publicUrl, dataDir: config.dataDir });
  registerBootcampPages(app, { bootcamp: services.bootcamp, publicUrl: config.publicUrl });
  registerConferencePages(app, { services, publicUrl: config.publicUrl });
  registerFeeds(app, { events, award: services.award, conference: services.conference, bootcamp: services.bootcamp, publicUrl: config.publicUrl });
  registerAdmin(app, { config, services, cookies });
  registerPortal(app, { config, services, cookies });

  await app.ready();
  return { app, routes, services, pageCache };
}
