/**
 * The crash drill (security tests, docs/requirements.md) in CI: scripts/crash-drill.mjs with 3 rounds of a burst of
 * registrations, `kill -9` of the built server during each burst, restart and checks (every
 * answered registration stored exactly once, taken = confirmed, registration, mail and audit
 * entry committed together, SQLite integrity_check ok, the server answers again). On
 * PostgreSQL too when the tests have one. `npm run bench` runs it with 20 rounds.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ROUNDS = 3;

interface DrillRound {
  round: number;
  sent: number;
  ok200: number;
  confirmed: number;
  waitlisted: number;
  cutOff: number;
  rows: number;
  unanswered: number;
  integrity: string;
  violations: string[];
}
interface DrillSummary {
  dialect: string;
  rounds: DrillRound[];
  violations: string[];
  capacity: number;
  finalIntegrity?: string;
}

/** Runs the drill as its own process; resolves with its exit code, its output lines and the JSON summary. */
function drill(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; lines: string[]; summary: DrillSummary | undefined }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/crash-drill.mjs', ...args, '--json'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.trim().split('\n');
      const json = lines.find((l) => l.startsWith('{'));
      resolve({ code, lines: lines.filter((l) => !l.startsWith('{')), summary: json ? (JSON.parse(json) as DrillSummary) : undefined });
    });
  });
}

// The drill runs the built server (dist/main.js): build it from the sources under test.
before(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
});

for (const dialect of testDialects()) {
  void describe(`crash drill: kill -9 during registration bursts (${dialect})`, { timeout: 240_000 }, () => {
    let database: TestDatabase | undefined;
    before(async () => {
      // SQLite: the drill makes (and removes) its own data directory, so no other connection
      // holds the file while the server is killed. PostgreSQL: a database of the test's own.
      if (dialect === 'postgres') database = await freshDatabase('postgres');
    });
    after(async () => {
      await database?.drop();
    });

    void it(`${ROUNDS} rounds: every answered registration exists exactly once, taken = confirmed, the database is intact`, async (t) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database?.url ?? '' };
      const args = ['--rounds', String(ROUNDS), ...(database ? ['--data-dir', database.dataDir] : [])];
      const { code, lines, summary } = await drill(args, env);
      for (const line of lines) t.diagnostic(line);
      assert.ok(summary, `the drill printed no summary:\n${lines.join('\n')}`);
      assert.deepEqual(summary.violations, [], 'no violation in any round');
      assert.equal(code, 0, lines.join('\n'));
      assert.equal(summary.dialect, dialect);
      assert.equal(summary.rounds.length, ROUNDS);
      for (const r of summary.rounds) {
        // The kill came during the burst, after at least one answer; every request ended one way or the other.
        assert.ok(r.ok200 >= 1, `round ${r.round}: ${r.ok200} answered`);
        assert.equal(r.ok200 + r.cutOff, r.sent, `round ${r.round}: answered + cut off = sent`);
        assert.equal(r.confirmed + r.waitlisted, r.ok200);
        assert.ok(r.confirmed <= summary.capacity, `round ${r.round}: ${r.confirmed} confirmed for ${summary.capacity} seats`);
        // Rows committed whose answer never arrived are allowed (the kill came between commit and answer); fewer rows than answers is not.
        assert.ok(r.rows >= r.ok200 && r.unanswered >= 0, `round ${r.round}: ${r.rows} rows for ${r.ok200} answers`);
        if (dialect === 'sqlite') assert.equal(r.integrity, 'ok');
      }
      if (dialect === 'sqlite') assert.equal(summary.finalIntegrity, 'ok');
    });
  });
}
