// `npm run bench`: how fast the public pages are on one core, next to what a bare static
// server does with the same bytes on that core. See bench/README.md.
//
//   npm run bench                 10 s per target (plus 2 s warm-up)
//   npm run bench -- --quick      2 s per target, for smoke runs
//   npm run bench -- --only=events,event-page   some targets only
//   npm run bench -- --profile    server runs with --cpu-prof; profiles land in bench/tmp/
//   npm run bench -- --keep       keep the temp data directory
//   npm run bench -- --only=burst,crash-drill   the registration burst and the crash drill only
//
// Exits 0 when a target misses (it is a measurement); exits 1 only when the bench itself breaks.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const only = option('only')?.split(',');
const LOAD = { connections: 50, duration: quick ? 2 : 10, warmup: quick ? 1 : 2 };
const KB = 1024;

// ---- targets -----------------------------------------------------------------------------
// One object per measured URL. Later issues add theirs here (e.g. a registration burst:
// `method: 'POST'`, `load: { body, headers }`; the conference programme page).
//   name       short id, used by --only and in results.json
//   path(seed) the URL path, given what bench/seed.ts printed
//   load       extra autocannon options (method, body, headers, connections, ...)
//   goals      { minRps, maxP99Ms } from the issue; omitted ones are not judged
//   ceiling    false to skip the static-file comparison
//   checks(r)  extra PASS/FAIL checks on one response: [{ name, value, limit, unit, pass }]

/** @typedef {{ name: string, label: string, path: (seed: any) => string, load?: object, goals?: { minRps?: number, maxP99Ms?: number }, ceiling?: boolean, checks?: (r: Sample) => Promise<Check[]> }} Target */
/** @typedef {{ url: string, status: number, type: string, body: Buffer, origin: string }} Sample */
/** @typedef {{ name: string, value: number, limit: number, unit: string, pass: boolean }} Check */

/** @type {Target[]} */
const targets = [
  { name: 'events', label: '/events', path: () => '/events', goals: { minRps: 3000, maxP99Ms: 50 } },
  {
    name: 'event-page',
    label: '/events/<slug>',
    path: (seed) => `/events/${seed.richSlug}`,
    goals: { minRps: 3000, maxP99Ms: 50 },
    checks: pageWeightChecks,
  },
  { name: 'events-ics', label: '/events.ics', path: () => '/events.ics', goals: { minRps: 500 } },
  // The conference: an edition's programme, 120 public sessions in 6 tracks.
  { name: 'programme', label: '/defenders-days/<year>/programme', path: (seed) => seed.conference.path, goals: { minRps: 1000 } },
];

// Registration: a burst of registrations, all sent at once, for an event with this many seats and
// the waiting list on: exactly `capacity` confirmed, the rest waitlisted, no error.
const BURST = { name: 'burst', requests: 1000, capacity: 100 };
// The crash drill (scripts/crash-drill.mjs): bursts, kill -9, restart, checks.
const DRILL = { name: 'crash-drill', rounds: quick ? 3 : 20 };

