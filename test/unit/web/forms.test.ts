import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError, invalid, notFound } from '../../../src/core/shared/errors.js';
import { attempt, rejectionOf, statusFor } from '../../../src/web/forms.js';

describe('the failed-form path', () => {
  it('gives the result of a call that succeeds', async () => {
    assert.deepEqual(await attempt(Promise.resolve(42)), { ok: true, value: 42 });
  });

  it('turns a refusal that names fields into the form’s errors, its status and what the domain found', async () => {
    const report = { conflicts: [] };
    const outcome = await attempt(Promise.reject(invalid('bad', { title: 'form.required' }, report)));
    assert.deepEqual(outcome, { ok: false, fields: { title: 'form.required' }, status: 400, detail: report });
    assert.equal(statusFor(outcome.ok ? undefined : outcome), 400);
    assert.equal(statusFor(undefined), 200);
    assert.equal(rejectionOf(new DomainError('unauthenticated', 'wrong code', { code: 'auth.code-wrong' }))?.status, 401);
    assert.equal(rejectionOf(new DomainError('conflict', 'full', { form: 'x' }))?.status, 409);
  });

  it('passes on everything that is not a form error, for the central handler', async () => {
    await assert.rejects(attempt(Promise.reject(notFound('event'))), (e: unknown) => e instanceof DomainError && e.code === 'not-found');
    await assert.rejects(attempt(Promise.reject(invalid('no fields'))), (e: unknown) => e instanceof DomainError && e.code === 'invalid');
    const forbidden = new DomainError('forbidden', 'event.edit needed', { form: 'x' });
    await assert.rejects(attempt(Promise.reject(forbidden)), (e: unknown) => e === forbidden);
    const bug = new TypeError('a bug');
    await assert.rejects(attempt(Promise.reject(bug)), (e: unknown) => e === bug);
  });
});
