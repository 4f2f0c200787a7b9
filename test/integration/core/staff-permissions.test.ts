/**
 * Named permissions are checked on the route and again in the service: user management
 * (`user.manage`) and the audit trail (`audit.read`) refuse a staff member without them even
 * when called directly, as a route that forgot its declaration would call them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../../src/core/accounts/accounts.schema.js';
import { DomainError } from '../../../src/core/shared/errors.js';
import type { Role } from '../../../src/security/permissions.js';
import { testApp, type TestApp } from '../../support/app.js';
import { signedInStaff } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';

const forbidden = (e: unknown) => e instanceof DomainError && e.code === 'forbidden';

for (const dialect of testDialects()) {
  describe(`staff permissions checked in the services (${dialect})`, () => {
    let t: TestApp;
    const principals: Partial<Record<Role, Principal>> = {};
    let otherId = 0;

    before(async () => {
      t = await testApp({ dialect });
      for (const role of ['admin', 'editor', 'reviewer'] as const) {
        const staff = await signedInStaff(t, role);
        // a second factor given just now, so only the permission can refuse
        principals[role] = { userId: staff.userId, sessionId: 0, role, displayName: role, email: staff.email, reauthAt: new Date().toISOString() };
      }
      otherId = (await signedInStaff(t, 'logistics')).userId;
    });
    after(async () => t?.close());

    for (const role of ['editor', 'reviewer'] as const) {
      it(`user management refuses ${role}, and changes nothing`, async () => {
        const p = principals[role] as Principal;
        const accounts = t.services.accounts;
        await assert.rejects(accounts.listUsers(p), forbidden);
        await assert.rejects(accounts.getUser(p, otherId), forbidden);
        await assert.rejects(accounts.createUser(p, { email: `new-${role}@example.org`, displayName: 'New', role: 'admin' }), forbidden);
        await assert.rejects(accounts.changeRole(p, otherId, 'admin'), forbidden);
        await assert.rejects(accounts.disableUser(p, otherId), forbidden);
        const other = await t.services.accounts.getUser(principals.admin as Principal, otherId);
        assert.equal(other.role, 'logistics');
        assert.notEqual(other.status, 'disabled');
        const users = await t.services.accounts.listUsers(principals.admin as Principal);
        assert.ok(!users.some((u) => u.email === `new-${role}@example.org`));
      });

      it(`the audit trail refuses ${role}`, async () => {
        await assert.rejects(t.services.auditTrail.page(principals[role] as Principal, {}, 10), forbidden);
      });
    }

    it('an admin may do both', async () => {
      const admin = principals.admin as Principal;
      assert.ok((await t.services.accounts.listUsers(admin)).length >= 4);
      const page = await t.services.auditTrail.page(admin, {}, 10);
      assert.ok(page.actors.some((a) => a.name.length > 0));
    });
  });
}
