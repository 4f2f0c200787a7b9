import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { permissions, roleAllows, roles } from '../../../src/security/permissions.js';

const doc = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/security.md'), 'utf8');

describe('docs/security.md: the role table', () => {
  it('says exactly what rolePermissions says, for every permission and role', () => {
    const start = doc.indexOf('## Staff accounts and what each role can see');
    assert.ok(start >= 0, 'no section "Staff accounts and what each role can see"');
    const section = doc.slice(start, doc.indexOf('\n### ', start));
    const lines = section.split('\n').filter((l) => l.startsWith('| `'));
    const header = section.split('\n').find((l) => /^\|\s*permission\s*\|/.test(l));
    assert.ok(header, 'no table header');
    const columns = header
      .split('|')
      .map((c) => c.trim())
      .slice(3, -1);
    assert.deepEqual(columns, [...roles], 'one column per role, in order');
    const documented = new Map(
      lines.map((l) => {
        const cells = l
          .split('|')
          .map((c) => c.trim())
          .slice(1, -1);
        return [cells[0]?.replace(/`/g, '') ?? '', cells.slice(2)];
      }),
    );
    assert.deepEqual(
      [...documented.keys()],
      permissions.filter((p) => p !== 'public'),
      'one row per permission, in order',
    );
    for (const [permission, cells] of documented) {
      roles.forEach((role, i) => {
        assert.equal(cells[i], roleAllows(role, permission as never) ? 'yes' : 'no', `${permission} for ${role}`);
      });
    }
  });
});
