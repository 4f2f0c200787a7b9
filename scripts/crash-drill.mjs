// The crash drill: registrations in a burst, `kill -9` of the server at a
// random moment during the burst, restart, then check that nothing a visitor was told is lost
// or doubled and that the database is intact.
//
//   node scripts/crash-drill.mjs                 3 rounds of 300 registrations (npm run crash-drill)
//   node scripts/crash-drill.mjs --rounds 20     `npm run bench` runs 20, CI 3 (test/integration/core/crash-drill.test.ts)
//   options: --rounds N  --burst N (registrations per round, 300)  --capacity N (seats per event, 100)
//            --data-dir DIR (an empty one; default a temp dir, removed afterwards)  --keep (keep it)
//            --build (npm run build first; done anyway when dist/main.js is missing)  --json (last line: the summary)
//   DATABASE_URL=postgres://... runs the server on that (empty or freshly migrated) PostgreSQL database.
//
// The built server (`node dist/main.js`, NODE_ENV unset, DEMO=0, its own MASTER_KEY) runs on
// one data directory for the whole drill: the database keeps growing from round to round.
// bench/seed.ts seeds one event per round (registration open, `--capacity` seats, waiting
// list on). Each round:
//   1. opens that event's form (CSRF cookie and token) and sends `--burst` registrations at
//      once, each with its own address and idempotency key, on its own connection;
//   2. kill -9 of the server 0-4 ms after a random number of answers (1 .. burst-1) arrived;
//      the rest are cut off; which requests got a 200, and with which outcome, is recorded;
//   3. restarts the server on the same data (it recovers the database itself), then checks
//      with a connection of its own:
//      - every idempotency key answered with 200 is in `registrations` exactly once, with
//        the status the answer named; every row belongs to a request that was sent;
//      - no idempotency key twice for an event (any round);
//      - for every event, `taken` = count(confirmed) and taken <= capacity;
//      - every registration has its mail in the outbox and its audit entry (same
//        transaction), and there is no mail or audit entry for a registration that is not there;
//      - SQLite: PRAGMA integrity_check = ok and no foreign key violation;
//      - the server answers again: /healthz, the form, a new registration (200), and five
//        answered keys sent again get the same outcome and create nothing.
// Ends with a graceful stop and a last integrity check of the closed file. Exits 1 on any
// violation, 2 when the drill itself cannot run (build, seed, a server that does not start).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { burstAgent, idempotencyKey, openForm, postRegistration } from '../bench/registration-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- options -------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i === -1) return fallback;
  const value = argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  if (value === undefined || value.startsWith('--')) usage(`--${name} needs a value`);
  return value;
}
const flag = (name) => argv.includes(`--${name}`);
function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/crash-drill.mjs [--rounds N] [--burst N] [--capacity N] [--data-dir DIR] [--keep] [--build] [--json]');
  process.exit(2);
}
if (flag('help')) usage();
const count = (name, fallback, min) => {
  const n = Number(option(name, String(fallback)));
  if (!Number.isInteger(n) || n < min) usage(`--${name} must be a whole number ≥ ${min}`);
  return n;
};
const ROUNDS = count('rounds', 3, 1);
const BURST = count('burst', 300, 2);
const CAPACITY = count('capacity', 100, 1);
const RESENT = 5;
const givenDir = option('data-dir', undefined);
const keep = flag('keep') || Boolean(givenDir);
const json = flag('json');
const databaseUrl = process.env.DATABASE_URL || undefined;
const dialect = databaseUrl ? 'postgres' : 'sqlite';

// ---- processes -----------------------------------------------------------------------------