/** The public pages' targets: event page HTML ≤ 30 KB, its CSS ≤ 20 KB, no JavaScript (JSON-LD is data, not script). */
async function pageWeightChecks(r) {
  const html = r.body.toString('utf8');
  const cssHrefs = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => m[0])
    .filter((tag) => /rel=["']?stylesheet/i.test(tag))
    .map((tag) => /href=["']?([^"' >]+)/i.exec(tag)?.[1])
    .filter(Boolean);
  let cssBytes = 0;
  for (const href of cssHrefs) {
    const res = await fetch(new URL(href, r.origin));
    if (!res.ok) throw new Error(`stylesheet ${href}: HTTP ${res.status}`);
    cssBytes += (await res.arrayBuffer()).byteLength;
  }
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/type=["']?application\/ld\+json/i.test(m[1])).length;
  return [
    { name: 'event page HTML', value: r.body.length, limit: 30 * KB, unit: 'bytes', pass: r.body.length <= 30 * KB },
    {
      name: `event page CSS (${cssHrefs.length} file${cssHrefs.length === 1 ? '' : 's'})`,
      value: cssBytes,
      limit: 20 * KB,
      unit: 'bytes',
      pass: cssHrefs.length > 0 && cssBytes <= 20 * KB,
    },
    { name: 'event page <script> tags (not JSON-LD)', value: scripts, limit: 0, unit: 'tags', pass: scripts === 0 },
  ];
}

// ---- helpers -----------------------------------------------------------------------------

const children = new Set();
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

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

const hasTaskset = (() => {
  if (os.availableParallelism() < 2) return false;
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
})();
/** [command, args] that run `cmd args` on one CPU when taskset is there. */
const pinned = (cpu, cmd, argv) => (hasTaskset ? ['taskset', ['-c', String(cpu), cmd, ...argv]] : [cmd, argv]);
const SERVER_CPU = 1;
const LOAD_CPU = 0;

function startProcess(cmd, argv, { env = {}, log }) {
  const out = fs.openSync(log, 'a');
  const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function waitReady(origin, child, log) {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); log:\n${fs.readFileSync(log, 'utf8')}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after 20 s; log:\n${fs.readFileSync(log, 'utf8')}`);
}

function stopProcess(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** One autocannon run (warm-up + measured) in a child pinned to the load core; `cpuPid` is the server's pid. */
function load(url, cpuPid, extra = {}) {
  const [cmd, argv] = pinned(LOAD_CPU, process.execPath, [path.join(root, 'bench/load.mjs'), JSON.stringify({ url, cpuPid, ...LOAD, ...extra })]);
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`load run failed for ${url}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function sample(origin, p, extra = {}) {
  const res = await fetch(origin + p, { method: extra.method ?? 'GET', headers: extra.headers, body: extra.body });
  return {
    url: origin + p,
    status: res.status,
    type: res.headers.get('content-type') ?? 'application/octet-stream',
    body: Buffer.from(await res.arrayBuffer()),
    origin,
  };
}

/** ", server 0.42 ms CPU/request, 97% of its core" */
const cpuNote = (run) =>
  run.serverCpu?.msPerRequest ? `, server ${run.serverCpu.msPerRequest.toFixed(2)} ms CPU/req, ${Math.round(100 * run.serverCpu.coreShare)}% of its core` : '';
const loadAverage = () => {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {
    return os.loadavg();
  }
};

const git = (...a) => {
  try {
    return execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const cpuModel = () => {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
};

/**
 * The registration burst: `BURST.requests` registrations at once from the load core (bench/burst.mjs),
 * then the database read directly: rows by status, `taken`, idempotency keys.
 */
function runBurst(origin, seed, serverPid) {
  const slug = seed.registrationSlugs[0];
  process.stdout.write(`  registration burst   ${BURST.requests} at once, ${BURST.capacity} seats ... `);
  const [cmd, argv] = pinned(LOAD_CPU, process.execPath, [
    path.join(root, 'bench/burst.mjs'),
    JSON.stringify({ origin, slug, requests: BURST.requests, cpuPid: serverPid }),
  ]);
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`registration burst failed:\n${r.stderr}`);
  const run = JSON.parse(r.stdout.trim().split('\n').pop());
  const db = new Database(seed.database, { fileMustExist: true });
  try {
    const { id } = db.prepare('SELECT id FROM events WHERE slug = ?').get(slug);
    const byStatus = Object.fromEntries(
      db
        .prepare('SELECT status, count(*) AS n FROM registrations WHERE event_id = ? GROUP BY status')
        .all(id)
        .map((x) => [x.status, x.n]),
    );
    const settings = db.prepare('SELECT taken, capacity FROM registration_settings WHERE event_id = ?').get(id);
    const keys = db.prepare('SELECT count(*) AS n, count(DISTINCT idempotency_key) AS d FROM registrations WHERE event_id = ?').get(id);
    run.database = {
      confirmed: byStatus.confirmed ?? 0,
      waitlisted: byStatus.waitlisted ?? 0,
      cancelled: byStatus.cancelled ?? 0,
      rows: keys.n,
      distinctIdempotencyKeys: keys.d,
      taken: settings.taken,
      capacity: settings.capacity,
    };
  } finally {
    db.close();
  }
  console.log(
    `${run.confirmed} confirmed, ${run.waitlisted} waitlisted, ${run.non2xx + run.errors} errors in ${(run.totalMs / 1000).toFixed(2)} s, p99 ${run.latencyMs.p99} ms; taken = ${run.database.taken}`,
  );
  return run;
}

/** The crash drill with DRILL.rounds rounds; its progress lines pass through, its last line is the JSON summary. */
function runDrill() {
  console.log(`  crash drill          ${DRILL.rounds} rounds (scripts/crash-drill.mjs) ...`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/crash-drill.mjs', '--rounds', String(DRILL.rounds), '--json'], {
      cwd: root,
      env: { ...process.env, ...sqliteOnly },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(child);
    let partial = '';
    let summary = null;
    const take = (line) => {
      if (line.startsWith('{')) summary = JSON.parse(line);
      else if (line) console.log(`    ${line}`);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(take);
    });
    child.on('close', (code) => {
      children.delete(child);
      take(partial);
      if (!summary) return reject(new Error(`crash drill exited ${code} without a summary`));
      resolve(summary);
    });
  });
}

// ---- run ---------------------------------------------------------------------------------

const selected = targets.filter((t) => !only || only.includes(t.name));
const wants = (name) => !only || only.includes(name);
if (!selected.length && !wants(BURST.name) && !wants(DRILL.name)) {
  console.error(`no target matches --only=${only}; targets: ${[...targets.map((t) => t.name), BURST.name, DRILL.name].join(', ')}`);
  process.exit(2);
}

console.log(`Building (npm run build) ...`);
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

fs.mkdirSync(path.join(root, 'bench/tmp'), { recursive: true });
const tmp = fs.mkdtempSync(path.join(root, 'bench/tmp/run-'));
const dataDir = path.join(tmp, 'data');
const serverLog = path.join(tmp, 'server.log');

// The bench runs on the embedded SQLite database, whatever DATABASE_URL the shell has.
const sqliteOnly = { DATABASE_URL: '' };
console.log(`Seeding 1,000 events into ${path.relative(root, dataDir)} ...`);
const seedRun = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed.ts', dataDir, '1000', '--registration-events=1', `--capacity=${BURST.capacity}`], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, ...sqliteOnly },
});
if (seedRun.status !== 0) {
  console.error(seedRun.stdout, seedRun.stderr);
  process.exit(1);
}
const seed = JSON.parse(seedRun.stdout.trim().split('\n').pop());
console.log(`  ${seed.events} events in ${seed.seconds} s; rich event: /events/${seed.richSlug}; registration: /events/${seed.registrationSlugs[0]}`);

if (!hasTaskset) console.log('NOTE: taskset not available (or fewer than 2 CPUs): server and load generator are NOT pinned; figures are rougher.');
else console.log(`Server pinned to CPU ${SERVER_CPU}, load generator to CPU ${LOAD_CPU}.`);
const loadBefore = loadAverage();
if (loadBefore[0] > 0.5) console.log(`NOTE: load average is ${loadBefore[0]} before starting: other work on this machine will lower the figures.`);
console.log(`Load: ${LOAD.connections} connections, ${LOAD.warmup} s warm-up + ${LOAD.duration} s per target${quick ? ' (--quick)' : ''}.\n`);

const results = [];
let burst = null;
let drill = null;
try {
  // 1. The application, all targets.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const profileDir = path.join(tmp, 'profiles');
  const nodeArgs = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const [cmd, argv] = pinned(SERVER_CPU, process.execPath, [...nodeArgs, 'dist/main.js']);
  const server = startProcess(cmd, argv, {
    env: { DEMO: '0', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', NODE_ENV: '', ...sqliteOnly },
    log: serverLog,
  });
  await waitReady(origin, server, serverLog);

  for (const t of selected) {
    const p = t.path(seed);
    const s = await sample(origin, p, t.load);
    if (s.status !== 200) throw new Error(`${p}: HTTP ${s.status}`);
    const file = path.join(tmp, `${t.name}.body`);
    fs.writeFileSync(file, s.body);
    const checks = t.checks ? await t.checks(s) : [];
    process.stdout.write(`  ${t.label.padEnd(18)} ${String(s.body.length).padStart(8)} B ... `);
    const app = load(origin + p, server.pid, t.load);
    console.log(`${Math.round(app.requestsPerSecond)} req/s, p99 ${app.latencyMs.p99} ms${cpuNote(app)}`);
    results.push({ target: t, path: p, bytes: s.body.length, contentType: s.type, file, checks, app, ceiling: null });
  }
  // The registration burst, after the page targets so its writes do not touch their figures.
  if (wants(BURST.name)) burst = runBurst(origin, seed, server.pid);
  await stopProcess(server);
  if (flag('profile')) console.log(`  CPU profile(s): ${profileDir}`);

  // 2. The ceilings: same bytes from a bare node:http server on the same core, one at a time.
  for (const r of results) {
    if (r.target.ceiling === false) continue;
    const sport = await freePort();
    const sorigin = `http://127.0.0.1:${sport}`;
    const [scmd, sargv] = pinned(SERVER_CPU, process.execPath, [path.join(root, 'bench/static-server.mjs'), r.file, r.contentType, String(sport)]);
    const log = path.join(tmp, `ceiling-${r.target.name}.log`);
    const st = startProcess(scmd, sargv, { log });
    await waitReady(sorigin, st, log);
    process.stdout.write(`  ceiling ${r.target.label.padEnd(10)} ${String(r.bytes).padStart(8)} B ... `);
    r.ceiling = load(`${sorigin}${r.path}`, st.pid, { ...r.target.load, method: 'GET', body: undefined });
    console.log(`${Math.round(r.ceiling.requestsPerSecond)} req/s, p99 ${r.ceiling.latencyMs.p99} ms${cpuNote(r.ceiling)}`);
    await stopProcess(st);
  }

  // 3. The crash drill: its own servers on its own data directory (not pinned).
  if (wants(DRILL.name)) drill = await runDrill();
} catch (err) {
  cleanup();
  console.error(`\nBench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

// ---- report ------------------------------------------------------------------------------

const verdict = (pass) => (pass ? 'PASS' : 'FAIL');
const goals = [];
for (const r of results) {
  const g = r.target.goals ?? {};
  const clean = r.app.non2xx === 0 && r.app.errors === 0 && r.app.timeouts === 0;
  if (!clean)
    goals.push({ name: `${r.target.label} all responses 2xx`, value: r.app.non2xx + r.app.errors + r.app.timeouts, limit: 0, unit: 'bad', pass: false });
  if (g.minRps !== undefined)
    goals.push({
      name: `${r.target.label} req/s`,
      value: Math.round(r.app.requestsPerSecond),
      limit: g.minRps,
      unit: '≥',
      pass: r.app.requestsPerSecond >= g.minRps,
    });
  if (g.maxP99Ms !== undefined)
    goals.push({ name: `${r.target.label} p99 ms`, value: r.app.latencyMs.p99, limit: g.maxP99Ms, unit: '≤', pass: r.app.latencyMs.p99 <= g.maxP99Ms });
  goals.push(...r.checks.map((c) => ({ ...c, unit: c.unit === 'bytes' || c.unit === 'tags' ? `≤ (${c.unit})` : c.unit })));
}
// The burst: exactly `capacity` seats, everyone else on the waiting list, no error, `taken` right.
if (burst) {
  const exact = (name, value, limit) => goals.push({ name, value, limit, unit: '=', pass: value === limit });
  exact('burst: confirmed (answers)', burst.confirmed, BURST.capacity);
  exact('burst: waitlisted (answers)', burst.waitlisted, BURST.requests - BURST.capacity);
  exact('burst: non-2xx + socket errors', burst.non2xx + burst.errors + burst.otherOutcome, 0);
  exact('burst: confirmed rows in the database', burst.database.confirmed, BURST.capacity);
  exact('burst: waitlisted rows in the database', burst.database.waitlisted, BURST.requests - BURST.capacity);
  exact('burst: taken (registration_settings)', burst.database.taken, BURST.capacity);
}
// The crash drill finds nothing wrong in any round.
if (drill) {
  goals.push({ name: `crash drill: rounds completed`, value: drill.rounds.length, limit: DRILL.rounds, unit: '=', pass: drill.rounds.length === DRILL.rounds });
  goals.push({ name: `crash drill: violations`, value: drill.violations.length, limit: 0, unit: '=', pass: drill.violations.length === 0 });
}

const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
const widths = [18, 9, 8, 8, 12, 12, 7, 11, 12];
console.log(`\n${row(['target', 'bytes', 'req/s', 'p99 ms', 'ceiling r/s', 'ceiling p99', 'ratio', 'CPU ms/req', 'req/CPU-s'], widths)}`);
console.log('-'.repeat(widths.reduce((a, b) => a + b + 2, -2)));
for (const r of results) {
  const ratio = r.ceiling ? `${Math.round((100 * r.app.requestsPerSecond) / r.ceiling.requestsPerSecond)}%` : '–';
  console.log(
    row(
      [
        r.target.label,
        r.bytes,
        Math.round(r.app.requestsPerSecond),
        r.app.latencyMs.p99,
        r.ceiling ? Math.round(r.ceiling.requestsPerSecond) : '–',
        r.ceiling ? r.ceiling.latencyMs.p99 : '–',
        ratio,
        r.app.serverCpu?.msPerRequest ? r.app.serverCpu.msPerRequest.toFixed(3) : '–',
        r.app.serverCpu?.requestsPerCpuSecond ? Math.round(r.app.serverCpu.requestsPerCpuSecond) : '–',
      ],
      widths,
    ),
  );
}
console.log('CPU ms/req: server CPU time per request in the measured run; req/CPU-s: what one dedicated core would do at that cost.');
for (const r of results) {
  for (const [what, run] of [
    ['app', r.app],
    ['ceiling', r.ceiling],
  ]) {
    if (run?.serverCpu && run.serverCpu.coreShare < 0.85) {
      console.log(
        `NOTE: ${r.target.label} (${what}): the server used ${Math.round(100 * run.serverCpu.coreShare)}% of its core: req/s was limited elsewhere (load generator, other processes), not by the server.`,
      );
    }
  }
}
if (burst) {
  console.log(
    `\nRegistration burst: ${burst.requests} at once for ${BURST.capacity} seats: ${burst.confirmed} confirmed, ${burst.waitlisted} waitlisted, ` +
      `${burst.non2xx} non-2xx, ${burst.errors} socket errors; ${(burst.totalMs / 1000).toFixed(2)} s in all (${Math.round(burst.registrationsPerSecond)}/s), ` +
      `latency p50 ${burst.latencyMs.p50} ms, p99 ${burst.latencyMs.p99} ms, max ${burst.latencyMs.max} ms` +
      (burst.serverCpu ? `; server ${burst.serverCpu.msPerRegistration.toFixed(2)} ms CPU per registration` : '') +
      `; database: ${burst.database.confirmed} confirmed, ${burst.database.waitlisted} waitlisted, taken ${burst.database.taken}.`,
  );
}
if (drill) {
  console.log(
    `Crash drill: ${drill.rounds.length} rounds, answers 200 per round: ${drill.rounds.map((r) => r.ok200).join(', ')}; ` +
      `rows committed without an answer: ${drill.rounds.reduce((n, r) => n + r.unanswered, 0)}; violations: ${drill.violations.length}.`,
  );
}
console.log('\nTargets (issues 2, 4 and 7):');
for (const g of goals) {
  const limit = g.unit.startsWith('≤')
    ? `≤ ${g.limit}${g.unit.length > 1 ? ` ${g.unit.slice(2)}` : ''}`
    : g.unit === '≥'
      ? `≥ ${g.limit}`
      : g.unit === '='
        ? `= ${g.limit}`
        : `${g.limit}`;
  console.log(`  ${verdict(g.pass)}  ${g.name.padEnd(42)} ${String(g.value).padStart(8)}   (${limit})`);
}
const failed = goals.filter((g) => !g.pass);
console.log(failed.length ? `\n*** FAIL: ${failed.length} of ${goals.length} targets missed ***` : `\nAll ${goals.length} targets PASS`);

const commit = git('rev-parse', 'HEAD');
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpuModel(),
  cpus: os.availableParallelism(),
  loadAverage: { before: loadBefore, after: loadAverage() },
  pinned: hasTaskset ? { server: SERVER_CPU, load: LOAD_CPU } : false,
  git: { commit, dirty: git('status', '--porcelain', '--untracked-files=no') !== '' },
  quick,
  load: LOAD,
  seed,
  targets: results.map((r) => ({
    name: r.target.name,
    path: r.path,
    bytes: r.bytes,
    contentType: r.contentType,
    goals: r.target.goals ?? {},
    app: r.app,
    ceiling: r.ceiling,
    ratio: r.ceiling ? r.app.requestsPerSecond / r.ceiling.requestsPerSecond : null,
  })),
  burst: burst && { ...burst, seats: BURST.capacity },
  crashDrill: drill,
  checks: goals,
  pass: failed.length === 0,
};
fs.writeFileSync(path.join(root, 'bench/results.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`Results written to bench/results.json`);

if (flag('keep') || flag('profile')) console.log(`Kept ${path.relative(root, tmp)}`);
else fs.rmSync(tmp, { recursive: true, force: true });
