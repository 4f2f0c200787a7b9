import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import type { Dialect } from '../../src/db/database.js';
import type { KyselyPlugin } from 'kysely';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/core/shared/clock.js';
import { builtAssetsDir, projectRoot } from '../../src/paths.js';
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
  opts: {
    dialect?: Dialect;
    seed?: (db: Db, mediaRoot: string) => Promise<void>;
    clock?: Clock;
    env?: NodeJS.ProcessEnv;
    /** sees every query the app builds (not the seed's) */
    observe?: KyselyPlugin;
  } = {},
): Promise<TestApp> {
  // The pages link the bundled browser scripts; `npm test` builds them, a test file run on its own may not have.
  if (!fs.existsSync(path.join(builtAssetsDir, 'passkeys.js')))
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  const database = await freshDatabase(opts.dialect ?? 'sqlite');
  if (opts.seed) await opts.seed(database.db, database.mediaRoot);
  const env: NodeJS.ProcessEnv = { DATA_DIR: database.dataDir, PUBLIC_URL: 'http://events.test', ...opts.env };
  // Production refuses to start without mail and a master key; tests give throwaway ones.
  if (env.NODE_ENV === 'production') env.SMTP_URL ??= 'smtp://127.0.0.1:1';
  env.MASTER_KEY ??= TEST_MASTER_KEY;
  const config = loadConfig(env);
  const observed = opts.observe ? { ...database, db: database.db.withPlugin(opts.observe) } : database;
  const built = await buildApp({ config, database: observed, clock: opts.clock, logger: false, env });
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

/**
 * The same, listening on a random loopback port, for browser and load tests. With
 * `origin: 'localhost'` the app's PUBLIC_URL is the address the browser uses
 * (http://localhost:<port>), as WebAuthn needs: its relying party id must be a host name
 * the page is on, and an IP address is never one.
 */
export async function listeningTestApp(opts: Parameters<typeof testApp>[0] & { origin?: 'localhost' } = {}): Promise<TestApp & { url: string }> {
  if (opts.origin === 'localhost') {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const t = await testApp({ ...opts, env: { ...opts.env, PUBLIC_URL: url } });
    await t.app.listen({ port, host: '127.0.0.1' });
    return { ...t, url };
  }
  const t = await testApp(opts);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
