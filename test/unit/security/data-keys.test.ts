/**
 * Field-level envelope encryption (security requirement R12, docs/requirements.md), without a
 * database: fields sealed under a data key, data keys wrapped by a master key. Every kind of
 * tampering must fail to open: one flipped byte anywhere, another context, another key,
 * another key version, another scope, another master key.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { fieldKeyId, FieldKey, unwrapKey, wrapKey } from '../../../src/security/data-keys.js';
import { MasterKeyring } from '../../../src/security/keyring.js';

/** Every variant of `text` with exactly one byte of one of its base64url parts (by index) flipped. */
function oneByteFlips(text: string, parts: number[]): { where: string; tampered: string }[] {
  const pieces = text.split('.');
  const out: { where: string; tampered: string }[] = [];
  for (const p of parts) {
    const bytes = Buffer.from(pieces[p] as string, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const changed = Buffer.from(bytes);
        changed[i] = (changed[i] as number) ^ mask;
        const copy = [...pieces];
        copy[p] = changed.toString('base64url');
        out.push({ where: `part ${p} byte ${i} mask ${mask}`, tampered: copy.join('.') });
      }
    }
  }
  return out;
}

const PLAIN = JSON.stringify({ givenNames: 'Marker Given', passportNumber: 'P-MARKER-123' });

