import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config.js';
import type { Dialect } from '../../src/db/database.js';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/core/shared/clock.js';
import { buildApp, type App } from '../../src/server.js';
import { freshDatabase, type TestDatabase } from './db.js';

/** A fixed master key for tests only (32 bytes, base64). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp extends App {
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole application on a fresh database, for inject()-style tests. `seed` runs
 * after migrations and before the app is built.
 */
export async function testApp(
  opts: { dialect?: Dialect; seed?: (db: Db, mediaRoot: string) => Promise<void>; clock?: Clock; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const database = await freshDatabase(opts.dialect ?? 'sqlite');
  if (opts.seed) await opts.seed(database.db, database.mediaRoot);
  const env: NodeJS.ProcessEnv = { DATA_DIR: database.dataDir, PUBLIC_URL: 'http://events.test', ...opts.env };
  // Production refuses to start without mail and a master key; tests give throwaway ones.
  if (env.NODE_ENV === 'production') env.SMTP_URL ??= 'smtp://127.0.0.1:1';
  env.MASTER_KEY ??= TEST_MASTER_KEY;
  const config = loadConfig(env);
  const built = await buildApp({ config, database, clock: opts.clock, logger: false, env });
  return {
    ...built,
    database,
    config,
    async close() {
      await built.app.close();
      await database.drop();
    },
  };
}

/** The same, listening on a random loopback port, for browser and load tests. */
export async function listeningTestApp(opts: Parameters<typeof testApp>[0] = {}): Promise<TestApp & { url: string }> {
  const t = await testApp(opts);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}
