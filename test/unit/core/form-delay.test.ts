import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORM_FREE_FAILURES, FORM_MAX_DELAY_MS, formDelayMs } from '../../../src/core/accounts/accounts.schema.js';

describe('sign-in form slow-down', () => {
  it('does not slow the form until failures over all accounts pass the free allowance', () => {
    assert.equal(formDelayMs(0), 0);
    assert.equal(formDelayMs(FORM_FREE_FAILURES), 0);
    assert.ok(formDelayMs(FORM_FREE_FAILURES + 1) > 0);
  });
  it('grows with the failures and is capped', () => {
    assert.ok(formDelayMs(FORM_FREE_FAILURES + 20) > formDelayMs(FORM_FREE_FAILURES + 10));
    assert.equal(formDelayMs(100_000), FORM_MAX_DELAY_MS);
  });
});