describe('a field sealed under a data key', () => {
  const key = new FieldKey(3, 'edition:1', crypto.randomBytes(32));

  it('opens under the same key and context, and names its key version: f1.<data key id>.<nonce>.<body>', () => {
    const sealed = key.seal(PLAIN, 'participant:7:identity');
    assert.match(sealed, /^f1\.3\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.equal(fieldKeyId(sealed), 3);
    assert.equal(key.open(sealed, 'participant:7:identity'), PLAIN);
    assert.ok(!sealed.includes('Marker') && !sealed.includes('P-MARKER'), 'no plaintext in the ciphertext');
    // the body is the plaintext's length plus the 16-byte tag: nothing else is in it
    assert.equal(Buffer.from(sealed.split('.')[3] as string, 'base64url').length, Buffer.byteLength(PLAIN) + 16);
  });

  it('uses a fresh nonce every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(key.seal('same', 'ctx').split('.')[2] as string);
    assert.equal(seen.size, 200);
  });

  it('round-trips empty and non-ASCII text', () => {
    for (const plain of ['', 'Ålänning – 山田 – مرحبا', 'x'.repeat(10_000)]) assert.equal(key.open(key.seal(plain, 'c'), 'c'), plain);
  });

  it('fails to open when any one byte of the nonce or the body (ciphertext and tag) is flipped', () => {
    const sealed = key.seal(PLAIN, 'participant:7:identity');
    const flips = oneByteFlips(sealed, [2, 3]);
    // 12 nonce bytes + plaintext + 16 tag bytes, two masks each
    assert.equal(flips.length, 2 * (12 + Buffer.byteLength(PLAIN) + 16));
    for (const { where, tampered } of flips) {
      assert.notEqual(tampered, sealed);
      assert.throws(() => key.open(tampered, 'participant:7:identity'), where);
    }
  });

  it('fails to open when the body is cut short, extended or swapped with another ciphertext’s', () => {
    const a = key.seal(PLAIN, 'ctx');
    const b = key.seal(PLAIN, 'ctx');
    const [v, id, nonce, body] = a.split('.') as [string, string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    assert.throws(() => key.open(`${v}.${id}.${nonce}.${bytes.subarray(0, bytes.length - 1).toString('base64url')}`, 'ctx'), 'one byte short');
    assert.throws(() => key.open(`${v}.${id}.${nonce}.${bytes.subarray(0, 15).toString('base64url')}`, 'ctx'), 'shorter than a tag');
    assert.throws(() => key.open(`${v}.${id}.${nonce}.${Buffer.concat([bytes, Buffer.from([0])]).toString('base64url')}`, 'ctx'), 'one byte more');
    assert.throws(() => key.open(`${v}.${id}.${nonce}.${b.split('.')[3] ?? ''}`, 'ctx'), 'the body of another ciphertext');
    assert.throws(() => key.open(`${v}.${id}.${b.split('.')[2] ?? ''}.${body}`, 'ctx'), 'the nonce of another ciphertext');
  });

  it('fails to open under another context (row or field)', () => {
    const sealed = key.seal(PLAIN, 'participant:7:identity');
    for (const other of ['participant:8:identity', 'participant:7:travel', 'participant:7:identity ', '', 'participant:7']) {
      assert.throws(() => key.open(sealed, other), JSON.stringify(other));
    }
  });

  it('fails to open under another key, even one with the same id', () => {
    const sealed = key.seal(PLAIN, 'ctx');
    assert.throws(() => new FieldKey(3, 'edition:1', crypto.randomBytes(32)).open(sealed, 'ctx'));
    assert.throws(() => new FieldKey(3, 'edition:2', crypto.randomBytes(32)).open(sealed, 'ctx'));
  });

  it('binds the key version: the same key bytes under another id refuse it, and a relabelled version does not open', () => {
    const bytes = crypto.randomBytes(32);
    const k3 = new FieldKey(3, 'edition:1', bytes);
    const k4 = new FieldKey(4, 'edition:1', bytes);
    const sealed = k3.seal(PLAIN, 'ctx');
    assert.throws(() => k4.open(sealed, 'ctx'), /data key 3, not 4/);
    // Relabelled to name key 4: passes the id check, and fails authentication (the id is in the associated data).
    const relabelled = sealed.replace(/^f1\.3\./, 'f1.4.');
    assert.throws(() => k4.open(relabelled, 'ctx'));
    assert.throws(() => k3.open(relabelled, 'ctx'));
  });

  it('refuses unknown formats', () => {
    const sealed = key.seal(PLAIN, 'ctx');
    for (const bad of [
      sealed.replace(/^f1\./, 'f2.'),
      sealed.replace(/^f1\./, 'v1.'),
      `${sealed}.extra`,
      sealed.split('.').slice(0, 3).join('.'),
      'garbage',
      '',
    ]) {
      assert.throws(() => key.open(bad, 'ctx'), JSON.stringify(bad.slice(0, 12)));
    }
    assert.equal(fieldKeyId('v1.abc.def'), undefined);
    assert.equal(fieldKeyId('f1.x.abc.def'), undefined);
    assert.equal(fieldKeyId('garbage'), undefined);
  });

  it('keyed hashes depend on the key and the value, and reveal neither', () => {
    const bytes = crypto.randomBytes(32);
    const a = new FieldKey(1, 's', bytes);
    assert.equal(a.mac('sign-in'), new FieldKey(2, 't', bytes).mac('sign-in'));
    assert.notEqual(a.mac('sign-in'), a.mac('sign-In'));
    assert.notEqual(a.mac('sign-in'), new FieldKey(1, 's', crypto.randomBytes(32)).mac('sign-in'));
    assert.ok(!a.mac('sign-in').includes('sign'));
    assert.ok(a.exportKey().equals(bytes));
    const exported = a.exportKey();
    exported.fill(0);
    assert.ok(a.exportKey().equals(bytes), 'exportKey gives a copy');
  });
});

describe('a data key wrapped by the master keyring', () => {
  const m1 = crypto.randomBytes(32);
  const m2 = crypto.randomBytes(32);
  const ring1 = new MasterKeyring([{ id: 1, key: m1 }]);
  const ring12 = new MasterKeyring([
    { id: 1, key: m1 },
    { id: 2, key: m2 },
  ]);
  const ring2 = new MasterKeyring([{ id: 2, key: m2 }]);
  const dataKey = crypto.randomBytes(32);

  it('is wrapped under the current (highest) master key as w1.<nonce>.<body> and unwraps to the same bytes', () => {
    const w1 = wrapKey(ring1, 'edition:5', dataKey);
    assert.equal(w1.masterKeyId, 1);
    assert.match(w1.wrapped, /^w1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{64}$/);
    assert.ok(unwrapKey(ring1, 'edition:5', 1, w1.wrapped).equals(dataKey));
    for (const form of ['base64', 'base64url', 'hex'] as const) assert.ok(!w1.wrapped.includes(dataKey.toString(form)), `no raw key (${form})`);

    const w2 = wrapKey(ring12, 'edition:5', dataKey);
    assert.equal(w2.masterKeyId, 2, 'the highest id wraps new keys');
    assert.ok(unwrapKey(ring12, 'edition:5', 2, w2.wrapped).equals(dataKey));
    assert.ok(unwrapKey(ring2, 'edition:5', 2, w2.wrapped).equals(dataKey));
    // a key wrapped under 1 still unwraps while the ring holds 1
    assert.ok(unwrapKey(ring12, 'edition:5', 1, w1.wrapped).equals(dataKey));
  });

  it('does not unwrap under a wrong master key, a ring without its key, or a relabelled master key id', () => {
    const w = wrapKey(ring1, 'edition:5', dataKey);
    assert.throws(() => unwrapKey(new MasterKeyring([{ id: 1, key: crypto.randomBytes(32) }]), 'edition:5', 1, w.wrapped), 'a wrong key with the same id');
    assert.throws(() => unwrapKey(ring2, 'edition:5', 1, w.wrapped), /not in the keyring/);
    // The same bytes under id 2: the master key id is bound in, so the label cannot be changed.
    const sameBytesAs2 = new MasterKeyring([{ id: 2, key: m1 }]);
    assert.throws(() => unwrapKey(sameBytesAs2, 'edition:5', 2, w.wrapped));
  });

  it('does not unwrap for another scope (a wrapped key moved to another row)', () => {
    const w = wrapKey(ring1, 'edition:5', dataKey);
    assert.throws(() => unwrapKey(ring1, 'edition:6', 1, w.wrapped));
    assert.throws(() => unwrapKey(ring1, 'system', 1, w.wrapped));
  });

  it('does not unwrap when any one byte of the wrapped key is flipped', () => {
    const w = wrapKey(ring1, 'edition:5', dataKey);
    const flips = oneByteFlips(w.wrapped, [1, 2]);
    assert.equal(flips.length, 2 * (12 + 32 + 16));
    for (const { where, tampered } of flips) assert.throws(() => unwrapKey(ring1, 'edition:5', 1, tampered), where);
  });

  it('refuses unknown formats and a wrapped value that is not a 32-byte key', () => {
    const w = wrapKey(ring1, 'edition:5', dataKey);
    assert.throws(() => unwrapKey(ring1, 'edition:5', 1, w.wrapped.replace(/^w1\./, 'w2.')), /format/);
    assert.throws(() => unwrapKey(ring1, 'edition:5', 1, `${w.wrapped}.x`), /format/);
    assert.throws(() => unwrapKey(ring1, 'edition:5', 1, 'w1.abc'), /format/);
    const short = wrapKey(ring1, 'edition:5', crypto.randomBytes(16));
    assert.throws(() => unwrapKey(ring1, 'edition:5', 1, short.wrapped), /32 bytes/);
  });

  it('a field sealed under the data key opens with the key unwrapped again by another keyring holding its master key', () => {
    const w = wrapKey(ring12, 'edition:9', dataKey);
    const sealed = new FieldKey(11, 'edition:9', dataKey).seal(PLAIN, 'participant:1:identity');
    const again = new FieldKey(11, 'edition:9', unwrapKey(ring2, 'edition:9', w.masterKeyId, w.wrapped));
    assert.equal(again.open(sealed, 'participant:1:identity'), PLAIN);
  });
});
