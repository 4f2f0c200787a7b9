import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AUDIT_PAGE_SIZE } from '../../../src/web/admin/audit.routes.js';
import { testApp, type TestApp } from '../../support/app.js';
import { signedInStaff, type Staff } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';

const entryIds = (html: string) => [...html.matchAll(/<tr id="entry-(\d+)"/g)].map((m) => Number(m[1]));
const olderLink = (html: string) => /<a href="(\/admin\/audit\?[^"]*before=\d+[^"]*)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

for (const dialect of testDialects()) {
  describe(`audit trail page (${dialect})`, () => {
    let t: TestApp;
    let admin: Staff;
    let editor: Staff;
    const get = (url: string, cookie: string, lang = 'en') => t.app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': lang } });

    before(async () => {
      t = await testApp({ dialect });
      admin = await signedInStaff(t, 'admin');
      editor = await signedInStaff(t, 'editor');
      const at = new Date().toISOString();
      for (let i = 0; i < 60; i++) {
        await t.services.audit.record(t.services.audit.db, at, {
          actorId: editor.userId,
          action: 'fixture.one',
          objectType: 'event',
          objectId: i,
          details: { n: i },
        });
      }
      for (let i = 0; i < 70; i++) await t.services.audit.record(t.services.audit.db, at, { actorId: null, action: 'other.two', details: { n: i } });
      await t.services.audit.record(t.services.audit.db, at, {
        actorId: admin.userId,
        action: 'fixture.markup',
        details: { field: '<script>alert(1)</script>' },
      });
    });
    after(async () => t?.close());

    it('lists entries newest first, with actor names, and pages to older ones by id', async () => {
      const res = await get('/admin/audit', admin.cookie);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const ids = entryIds(res.body);
      assert.equal(ids.length, AUDIT_PAGE_SIZE);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
        'newest first',
      );
      assert.ok(res.body.includes('<code>fixture.markup</code>'), 'the newest entry is on the first page');
      assert.doesNotMatch(res.body, /<script>alert/, 'details are escaped');
      assert.ok(res.body.includes('<code>&lt;script>alert(1)&lt;/script></code>'), 'the value is shown as text');
      // Walk every page: no entry twice, none missing, in descending order.
      const seen = [...ids];
      let next = olderLink(res.body);
      let pages = 1;
      while (next) {
        const page = await get(next, admin.cookie);
        assert.equal(page.statusCode, 200);
        const more = entryIds(page.body);
        assert.ok(more.length > 0 && more.length <= AUDIT_PAGE_SIZE);
        assert.ok((more[0] ?? 0) < (seen[seen.length - 1] ?? 0), 'older page starts below the last id shown');
        seen.push(...more);
        next = olderLink(page.body);
        pages++;
        assert.ok(pages < 20);
      }
      const total = await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(seen.length, Number(total.n), 'every entry shown exactly once');
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(pages >= 3);
    });

    it('filters by action prefix, exact action and staff member, keeping the filter across pages', async () => {
      const prefix = await get('/admin/audit?action=fixture.', admin.cookie);
      const rows = [...prefix.body.matchAll(/<code>([a-z.-]+)<\/code>/g)].map((m) => m[1]);
      assert.ok(rows.length === AUDIT_PAGE_SIZE && rows.every((a) => a?.startsWith('fixture.')), 'only fixture.* actions');
      const older = olderLink(prefix.body);
      assert.ok(older, 'an older page');
      assert.ok(older.includes('action=fixture.'), `older link keeps the filter: ${older}`);
      const page2 = await get(older, admin.cookie);
      assert.equal(entryIds(page2.body).length, 61 - AUDIT_PAGE_SIZE);

      const exact = await get('/admin/audit?action=fixture.markup', admin.cookie);
      assert.equal(entryIds(exact.body).length, 1);

      const byEditor = await get(`/admin/audit?actor=${editor.userId}`, admin.cookie);
      const byEditorRows = [...byEditor.body.matchAll(/<tr id="entry-\d+">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
      assert.ok(byEditorRows.length > 0);
      assert.ok(
        byEditorRows.every((r) => r.includes('Staff ')),
        'each row names the editor',
      );
      const editorName = /<option value="(\d+)" selected>([^<]+)<\/option>/.exec(byEditor.body);
      assert.equal(editorName?.[1], String(editor.userId), 'the staff select keeps the choice');
      // The "nobody signed in" label for entries without an actor.
      assert.match((await get('/admin/audit?action=other.two', admin.cookie)).body, /nobody signed in/);
    });

    it('shows an empty state, in Swedish too, and refuses malformed filters', async () => {
      const none = await get('/admin/audit?action=no.such.action', admin.cookie);
      assert.equal(none.statusCode, 200);
      assert.equal(entryIds(none.body).length, 0);
      assert.match(none.body, /No entries match\./);
      assert.doesNotMatch(none.body, /rel="next"/);
      const sv = await get('/admin/audit?action=no.such.action', admin.cookie, 'sv');
      assert.match(sv.body, /<h1>Granskningslogg<\/h1>/);
      assert.match(sv.body, /Inga poster matchar\./);
      for (const bad of ['before=abc', 'actor=-1', 'action=%3Cscript%3E', `action=${'a'.repeat(100)}`]) {
        assert.equal((await get(`/admin/audit?${bad}`, admin.cookie)).statusCode, 400, bad);
      }
    });

    it('is for administrators only', async () => {
      assert.equal((await get('/admin/audit', editor.cookie)).statusCode, 403);
      const anon = await t.app.inject({ method: 'GET', url: '/admin/audit' });
      assert.equal(anon.statusCode, 303);
    });
  });
}
