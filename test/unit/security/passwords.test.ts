import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PASSWORD_MAX, PASSWORD_MIN, checkPassword, hashPassword, verifyPassword } from '../../../src/security/passwords.js';

/** Security requirement R6 (docs/requirements.md): argon2id (>= 19 MiB, >= 2 iterations), 12 to 128 characters, no composition rules, a common-password list. */
describe('passwords', () => {
  it('counts length in characters, not bytes or UTF-16 units', () => {
    assert.equal(PASSWORD_MIN, 12);
    assert.equal(PASSWORD_MAX, 128);
    assert.equal(checkPassword('a'.repeat(11)), 'password.too-short');
    assert.equal(checkPassword('🔑'.repeat(11)), 'password.too-short', '11 emoji are 22 UTF-16 units but 11 characters');
    assert.equal(checkPassword('🔑'.repeat(12)), undefined, '12 emoji are enough');
    assert.equal(checkPassword('é'.repeat(128)), undefined, '128 two-byte characters are allowed');
    assert.equal(checkPassword('🔑'.repeat(128)), undefined, '128 emoji (512 bytes) are allowed');
    assert.equal(checkPassword('🔑'.repeat(129)), 'password.too-long');
    assert.equal(checkPassword('x'.repeat(129)), 'password.too-long');
  });

  it('has no composition rules', () => {
    for (const p of ['all lower case words here', 'ЖЖЖЖ кириллица без цифр', '123498765432109']) assert.equal(checkPassword(p), undefined, p);
  });

  it('refuses common passwords from the bundled list, in any case', () => {
    for (const p of ['qwerty123456', 'QWERTY123456', '1q2w3e4r5t6y', '123qweasdzxc']) assert.equal(checkPassword(p), 'password.common', p);
  });

  it('refuses a password built on the person’s own name or address', () => {
    assert.equal(checkPassword('my name is rosalind and so', ['rosalind']), 'password.common');
    assert.equal(checkPassword('a perfectly fine phrase', ['rosalind']), undefined);
  });

  it('hashes with argon2id, at least 19 MiB and 2 iterations, salted', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(a);
    assert.ok(m, a);
    assert.ok(Number(m[1]) >= 19_456, `m=${m[1]}`);
    assert.ok(Number(m[2]) >= 2, `t=${m[2]}`);
    assert.notEqual(a, b, 'a fresh salt each time');
    assert.equal(await verifyPassword(a, 'correct horse battery staple'), true);
    assert.equal(await verifyPassword(a, 'correct horse battery stapler'), false);
    assert.equal(await verifyPassword('not a hash', 'x'), false, 'a broken hash is a failure, not a throw');
  });
});
