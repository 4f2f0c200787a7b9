import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { restrictNewFiles } from './db/data-dir.js';
import { migrateToLatest } from './db/migrate.js';
import { loadDemoIfEmpty } from './db/demo/load.js';
import { buildApp } from './server.js';

async function main(): Promise<void> {
  // Everything the server writes (database, key, uploads, mail files) is for its own user only.
  restrictNewFiles();
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const { app, services } = await buildApp({ config, database });
  if (config.demo) {
    // The master key seals the demo's invented registrants as the app seals real ones.
    const loaded = await loadDemoIfEmpty(database.db, path.join(config.dataDir, 'media'), new Date(), services.box);
    if (loaded) console.log(`Loaded demo content: ${loaded.events} events`);
  }
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `Defenders' Days on ${config.publicUrl} (listening on ${config.host}:${config.port}; ${database.dialect}${database.file ? ` ${database.file}` : ''})`,
  );
  services.worker.start();
  // Ended sessions, stale throttle rows and spent tokens are deleted every hour.
  const purge = () => void services.auth.purgeExpired().catch((err: unknown) => console.error('purge failed:', err instanceof Error ? err.message : err));
  purge();
  setInterval(purge, 3_600_000).unref();
  // Reminders the day before (every 10 minutes); registrants' data deleted after the retention period (hourly).
  const job = (name: string, fn: () => Promise<unknown>) => () =>
    void fn().catch((err: unknown) => console.error(`${name} failed:`, err instanceof Error ? err.message : err));
  const remind = job('reminders', () => services.registrationJobs.sendReminders());
  const retain = job('registration retention', () => services.registrationJobs.applyRetention());
  // Participants' data is erased (rows deleted, the edition's data key destroyed) after its retention period.
  const erase = job('participant deletion', async () => {
    await services.portal.purgeSessions();
    const erased = await services.logistics.purgeExpired();
    if (erased.length) console.log(`Erased the participants of ${erased.length} edition(s)`);
    // Finishes a scrub an earlier erasure could not (another process held the database), and
    // on SQLite clears the WAL of what ordinary edits overwrote in the last hour.
    const scrub = await database.scrubErased([]);
    if (!scrub.complete) console.warn(`The database files still hold erased data: ${scrub.detail}`);
  });
  remind();
  retain();
  erase();
  setInterval(remind, 600_000).unref();
  setInterval(retain, 3_600_000).unref();
  setInterval(erase, 3_600_000).unref();
  const setupLink = await services.accounts.ensureSetupLink();
  if (setupLink) console.log(`No administrator yet. Create the first one with this one-time link:\n  ${setupLink}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing`);
    await app.close();
    await services.worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
