/**
 * The master keyring (security requirement R12): its text form, which key wraps new data keys, what it
 * refuses, where it comes from, and how keys:rotate rewrites the key file (0600, atomically).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { keyringSource, loadKeyring, MasterKeyring, parseKeyring, writeKeyringFile } from '../../../src/security/keyring.js';

const k = (fill: number) => Buffer.alloc(32, fill);
const b64 = (b: Buffer) => b.toString('base64');

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-keyring-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('parseKeyring', () => {
  it('reads a bare base64 key (the format before keys were numbered) as key 1', () => {
    const ring = parseKeyring(`${b64(k(1))}\n`, 'MASTER_KEY');
    assert.deepEqual(ring.ids, [1]);
    assert.equal(ring.current.id, 1);
    assert.ok(ring.current.key.equals(k(1)));
    assert.ok(ring.get(1).equals(k(1)));
  });

  it('reads `id:base64` lists separated by any white space and picks the highest id as current', () => {
    for (const text of [`3:${b64(k(3))} 1:${b64(k(1))}\n2:${b64(k(2))}`, `\t1:${b64(k(1))}\n\n2:${b64(k(2))}  3:${b64(k(3))}\n`]) {
      const ring = parseKeyring(text, 'f');
      assert.deepEqual(ring.ids, [1, 2, 3]);
      assert.equal(ring.current.id, 3);
      assert.ok(ring.current.key.equals(k(3)));
      for (const id of [1, 2, 3]) assert.ok(ring.get(id).equals(k(id)), `key ${id}`);
    }
    // the highest id wins even when it is not the last one, and ids need not be contiguous
    const sparse = parseKeyring(`7:${b64(k(7))} 2:${b64(k(2))}`, 'f');
    assert.equal(sparse.current.id, 7);
    assert.ok(sparse.current.key.equals(k(7)));
  });

  it('accepts a url-safe base64 key and a key without padding', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i)); // bytes that give + and / in base64
    assert.match(b64(key), /[+/]/);
    assert.ok(
      parseKeyring(`1:${key.toString('base64url')}`, 'f')
        .get(1)
        .equals(key),
    );
    assert.ok(parseKeyring(b64(key).replace(/=+$/, ''), 'f').get(1).equals(key));
  });

  it('the text form round-trips', () => {
    const ring = new MasterKeyring([
      { id: 2, key: k(2) },
      { id: 5, key: k(5) },
    ]);
    const text = ring.format();
    assert.equal(text, `2:${b64(k(2))}\n5:${b64(k(5))}\n`);
    const again = parseKeyring(text, 'f');
    assert.deepEqual(again.ids, [2, 5]);
    assert.equal(again.current.id, 5);
    assert.ok(again.get(2).equals(k(2)));
  });

  it('refuses bad input, without repeating key material in the message', () => {
    const good = b64(k(9));
    const bad: [string, string][] = [
      ['', 'empty'],
      ['  \n\t ', 'only white space'],
      [b64(Buffer.alloc(16, 1)), 'a 16-byte key'],
      [b64(Buffer.alloc(33, 1)), 'a 33-byte key'],
      [k(1).toString('hex'), 'a hex key'],
      [`0:${good}`, 'id 0'],
      [`-1:${good}`, 'a negative id'],
      [`x:${good}`, 'a non-numeric id'],
      [`1.5:${good}`, 'a fractional id'],
      [`0x2:${good}`, 'a hexadecimal id'],
      [`:${good}`, 'an empty id'],
      [`1:${good} 1:${b64(k(8))}`, 'the same id twice'],
      [`1:${good}!`, 'a stray character after the key'],
      [`1:${good.slice(0, 20)}*${good.slice(20)}`, 'a stray character inside the key'],
      [`1:${good},2:${b64(k(8))}`, 'a comma instead of white space'],
      [`1:`, 'an id without a key'],
    ];
    for (const [text, why] of bad) {
      assert.throws(
        () => parseKeyring(text, 'MASTER_KEY'),
        (e: unknown) => {
          assert.ok(e instanceof Error, why);
          assert.ok(!e.message.includes(good.slice(0, 16)), `${why}: the message must not hold the key`);
          return true;
        },
        why,
      );
    }
  });

  it('MasterKeyring refuses what parseKeyring would never give it, and get() throws for a missing id', () => {
    assert.throws(() => new MasterKeyring([]));
    assert.throws(() => new MasterKeyring([{ id: 1, key: Buffer.alloc(31) }]));
    assert.throws(() => new MasterKeyring([{ id: 0, key: k(1) }]));
    assert.throws(() => new MasterKeyring([{ id: 1.5, key: k(1) }]));
    assert.throws(
      () =>
        new MasterKeyring([
          { id: 1, key: k(1) },
          { id: 1, key: k(2) },
        ]),
    );
    const ring = new MasterKeyring([{ id: 4, key: k(4) }]);
    assert.throws(() => ring.get(3), /not in the keyring/);
  });
});

describe('where the keyring comes from', () => {
  it('MASTER_KEY first, then MASTER_KEY_FILE, then DATA_DIR/master.key outside production', () => {
    const dir = tempDir();
    assert.deepEqual(keyringSource({ MASTER_KEY: b64(k(1)), MASTER_KEY_FILE: '/x' }, dir, true), { kind: 'env' });
    assert.deepEqual(keyringSource({ MASTER_KEY_FILE: '/x' }, dir, true), { kind: 'file', file: '/x' });
    assert.deepEqual(keyringSource({}, dir, false), { kind: 'file', file: path.join(dir, 'master.key') });
    assert.throws(() => keyringSource({}, dir, true), /required in production/);
    assert.throws(() => loadKeyring({}, dir, true), /required in production/);
  });

  it('reads MASTER_KEY and MASTER_KEY_FILE', () => {
    const dir = tempDir();
    assert.equal(loadKeyring({ MASTER_KEY: `1:${b64(k(1))} 2:${b64(k(2))}` }, dir, true).current.id, 2);
    const file = path.join(dir, 'keys');
    fs.writeFileSync(file, `${b64(k(6))}\n`, { mode: 0o600 });
    const ring = loadKeyring({ MASTER_KEY_FILE: file }, dir, true);
    assert.deepEqual(ring.ids, [1]);
    assert.ok(ring.current.key.equals(k(6)));
    assert.equal(fs.readdirSync(dir).length, 1, 'nothing is generated when a key is given');
  });

  it('outside production, generates DATA_DIR/master.key (0600) once and reads the same key afterwards', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = loadKeyring({}, dataDir, false);
    const file = path.join(dataDir, 'master.key');
    assert.equal(modeOf(file), 0o600);
    assert.deepEqual(first.ids, [1]);
    const second = loadKeyring({}, dataDir, false);
    assert.ok(second.current.key.equals(first.current.key));
    assert.throws(
      () => loadKeyring({ MASTER_KEY_FILE: path.join(dataDir, 'missing') }, dataDir, false),
      'a named file that is missing is an error, never generated',
    );
  });
});

describe('writeKeyringFile', () => {
  const ringOf = (...ids: number[]) => new MasterKeyring(ids.map((id) => ({ id, key: crypto.randomBytes(32) })));

  it('writes the keyring with mode 0600, replacing a file that was readable by others', () => {
    const dir = tempDir();
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, `${b64(k(1))}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const ring = ringOf(1, 2);
    writeKeyringFile(file, ring);
    assert.equal(modeOf(file), 0o600);
    const back = parseKeyring(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(back.ids, [1, 2]);
    assert.ok(back.get(2).equals(ring.get(2)));
    assert.deepEqual(fs.readdirSync(dir), ['master.key'], 'no temporary file is left behind');
  });

  it('is 0600 even under a permissive umask and with a stale temporary file from an earlier crash', () => {
    const dir = tempDir();
    const file = path.join(dir, 'master.key');
    // what an earlier run that died between open and rename (same pid after a restart) leaves
    const stale = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(stale, 'half a key', { mode: 0o644 });
    fs.chmodSync(stale, 0o644);
    const old = process.umask(0);
    try {
      writeKeyringFile(file, ringOf(3));
    } finally {
      process.umask(old);
    }
    assert.equal(modeOf(file), 0o600);
    assert.deepEqual(parseKeyring(fs.readFileSync(file, 'utf8'), file).ids, [3]);
  });

  it('replaces the file by renaming a complete, synced copy: a crash before the rename leaves the old file whole', () => {
    const dir = tempDir();
    const file = path.join(dir, 'master.key');
    const before = ringOf(1);
    writeKeyringFile(file, before);
    const oldText = fs.readFileSync(file, 'utf8');
    const next = ringOf(1, 2);

    // The rename is the only moment the file changes: at that moment the copy is complete and the file is still the old one.
    const rename = fs.renameSync.bind(fs);
    const seen: { from: string; to: string; fromText: string; toText: string; fromMode: number }[] = [];
    const spy = mock.method(fs, 'renameSync', (from: fs.PathLike, to: fs.PathLike) => {
      seen.push({
        from: String(from),
        to: String(to),
        fromText: fs.readFileSync(from, 'utf8'),
        toText: fs.readFileSync(to, 'utf8'),
        fromMode: modeOf(String(from)),
      });
      rename(from, to);
    });
    try {
      writeKeyringFile(file, next);
    } finally {
      spy.mock.restore();
    }
    assert.equal(seen.length, 1);
    const [r] = seen;
    assert.ok(r);
    assert.equal(r.to, file);
    assert.notEqual(r.from, file);
    assert.equal(path.dirname(r.from), dir, 'the copy is in the same directory (same file system), so the rename is atomic');
    assert.equal(r.fromText, next.format(), 'the copy is complete before the rename');
    assert.equal(r.fromMode, 0o600, 'the copy is never readable by others');
    assert.equal(r.toText, oldText, 'the key file is untouched until the rename');
    assert.equal(fs.readFileSync(file, 'utf8'), next.format());

    // A crash at the rename: the old file stays whole and readable, and no copy is left lying around.
    const crash = mock.method(fs, 'renameSync', () => {
      throw new Error('simulated crash');
    });
    try {
      assert.throws(() => writeKeyringFile(file, ringOf(1, 2, 3)), /simulated crash/);
    } finally {
      crash.mock.restore();
    }
    assert.equal(fs.readFileSync(file, 'utf8'), next.format());
    assert.deepEqual(parseKeyring(fs.readFileSync(file, 'utf8'), file).ids, [1, 2]);
    assert.deepEqual(fs.readdirSync(dir), ['master.key'], 'the unfinished copy is removed');
  });
});
