import Fastify, { LogController, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { Config } from './config.js';
import type { DbHandle } from './db/database.js';
import { systemClock, type Clock } from './core/shared/clock.js';
import { EventsRepository } from './core/events/events.repository.js';
import { EventsService } from './core/events/events.service.js';
import { registerSecurityHeaders } from './security/headers.js';
import { registerAssets } from './web/assets.js';
import { registerErrorHandling } from './web/errors.js';
import { registerMedia } from './web/media.routes.js';
import { enforceDeclaredPermissions, type RouteEntry } from './web/routing.js';
import { registerEventPages } from './web/public/events.routes.js';
import { registerFeeds } from './web/public/feeds.routes.js';

export interface AppOptions {
  config: Config;
  database: DbHandle;
  clock?: Clock;
  /** pino logger options; false silences the log (tests) */
  logger?: boolean | object;
}

export interface App {
  app: FastifyInstance;
  /** every route with its declared permission, as the running app registered it */
  routes: RouteEntry[];
}

/** Builds the application without listening: main.ts starts it, tests inject into it. */
export async function buildApp({ config, database, clock = systemClock, logger }: AppOptions): Promise<App> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            level: config.logLevel,
            // No request lines: URLs can carry tokens and IPs are personal data (requirement 17).
            serializers: { req: () => ({}), res: () => ({}) },
            ...(typeof logger === 'object' ? logger : {}),
          },
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const routes: RouteEntry[] = [];
  enforceDeclaredPermissions(app, routes);

  await registerSecurityHeaders(app, config);
  await app.register(formbody);
  registerErrorHandling(app, config.publicUrl);

  // Empty query values (an unused filter in a GET form) mean "not given".
  app.addHook('preValidation', async (request) => {
    const q = request.query as Record<string, unknown> | undefined;
    if (q) for (const k of Object.keys(q)) if (q[k] === '') delete q[k];
  });
  // Public pages carry no personal data and may be cached anywhere; everything else is no-store.
  app.addHook('onSend', async (request, reply) => {
    if (reply.hasHeader('Cache-Control')) return;
    const isPublic = request.routeOptions.config?.permission === 'public' && reply.statusCode < 400;
    reply.header('Cache-Control', isPublic ? 'public, max-age=60' : 'no-store');
  });

  const events = new EventsService(new EventsRepository(database.db), clock);

  app.get('/healthz', { config: { permission: 'public' } }, async (_request, reply) => {
    const started = process.hrtime.bigint();
    await database.db.selectFrom('settings').select('key').limit(1).execute();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return reply.header('Cache-Control', 'no-store').send({ status: 'ok', database: database.dialect, dbMs: Math.round(ms * 100) / 100 });
  });
  registerAssets(app);
  registerMedia(app, database.db, config.dataDir);
  registerEventPages(app, { events, publicUrl: config.publicUrl });
  registerFeeds(app, { events, publicUrl: config.publicUrl });

  await app.ready();
  return { app, routes };
}