let server; // the running server: { child, output() }
process.on('exit', () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const seconds = (ms) => (ms / 1000).toFixed(2);
const since = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

class DrillError extends Error {}

/** Starts `node dist/main.js` and waits until /healthz answers 200. */
async function startServer(env, origin) {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keepTail = (c) => {
    out = (out + c.toString()).slice(-20_000);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  const s = { child, output: () => out };
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new DrillError(`the server exited during start (${child.exitCode ?? child.signalCode}):\n${out}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.status === 200) return s;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new DrillError(`the server did not answer /healthz within 30 s:\n${out}`);
}

function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

// ---- reading the database ------------------------------------------------------------------

/** A connection of the drill's own: all(sql, params) with `?` placeholders, and the integrity checks. */
async function openReader(sqliteFile) {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      all: async (sql, params = []) => {
        let i = 0;
        return (
          await client.query(
            sql.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rows;
      },
      integrity: async () => ({ integrity: 'n/a (PostgreSQL)', foreignKeys: 0 }),
      close: () => client.end(),
    };
  }
  const db = new Database(sqliteFile, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    all: async (sql, params = []) => db.prepare(sql).all(...params),
    integrity: async () => ({
      integrity: db
        .pragma('integrity_check')
        .map((r) => r.integrity_check)
        .join('; '),
      foreignKeys: db.pragma('foreign_key_check').length,
    }),
    close: async () => db.close(),
  };
}

/** Every check of a round, after the restart. Returns the violations found (strings) and what was counted. */
async function verify(reader, round) {
  const violations = [];
  const flaw = (what) => violations.push(`round ${round.round}: ${what}`);
  const n = (x) => Number(x);

  const [event] = await reader.all('SELECT id FROM events WHERE slug = ?', [round.slug]);
  const rows = await reader.all('SELECT id, idempotency_key AS k, status FROM registrations WHERE event_id = ?', [event.id]);
  const byKey = new Map();
  for (const r of rows) byKey.set(r.k, [...(byKey.get(r.k) ?? []), r]);
  for (const a of round.acknowledged) {
    const found = byKey.get(a.idem) ?? [];
    if (found.length !== 1) flaw(`answered 200 (${a.outcome}) for key ${a.idem}, but ${found.length} rows hold it`);
    else if (found[0].status !== a.outcome) flaw(`answered ${a.outcome} for key ${a.idem}, but the row says ${found[0].status}`);
  }
  for (const r of rows) if (!round.sentKeys.has(r.k)) flaw(`row ${r.id} holds key ${r.k}, which no request of this round sent`);

  const doubled = await reader.all('SELECT event_id, idempotency_key, count(*) AS n FROM registrations GROUP BY event_id, idempotency_key HAVING count(*) > 1');
  for (const d of doubled) flaw(`key ${d.idempotency_key} is stored ${d.n} times for event ${d.event_id}`);

  const seats = await reader.all(
    `SELECT s.event_id, s.taken, s.capacity,
            (SELECT count(*) FROM registrations r WHERE r.event_id = s.event_id AND r.status = 'confirmed') AS confirmed
       FROM registration_settings s`,
  );
  for (const s of seats) {
    if (n(s.taken) !== n(s.confirmed)) flaw(`event ${s.event_id}: taken = ${s.taken} but ${s.confirmed} confirmed registrations`);
    if (s.capacity !== null && n(s.taken) > n(s.capacity)) flaw(`event ${s.event_id}: taken = ${s.taken} > capacity ${s.capacity}`);
  }

  // A registration is committed with its mail and its audit entry, or not at all.
  const ids = new Set((await reader.all('SELECT id FROM registrations')).map((r) => String(r.id)));
  const mailed = new Set(
    (await reader.all("SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'reg:%'")).map((r) => /^reg:(\d+):/.exec(r.dedupe_key)?.[1]).filter(Boolean),
  );
  const audited = new Set((await reader.all("SELECT object_id FROM audit_log WHERE object_type = 'registration'")).map((r) => String(r.object_id)));
  for (const id of ids) {
    if (!mailed.has(id)) flaw(`registration ${id} has no mail in the outbox`);
    if (!audited.has(id)) flaw(`registration ${id} has no audit entry`);
  }
  for (const id of mailed) if (!ids.has(id)) flaw(`a mail is queued for registration ${id}, which does not exist`);
  for (const id of audited) if (!ids.has(id)) flaw(`an audit entry names registration ${id}, which does not exist`);

  const { integrity, foreignKeys } = await reader.integrity();
  if (dialect === 'sqlite' && integrity !== 'ok') flaw(`PRAGMA integrity_check: ${integrity}`);
  if (foreignKeys) flaw(`PRAGMA foreign_key_check: ${foreignKeys} violations`);

  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  return { violations, rows: rows.length, confirmedRows: confirmed, waitlistedRows: rows.length - confirmed, integrity, eventId: event.id };
}

/** The restarted server takes registrations again, and answered keys sent again create nothing. */
async function answersAgain(origin, round, reader, eventId) {
  const violations = [];
  const flaw = (what) => violations.push(`round ${round.round}, after the restart: ${what}`);
  const health = await fetch(`${origin}/healthz`);
  if (health.status !== 200) flaw(`/healthz answered ${health.status}`);
  const rowsNow = async () => Number((await reader.all('SELECT count(*) AS n FROM registrations WHERE event_id = ?', [eventId]))[0].n);
  const before = await rowsNow();
  const form = await openForm(origin, round.slug);
  const agent = burstAgent();
  try {
    const fresh = await postRegistration(agent, form, { email: `drill-r${round.round}-after@example.org`, name: 'After the restart', idem: idempotencyKey() });
    if (fresh.status !== 200 || !['confirmed', 'waitlisted'].includes(fresh.outcome ?? ''))
      flaw(`a new registration got ${fresh.status || fresh.error} (${fresh.outcome ?? 'no outcome'})`);
    for (const a of round.acknowledged.slice(0, RESENT)) {
      const again = await postRegistration(agent, form, a);
      if (again.status !== 200 || again.outcome !== a.outcome)
        flaw(`key ${a.idem} sent again: ${again.status || again.error} ${again.outcome}, first answer ${a.outcome}`);
    }
  } finally {
    agent.destroy();
  }
  const after = await rowsNow();
  if (after !== before + 1) flaw(`${after - before} rows added, expected 1 (the new registration only)`);
  return violations;
}

// ---- one round -----------------------------------------------------------------------------

async function burstAndKill(origin, slug, round) {
  const form = await openForm(origin, slug);
  const run = crypto.randomBytes(3).toString('hex');
  const people = Array.from({ length: BURST }, (_, i) => ({
    email: `drill-r${round}-${i + 1}-${run}@example.org`,
    name: `Drill Registrant ${round}.${i + 1}`,
    idem: idempotencyKey(),
  }));
  const killAfter = 1 + crypto.randomInt(BURST - 1); // answers before the kill: 1 .. BURST-1
  const agent = burstAgent();
  let answered = 0;
  let killedAtMs = null;
  const t0 = process.hrtime.bigint();
  const killNow = () => {
    if (killedAtMs !== null) return;
    killedAtMs = since(t0);
    server.child.kill('SIGKILL');
  };
  const results = await Promise.all(
    people.map((p) =>
      postRegistration(agent, form, p, 60_000).then((r) => {
        // a few milliseconds of jitter, so the kill lands anywhere in the next transactions
        if (r.status !== 0 && ++answered === killAfter) setTimeout(killNow, crypto.randomInt(0, 5));
        return { ...p, ...r };
      }),
    ),
  );
  killNow(); // in case every request ended before the planned kill (or within its jitter)
  await exited(server.child);
  agent.destroy();
  if (server.child.signalCode !== 'SIGKILL')
    throw new DrillError(`the server ended by itself (${server.child.exitCode}) instead of being killed:\n${server.output()}`);
  return { results, killAfter, killedAtMs };
}

// ---- run -----------------------------------------------------------------------------------

const log = (line) => console.log(line);
let dataDir;
let removeDir = false;
const summary = { dialect, rounds: [], violations: [], burst: BURST, capacity: CAPACITY, seconds: 0 };
const started = Date.now();
try {
  if (flag('build') || !fs.existsSync(path.join(root, 'dist/main.js'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new DrillError('npm run build failed');
  }
  if (givenDir) {
    dataDir = path.resolve(givenDir);
    fs.mkdirSync(dataDir, { recursive: true });
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-crash-drill-'));
    removeDir = !keep;
  }

  const seedRun = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed.ts', dataDir, '0', `--registration-events=${ROUNDS}`, `--capacity=${CAPACITY}`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl ?? '' },
  });
  if (seedRun.status !== 0) throw new DrillError(`seeding failed:\n${seedRun.stdout}${seedRun.stderr}`);
  const seed = JSON.parse(seedRun.stdout.trim().split('\n').pop());
  const sqliteFile = dialect === 'sqlite' ? seed.database : undefined;

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.NODE_ENV;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    DATA_DIR: dataDir,
    DEMO: '0',
    MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    LOG_LEVEL: 'error',
    SMTP_URL: '', // mails are written as files under DATA_DIR/mail
    DATABASE_URL: databaseUrl ?? '',
  });
  log(
    `crash drill on ${dialect === 'sqlite' ? `SQLite ${sqliteFile}` : 'PostgreSQL (DATABASE_URL)'}: ${ROUNDS} round${ROUNDS === 1 ? '' : 's'} of ${BURST} registrations at once, ` +
      `kill -9 during each burst; one event with ${CAPACITY} seats and a waiting list per round, one database growing over all rounds`,
  );
  server = await startServer(env, origin);

  for (let round = 1; round <= ROUNDS; round++) {
    const slug = seed.registrationSlugs[round - 1];
    const { results, killAfter, killedAtMs } = await burstAndKill(origin, slug, round);
    const acknowledged = results.filter((r) => r.status === 200 && (r.outcome === 'confirmed' || r.outcome === 'waitlisted'));
    const other = results.filter((r) => r.status !== 0 && !acknowledged.includes(r));
    const cutOff = results.filter((r) => r.status === 0).length;
    const r = {
      round,
      slug,
      sent: BURST,
      killAfter,
      killedAtMs: Math.round(killedAtMs),
      ok200: acknowledged.length,
      confirmed: acknowledged.filter((a) => a.outcome === 'confirmed').length,
      waitlisted: acknowledged.filter((a) => a.outcome === 'waitlisted').length,
      otherAnswers: other.length,
      cutOff,
      rows: 0,
      unanswered: 0,
      restartMs: 0,
      integrity: '',
      violations: [],
    };
    // Any answer other than a 200 with an outcome is wrong: the input is valid and the waiting list is on.
    for (const o of other) r.violations.push(`round ${round}: answer ${o.status} (${o.outcome ?? 'no outcome'}) for key ${o.idem}`);

    const t0 = process.hrtime.bigint();
    server = await startServer(env, origin);
    r.restartMs = Math.round(since(t0));
    const reader = await openReader(sqliteFile);
    try {
      const checked = await verify(reader, { round, slug, acknowledged, sentKeys: new Set(results.map((x) => x.idem)) });
      r.violations.push(...checked.violations);
      r.rows = checked.rows;
      r.unanswered = checked.rows - acknowledged.length;
      r.integrity = checked.integrity;
      r.violations.push(...(await answersAgain(origin, { round, slug, acknowledged }, reader, checked.eventId)));
    } finally {
      await reader.close();
    }
    summary.rounds.push(r);
    summary.violations.push(...r.violations);
    log(
      `round ${String(round).padStart(2)}/${ROUNDS}: killed after ${r.killAfter} answers (${seconds(r.killedAtMs)} s in); ` +
        `${r.ok200} × 200 (${r.confirmed} confirmed, ${r.waitlisted} waitlisted), ${r.cutOff} cut off, ${r.otherAnswers} other; ` +
        `${r.rows} rows (${r.unanswered} committed without an answer); restart ${seconds(r.restartMs)} s; integrity ${r.integrity}; violations ${r.violations.length}`,
    );
    for (const v of r.violations.slice(0, 10)) log(`  VIOLATION ${v}`);
  }

  // A graceful stop, then the closed file once more.
  server.child.kill('SIGTERM');
  const stopped = await Promise.race([exited(server.child).then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
  if (!stopped) {
    summary.violations.push('the server did not stop within 10 s of SIGTERM');
    server.child.kill('SIGKILL');
    await exited(server.child);
  }
  if (sqliteFile) {
    const reader = await openReader(sqliteFile);
    const { integrity, foreignKeys } = await reader.integrity();
    await reader.close();
    summary.finalIntegrity = integrity;
    if (integrity !== 'ok') summary.violations.push(`after the last stop: PRAGMA integrity_check: ${integrity}`);
    if (foreignKeys) summary.violations.push(`after the last stop: ${foreignKeys} foreign key violations`);
  }
} catch (err) {
  if (server) server.child.kill('SIGKILL');
  console.error(`crash drill could not run: ${err instanceof Error ? err.message : String(err)}`);
  if (!(err instanceof DrillError) && err instanceof Error) console.error(err.stack);
  if (dataDir && removeDir) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(2);
}

summary.seconds = Math.round((Date.now() - started) / 100) / 10;
const pass = summary.violations.length === 0;
log(
  `crash drill: ${summary.rounds.length} rounds on ${dialect}, 200 answers per round: ${summary.rounds.map((r) => r.ok200).join(', ')}; ` +
    `committed without an answer: ${summary.rounds.map((r) => r.unanswered).join(', ')}; violations ${summary.violations.length} ` +
    `(${summary.seconds} s) ${pass ? 'PASS' : 'FAIL'}`,
);
if (keep) log(`data directory kept: ${dataDir}`);
if (removeDir) fs.rmSync(dataDir, { recursive: true, force: true });
if (json) console.log(JSON.stringify(summary));
process.exit(pass ? 0 : 1);
