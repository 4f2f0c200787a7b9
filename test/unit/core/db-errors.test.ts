import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateAsFieldError, isUniqueViolation } from '../../../src/core/shared/db-errors.js';
import { DomainError } from '../../../src/core/shared/errors.js';

const violation = (code: string) => Object.assign(new Error('duplicate'), { code });

describe('duplicate keys', () => {
  it('are recognised on both databases', () => {
    assert.ok(isUniqueViolation(violation('23505')));
    assert.ok(isUniqueViolation(violation('SQLITE_CONSTRAINT_UNIQUE')));
    assert.ok(!isUniqueViolation(violation('SQLITE_CONSTRAINT_FOREIGNKEY')));
    assert.ok(!isUniqueViolation(null));
  });

  it('a race on a unique value reads as the field error; anything else passes through; a result comes back', async () => {
    await assert.rejects(
      duplicateAsFieldError('slug', 'form.slug-taken', () => Promise.reject(violation('23505'))),
      (e) => e instanceof DomainError && e.code === 'invalid' && e.fields.slug === 'form.slug-taken',
    );
    const other = violation('SQLITE_BUSY');
    await assert.rejects(
      duplicateAsFieldError('slug', 'form.slug-taken', () => Promise.reject(other)),
      (e) => e === other,
    );
    assert.equal(await duplicateAsFieldError('year', 'award.year-taken', async () => 2027), 2027);
  });
});
