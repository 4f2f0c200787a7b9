// A throwaway PostgreSQL server for the integration tests: initdb into a temp dir, listen
// on 127.0.0.1 only (a free port), trust auth (local tests only, never anything else).
//
//   import { startPostgres } from './pg.mjs';  const pg = await startPostgres(); ... pg.stop();
//   node scripts/pg.mjs start        prints the URL; the server keeps running
//   node scripts/pg.mjs stop <url>   stops that server (or give its /tmp/dd-pg-XXXX dir), removes its files
//
// initdb refuses to run as root, so as root the server runs as the `postgres` user (or
// `nobody`) through runuser, and the temp dir is chowned to it.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory with initdb/pg_ctl: $PG_BIN, else PostgreSQL 15, else the newest installed. */
export function findPostgresBin() {
  const candidates = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin'];
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    /* no Debian PostgreSQL packages */
  }
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
}

/** As root: the unprivileged user to run the server as ({ name, uid, gid }); otherwise undefined. */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
    return { name, uid: Number(r.stdout.trim()), gid };
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
}

function run(user, bin, args, cwd) {
  const [cmd, argv] = user ? ['runuser', ['-u', user.name, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Stops a server started here (immediate mode: nothing to keep) and removes its files. Synchronous, so it works on exit. */
function stopDir(bin, user, dir) {
  if (!fs.existsSync(dir)) return;
  const data = path.join(dir, 'data');
  if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
    const args = ['-D', data, 'stop', '-m', 'immediate', '-w', '-t', '20'];
    const r = user
      ? spawnSync('runuser', ['-u', user.name, '--', path.join(bin, 'pg_ctl'), ...args], { cwd: dir, stdio: 'ignore' })
      : spawnSync(path.join(bin, 'pg_ctl'), args, { cwd: dir, stdio: 'ignore' });
    if (r.status !== 0) {
      // pg_ctl could not stop it: kill the postmaster by the pid it wrote.
      try {
        const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        /* already gone */
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a fresh server. Returns { url, version, dir, stop() }; stop() is idempotent and also
 * runs on process exit, SIGINT and SIGTERM unless `cleanupOnExit` is false (the CLI).
 */
export async function startPostgres({ cleanupOnExit = true } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (set PG_BIN or install postgresql-15)');
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-pg-'));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopDir(bin, user, dir);
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal) => {
    stop();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (cleanupOnExit) {
    process.on('exit', stop);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    if (user) fs.chownSync(dir, user.uid, user.gid);
    const data = path.join(dir, 'data');
    // Trust auth is safe only because the server listens on loopback and a private socket dir, and lives for one test run.
    run(user, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], dir);
    let lastError;
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        run(user, path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start'], dir);
        const version = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' })
          .trim()
          .replace(/^postgres \(PostgreSQL\) /, '');
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version, dir, stop };
      } catch (e) {
        lastError = e; // most likely the port was taken between freePort() and the bind: try another
      }
    }
    let log = '';
    try {
      log = fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000);
    } catch {
      /* no log */
    }
    throw new Error(`PostgreSQL did not start: ${lastError?.message}\n${log}`);
  } catch (e) {
    stop();
    throw e;
  }
}

/** The temp dir of a server started here, from its dir or its URL (by the port in postmaster.pid). */
function findServerDir(arg) {
  if (!arg) return undefined;
  if (fs.existsSync(path.join(arg, 'data'))) return path.resolve(arg);
  let port;
  try {
    port = new URL(arg).port;
  } catch {
    return undefined;
  }
  for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('dd-pg-'))) {
    try {
      const pid = fs.readFileSync(path.join(os.tmpdir(), name, 'data', 'postmaster.pid'), 'utf8').split('\n');
      if (pid[3]?.trim() === port) return path.join(os.tmpdir(), name);
    } catch {
      /* not a running server of ours */
    }
  }
  return undefined;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const cmd = process.argv[2];
  if (cmd === 'start') {
    const pg = await startPostgres({ cleanupOnExit: false });
    console.error(`PostgreSQL ${pg.version} in ${pg.dir}; stop it with: node scripts/pg.mjs stop ${pg.url}`);
    console.log(pg.url);
  } else if (cmd === 'stop') {
    // No shared "current server" file: several people may run servers side by side.
    const dir = findServerDir(process.argv[3]);
    if (!dir) {
      console.error('usage: node scripts/pg.mjs stop <url printed by start | its /tmp/dd-pg-XXXX dir>');
      process.exit(1);
    }
    const bin = findPostgresBin();
    if (bin) stopDir(bin, serverUser(), dir);
    else fs.rmSync(dir, { recursive: true, force: true });
    console.error(`stopped and removed ${dir}`);
  } else {
    console.error('usage: node scripts/pg.mjs start | stop <url|dir>');
    process.exit(2);
  }
}
