import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPermission, isRole, permissions, roleAllows, rolePermissions, roles, type Permission } from '../../../src/security/permissions.js';

describe('permissions', () => {
  it('has the six staff roles', () => {
    assert.deepEqual([...roles].sort(), ['admin', 'award-secretariat', 'board', 'editor', 'logistics', 'reviewer']);
  });

  it('gives editors no participant data, and reviewers the applications to open calls only', () => {
    const participantData = permissions.filter((p) => p.startsWith('participant.'));
    for (const p of participantData) assert.equal(roleAllows('editor', p), false, `editor ${p}`);
    assert.deepEqual([...rolePermissions.reviewer].sort(), ['account.self', 'admin.access', 'participant.review']);
    assert.deepEqual(
      roles.filter((r) => roleAllows(r, 'participant.review')),
      ['admin', 'logistics', 'reviewer'],
    );
    assert.deepEqual(
      roles.filter((r) => roleAllows(r, 'participant.read-identity')),
      ['admin', 'logistics'],
    );
  });

  it('denies by default: unknown roles, empty roles and odd values may do nothing but public', () => {
    for (const role of ['', 'root', 'Admin', 'ADMIN', 'admin ', '__proto__', 'constructor', 'toString']) {
      for (const p of permissions) assert.equal(roleAllows(role, p), p === 'public', `${JSON.stringify(role)} ${p}`);
    }
  });

  it('refuses a permission a role does not list', () => {
    assert.equal(roleAllows('editor', 'user.manage'), false);
    assert.equal(roleAllows('editor', 'audit.read'), false);
    assert.equal(roleAllows('board', 'event.edit'), false);
    assert.equal(roleAllows('logistics', 'award.decide'), false);
    assert.equal(roleAllows('award-secretariat', 'participant.read-identity'), false);
    assert.equal(roleAllows('editor', 'made.up' as Permission), false);
  });

  it('gives every staff role its own account and the workspace; only admin manages users', () => {
    for (const role of roles) {
      assert.equal(roleAllows(role, 'account.self'), true, role);
      assert.equal(roleAllows(role, 'admin.access'), true, role);
      assert.equal(roleAllows(role, 'user.manage'), role === 'admin', role);
      assert.ok(!rolePermissions[role].has('public'), `${role} does not list public`);
    }
  });

  it('recognises only known names', () => {
    assert.equal(isRole('editor'), true);
    assert.equal(isRole('hasOwnProperty'), false);
    assert.equal(isRole(undefined), false);
    assert.equal(isPermission('user.manage'), true);
    assert.equal(isPermission('user.*'), false);
  });
});
