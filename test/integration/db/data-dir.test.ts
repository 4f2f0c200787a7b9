/**
 * DATA_DIR is for the server's user only: the directory and every directory in it 0700, every
 * file 0600 (the database with its -wal and -shm, master.key, uploads). The server is started
 * as an operator starts it (src/main.ts, demo content on, so uploads are written) on a fresh
 * DATA_DIR, and everything in it is looked at while it runs. A data directory left wider by an
 * earlier installation is narrowed at start, with a warning.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../src/db/database.js';
import { protectDataDir } from '../../../src/db/data-dir.js';
import { projectRoot } from '../../../src/paths.js';

/** Every path under `dir` (itself included) with its permission bits. */
function modes(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    out.push({ path: path.relative(dir, p) || '.', mode: st.mode & 0o777, dir: st.isDirectory() });
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return out;
}

const wide = (entries: ReturnType<typeof modes>) => entries.filter((e) => (e.mode & 0o077) !== 0).map((e) => `${e.path} ${e.mode.toString(8)}`);

/** Starts src/main.ts on `dataDir` and resolves once it listens (a fresh one prints its setup link); `stop` ends it. */
function startServer(dataDir: string): Promise<{ output: () => string; stop: () => Promise<boolean> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO: '1', NODE_ENV: 'development' };
  // NODE_TEST_CONTEXT would make the server a child of this test run.
  for (const k of ['DATABASE_URL', 'MASTER_KEY', 'MASTER_KEY_FILE', 'SMTP_URL', 'PUBLIC_URL', 'NODE_TEST_CONTEXT']) delete env[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      text += b.toString('utf8');
      // The setup link is the last line main.ts prints before it handles SIGTERM.
      if (/\/admin\/setup\/\S+\n/.test(text))
        resolve({
          output: () => text,
          // Whether it was still running (not crashed) when stopped; then it is stopped and waited for.
          stop: async () => {
            const running = child.exitCode === null && child.signalCode === null;
            child.kill('SIGTERM');
            await exited;
            return running;
          },
        });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${text}`)));
  });
}

void describe('the data directory', () => {
  void it('is created for the server user only, with every file in it, the database, -wal, -shm, master.key and uploads', async (c) => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dd-modes-')), 'data');
    try {
      const server = await startServer(dataDir);
      let entries: ReturnType<typeof modes>;
      try {
        entries = modes(dataDir);
      } finally {
        assert.ok(await server.stop(), `the server stopped by itself:\n${server.output()}`);
      }
      const names = entries.map((e) => e.path);
      for (const expected of ['.', 'defenders-days.sqlite', 'defenders-days.sqlite-wal', 'defenders-days.sqlite-shm', 'master.key', 'media'])
        assert.ok(names.includes(expected), `${expected} in DATA_DIR (found: ${names.slice(0, 10).join(', ')})`);
      const uploads = entries.filter((e) => e.path.startsWith(`media${path.sep}`) && !e.dir);
      assert.ok(uploads.length > 0, 'the demo wrote uploads');
      const line = `data directory: ${entries.filter((e) => e.dir).length} directories and ${entries.filter((e) => !e.dir).length} files, ${wide(entries).length} readable by others`;
      console.log(line);
      c.diagnostic(line);
      assert.deepEqual(wide(entries), [], 'readable by group or others');
      for (const e of entries) assert.equal(e.mode, e.dir ? 0o700 : 0o600, `${e.path} is ${e.mode.toString(8)}`);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  void it('is narrowed at start when an earlier installation left it readable, with a warning', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-modes-'));
    try {
      fs.chmodSync(dataDir, 0o755);
      fs.mkdirSync(path.join(dataDir, 'media', 'abc'), { recursive: true, mode: 0o755 });
      fs.chmodSync(path.join(dataDir, 'media'), 0o755);
      fs.writeFileSync(path.join(dataDir, 'media', 'abc', 'file'), 'x', { mode: 0o644 });
      fs.writeFileSync(path.join(dataDir, 'master.key'), 'x', { mode: 0o640 });
      assert.ok(wide(modes(dataDir)).length >= 4, 'the setup is wide');
      const warnings: string[] = [];
      const changed = protectDataDir(dataDir, (w) => warnings.push(w));
      assert.equal(changed.length, 5);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /readable by other users.*5 files and directories/);
      assert.deepEqual(wide(modes(dataDir)), []);
      // Opening the database does the same at every start, and a second time finds nothing to change.
      assert.deepEqual(
        protectDataDir(dataDir, (w) => warnings.push(w)),
        [],
      );
      const db = openDatabase({ databaseUrl: undefined, dataDir });
      await db.close();
      assert.deepEqual(wide(modes(dataDir)), []);
      assert.equal(warnings.length, 1);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
