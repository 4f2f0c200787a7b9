import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { SecretBox } from '../../../src/security/secret-box.js';

describe('secret box (AES-256-GCM under the master key)', () => {
  const box = new SecretBox(crypto.randomBytes(32));

  it('round-trips and uses a fresh nonce each time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'totp:1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'totp:1');
    assert.notEqual(a, b);
    assert.match(a, /^v1\./, 'the ciphertext names its key version');
    assert.equal(box.open(a, 'totp:1'), 'JBSWY3DPEHPK3PXP');
    assert.ok(!a.includes('JBSWY3DPEHPK3PXP'));
  });

  it('throws for every flipped byte of nonce, ciphertext or tag', () => {
    const sealed = box.seal('a secret seed', 'ctx');
    const [v, nonce, body] = sealed.split('.') as [string, string, string];
    for (const part of ['nonce', 'body'] as const) {
      const bytes = Buffer.from(part === 'nonce' ? nonce : body, 'base64url');
      for (let i = 0; i < bytes.length; i++) {
        const changed = Buffer.from(bytes);
        changed[i] = (changed[i] as number) ^ 0x01;
        const text = changed.toString('base64url');
        const tampered = part === 'nonce' ? `${v}.${text}.${body}` : `${v}.${nonce}.${text}`;
        assert.throws(() => box.open(tampered, 'ctx'), `${part} byte ${i}`);
      }
    }
  });

  it('throws for the wrong context, the wrong key or an unknown format', () => {
    const sealed = box.seal('a secret seed', 'totp:1');
    assert.throws(() => box.open(sealed, 'totp:2'));
    assert.throws(() => new SecretBox(crypto.randomBytes(32)).open(sealed, 'totp:1'));
    assert.throws(() => box.open(sealed.replace(/^v1/, 'v9'), 'totp:1'));
    assert.throws(() => box.open('garbage', 'totp:1'));
    assert.throws(() => new SecretBox(Buffer.alloc(16)), 'a short key is refused');
  });

  it('makes keyed hashes that differ per key', () => {
    const other = new SecretBox(crypto.randomBytes(32));
    assert.equal(box.mac('login:a@example.org'), box.mac('login:a@example.org'));
    assert.notEqual(box.mac('login:a@example.org'), other.mac('login:a@example.org'));
    assert.ok(!box.mac('login:a@example.org').includes('example'));
  });
});
