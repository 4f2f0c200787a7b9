// `npm test`: every tier in order (unit, integration, e2e), each with node's test runner.
//
//   npm test                                   all tiers
//   npm test -- --tier unit                    one tier (--tier may repeat)
//   npm test -- test/unit/i18n.test.ts ...     only these files (their tiers, in order)
//
// Integration tests run on SQLite and on PostgreSQL: TEST_DATABASE_URL when given, else a
// throwaway server from scripts/pg.mjs when the binaries exist. The e2e tier needs Debian's
// /usr/bin/chromium and fails (never skips) without it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClient } from './build-client.mjs';
import { findPostgresBin, startPostgres } from './pg.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIERS = ['unit', 'integration', 'e2e'];
const CHROMIUM = '/usr/bin/chromium';

function usage(message) {
  console.error(`${message}\nusage: npm test -- [--tier unit|integration|e2e]... [test files...]`);
  process.exit(2);
}

// --- arguments
const wantedTiers = new Set();
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--tier' || a.startsWith('--tier=')) {
    const tier = a === '--tier' ? argv[++i] : a.slice('--tier='.length);
    if (!TIERS.includes(tier)) usage(`unknown tier "${tier}"`);
    wantedTiers.add(tier);
  } else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else files.push(a);
}

const isTestFile = (name) => /\.test\.tsx?$/.test(name);
function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && isTestFile(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}
const tierOf = (file) => TIERS.find((t) => path.relative(path.join(root, 'test', t), path.resolve(file)).split(path.sep)[0] !== '..');

const plan = new Map(); // tier -> files
if (files.length) {
  for (const f of files) {
    if (!fs.existsSync(f)) usage(`no such file: ${f}`);
    const tier = tierOf(f);
    if (!tier) usage(`${f} is not under test/unit, test/integration or test/e2e`);
    if (wantedTiers.size && !wantedTiers.has(tier)) continue;
    plan.set(tier, [...(plan.get(tier) ?? []), path.relative(root, path.resolve(f))]);
  }
} else {
  for (const t of TIERS) if (!wantedTiers.size || wantedTiers.has(t)) plan.set(t, findTests(path.join(root, 'test', t)));
}

if (files.length && ![...plan.values()].some((f) => f.length)) usage('none of the given files is in the selected tiers');

// --- environments
const env = { ...process.env };
if (process.stdout.isTTY && !env.NO_COLOR) env.FORCE_COLOR = '1';

async function preparePostgres() {
  if (env.TEST_DATABASE_URL) {
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        'const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query("show server_version")).then(r=>{console.log(r.rows[0].server_version);return c.end()})',
        env.TEST_DATABASE_URL,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`TEST_DATABASE_URL is set but does not answer: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
    console.log(`PostgreSQL: ${r.stdout.trim()} at ${redact(env.TEST_DATABASE_URL)} (TEST_DATABASE_URL)`);
    return;
  }
  if (!findPostgresBin()) {
    console.log('PostgreSQL: binaries not found, integration tests run on SQLite only');
    return;
  }
  const pg = await startPostgres();
  env.TEST_DATABASE_URL = pg.url;
  console.log(`PostgreSQL: ${pg.version} at ${pg.url}`);
}
const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`e2e: ${CHROMIUM} is missing; installing Debian's chromium (apt-get update && apt-get install -y chromium) ...`);
    spawnSync('sh', ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium'], { stdio: 'inherit' });
  }
  if (fs.existsSync(CHROMIUM)) return true;
  console.error(`e2e: FAILED: ${CHROMIUM} not found. Install Debian's chromium (as root: apt-get install -y chromium) to run the browser tests.`);
  return false;
}

// --- running a tier: node's runner with the spec reporter; its closing summary gives the counts
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
let current; // the running tier, stopped if we are (before scripts/pg.mjs stops the database)
process.on('exit', () => {
  if (current?.exitCode !== null || current?.pid === undefined) return;
  try {
    process.kill(-current.pid, 'SIGTERM'); // the tier and everything it started
  } catch {
    current.kill('SIGTERM');
  }
});
function runTier(tier, tierFiles) {
  return new Promise((resolve) => {
    // A hung test (a browser that never answers, a server that never starts) fails after 10
    // minutes instead of eating CI's whole budget. Each file counts as one test: the two
    // hostile-input files (every form × payloads, on both databases; /admin in one, the
    // rest in the other) take up to about 7 minutes each.
    const args = [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      `--test-concurrency=${env.TEST_CONCURRENCY ?? 1}`,
      `--test-timeout=${env.TEST_TIMEOUT_MS ?? 600000}`,
      ...tierFiles,
    ];
    // Its own process group, so a hung tier is stopped with every browser and server it started.
    const child = (current = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true }));
    // The summary ("ℹ pass 12" / "# pass 12") comes near the end, before the list of failures:
    // read every line as it passes, keep the last value of each count.
    const counts = {};
    let partial = '';
    const scan = (text) => {
      for (const m of strip(text).matchAll(/^[ℹ#] (pass|fail|cancelled) (\d+)\s*$/gm)) counts[m[1]] = Number(m[2]);
    };
    // A hook that hangs is not covered by --test-timeout: when a tier prints nothing for
    // STALL_MS, it is stopped and counted as failed, so CI ends with a red result, not its time limit.
    const stallMs = Number(env.TEST_STALL_MS ?? 540_000);
    let stalled = false;
    let watchdog;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        console.error(`\n${tier}: no output for ${stallMs / 1000} s: stopping the hung tier`);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, stallMs);
    };
    arm();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      arm();
      process.stdout.write(chunk);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      scan(lines.join('\n'));
    });
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      scan(partial);
      if (stalled) counts.fail = (counts.fail ?? 0) + 1;
      const pass = counts.pass;
      const fail = (counts.fail ?? 0) + (counts.cancelled ?? 0);
      const ok = code === 0 && pass !== undefined;
      // A crash before the summary still counts as a failed tier.
      resolve({ tier, pass: pass ?? 0, fail: ok || fail ? fail : Math.max(fail, 1), ok, code: code ?? signal });
    });
  });
}

// --- main
// The pages load the bundled browser scripts (dist/assets/): build them fresh first.
await buildClient();
const results = [];
const started = Date.now();
for (const [tier, tierFiles] of plan) {
  console.log(`\n=== ${tier} tests (${tierFiles.length} file${tierFiles.length === 1 ? '' : 's'}) ===`);
  if (!tierFiles.length) {
    console.log(tier === 'e2e' ? 'There are no e2e tests yet (test/e2e is empty).' : `No ${tier} tests found.`);
    continue;
  }
  if (tier === 'integration') {
    try {
      await preparePostgres();
    } catch (e) {
      console.error(`PostgreSQL: FAILED: ${e.message}`);
      results.push({ tier, pass: 0, fail: 1, ok: false, code: 'postgres' });
      continue;
    }
  }
  if (tier === 'e2e' && !ensureChromium()) {
    results.push({ tier, pass: 0, fail: 1, ok: false, code: 'chromium' });
    continue;
  }
  const t0 = Date.now();
  const r = await runTier(tier, tierFiles);
  console.log(`=== ${tier}: ${r.pass} passed, ${r.fail} failed${r.ok ? '' : ` (exit ${r.code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  results.push(r);
}

const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
const failedTiers = results.filter((r) => !r.ok).map((r) => r.tier);
console.log(`\n${failedTiers.length ? `failed tiers: ${failedTiers.join(', ')}; ` : ''}total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`tests: ${pass} passed, ${fail} failed`);
process.exitCode = failedTiers.length ? 1 : 0;
