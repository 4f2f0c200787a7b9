/**
 * The must-show of the outbox: a mail queued before a `kill -9` of the server is sent
 * exactly once after the restart, to a real SMTP server started in the test.
 *
 * The server runs as its own process (`node --import tsx src/main.ts`), the way it runs in
 * production; the mail is queued through the password-reset form of the running server.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { loadConfig } from '../../../src/config.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { backoffMs } from '../../../src/core/outbox/outbox.repository.js';
import { openDatabase, type DbHandle } from '../../../src/db/database.js';
import { buildServices } from '../../../src/services.js';
import { TEST_MASTER_KEY } from '../../support/app.js';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';
import { decodeQuotedPrintable, startSmtp, waitFor, type TestSmtp } from '../../support/smtp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The worker looks for due mail this often (OutboxWorker's default interval). */
const WORKER_INTERVAL_MS = 2_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  output: () => string;
}

/** Starts the real server process and waits until /healthz answers. */
async function startServer(env: NodeJS.ProcessEnv, baseUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`the server exited during start:\n${out}`);
      try {
        return (await fetch(`${baseUrl}/healthz`)).status === 200;
      } catch {
        return false;
      }
    },
    'the server to answer /healthz',
    30_000,
    100,
  );
  return { child, output: () => out };
}

/** kill -9: no shutdown hook, no flush, nothing the process can do about it. */
async function killHard(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  process.kill(child.pid as number, 'SIGKILL');
  assert.equal(await gone, 'SIGKILL');
}

/** The reset form of the running server: GET for the CSRF token and cookie, then POST the address. */
async function requestResetOverHttp(baseUrl: string, email: string): Promise<boolean> {
  const page = await fetch(`${baseUrl}/admin/reset`);
  if (page.status === 404) return false;
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(csrf, `no CSRF field on /admin/reset (status ${page.status})`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${baseUrl}/admin/reset`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, _csrf: csrf }).toString(),
  });
  assert.ok(res.status < 400, `POST /admin/reset answered ${res.status}`);
  return true;
}

for (const dialect of testDialects()) {
  describe(`outbox across a kill -9 of the server (${dialect})`, { timeout: 180_000 }, () => {
    let database: TestDatabase;
    let reader: DbHandle;
    let smtp: TestSmtp | undefined;
    const servers: Server[] = [];
    const email = 'kill-nine@example.org';

    before(async () => {
      database = await freshDatabase(dialect);
    });
    after(async () => {
      for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      await smtp?.close();
      await reader?.close();
      await database.drop();
    });

    it('a mail queued before kill -9 is sent exactly once after the restart', async (t) => {
      const appPort = await freePort();
      const smtpPort = await freePort(); // nothing listens here yet: the mail server is down
      const baseUrl = `http://127.0.0.1:${appPort}`;
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(appPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: baseUrl,
        DATA_DIR: database.dataDir,
        DEMO: '0',
        MASTER_KEY: TEST_MASTER_KEY,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        LOG_LEVEL: 'warn',
        ...(database.url ? { DATABASE_URL: database.url } : {}),
      };

      // An active staff account, made through the services against the same database.
      {
        const services = await buildServices(loadConfig(env), database, systemClock, env);
        const { enrolUrl } = await services.accounts.createUser(null, { email, displayName: 'Kill Nine', role: 'editor' });
        const token = enrolUrl.split('/').pop() as string;
        const start = await services.accounts.startEnrolment(token);
        const password = 'a long passphrase for the crash test';
        const code = await generate({ secret: start.secret, epoch: Math.floor(Date.now() / 1000) });
        await services.accounts.completeEnrolment(token, { password, confirm: password, sealedSecret: start.sealedSecret, code });
      }
      // The test reads the database through its own connection, as an operator would.
      reader = openDatabase({ databaseUrl: database.url, dataDir: database.dataDir });
      const outbox = () => reader.db.selectFrom('outbox').selectAll().orderBy('id').execute();

      // 1. The server runs; the mail server is down. The reset form queues a mail.
      const first = await startServer(env, baseUrl);
      servers.push(first);
      let via = 'POST /admin/reset';
      if (!(await requestResetOverHttp(baseUrl, email))) {
        // The reset page is not registered in this build: queue through the same service call it makes.
        via = 'AccountsService.requestReset (no /admin/reset route yet)';
        await (await buildServices(loadConfig(env), reader, systemClock, env)).accounts.requestReset(email);
      }
      t.diagnostic(`queued through ${via}`);
      await waitFor(async () => Number((await outbox())[0]?.attempts ?? 0) >= 1, 'the worker to try (and fail) once', 15_000);
      const queued = await outbox();
      assert.equal(queued.length, 1);
      assert.equal(queued[0]?.status, 'pending');
      assert.match(queued[0]?.last_error ?? '', /ECONNREFUSED|connect/i, 'it failed because the mail server was down');

      // 2. kill -9.
      await killHard(first);
      const afterKill = await outbox();
      assert.equal(afterKill.length, 1);
      assert.equal(afterKill[0]?.status, 'pending', 'the queued mail survived the kill');

      // 3. The mail server comes up; the server restarts and delivers once the back-off ends.
      smtp = await startSmtp({ port: smtpPort });
      const second = await startServer(env, baseUrl);
      servers.push(second);
      const started = Date.now();
      await waitFor(() => (smtp?.received.length ?? 0) >= 1, 'the mail to arrive after the restart', backoffMs(1) + 30_000, 100);
      t.diagnostic(`delivered ${((Date.now() - started) / 1000).toFixed(1)} s after the restart`);
      await waitFor(async () => (await outbox())[0]?.status === 'sent', 'the row to be marked sent', 10_000);

      const [message] = smtp.received;
      assert.ok(message);
      assert.deepEqual(message.rcptTo, [email], 'one recipient');
      assert.equal(message.headers.to, email);
      assert.equal(message.headers.cc, undefined);
      assert.equal(message.headers.subject, 'Your password reset link');
      assert.match(decodeQuotedPrintable(message.body), new RegExp(`${baseUrl.replace(/[.]/g, '\\.')}/admin/reset/[A-Za-z0-9_-]{20,}`));
      const [row] = await outbox();
      assert.equal(message.headers['message-id'], `<outbox-${row?.id}@127.0.0.1>`);
      assert.equal(row?.status, 'sent');
      assert.equal(Number(row?.attempts), 2, 'one failed try before the kill, one delivery after');

      // 4. Still exactly one after a few more worker rounds ...
      await new Promise((r) => setTimeout(r, 3 * WORKER_INTERVAL_MS + 500));
      assert.equal(smtp.received.length, 1, 'exactly one delivery');

      // ... and after another kill -9 and restart.
      await killHard(second);
      const third = await startServer(env, baseUrl);
      servers.push(third);
      await new Promise((r) => setTimeout(r, 3 * WORKER_INTERVAL_MS + 500));
      assert.equal(smtp.received.length, 1, 'a sent mail is not sent again after a restart');
      assert.equal((await outbox()).length, 1);
      third.child.kill('SIGTERM');
      await new Promise((r) => third.child.once('exit', r));
      assert.doesNotMatch(first.output() + second.output() + third.output(), new RegExp(email.replace('.', '\\.')), 'the address never reaches the log');
    });
  });
}
