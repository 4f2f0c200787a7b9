import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../../src/core/shared/clock.js';
import { makeBootcampConcept, makeBootcampCourse, makePerson } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { formToken, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';

/**
 * The bootcamp: the workspace's courses and training concepts (forms that come back with
 * what was typed, publishing, closing, bootcamp.edit checked on every page) and the public
 * pages in English and Swedish (published and closed courses only; a draft is a 404 exactly
 * like a slug nobody used; trainers named only with consent).
 */
const NOW = '2026-12-01T10:00:00Z';

for (const dialect of testDialects()) {
  describe(`bootcamp (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;
    let reviewer: Staff;
    const ids: Record<string, number> = {};

    /** POSTs a form with repeated fields (checkboxes), with the CSRF token and cookies of `page`. */
    async function post(page: string, url: string, fields: [string, string][], cookie = editor.cookie) {
      const tok = await formToken(t, page, cookie);
      const body = new URLSearchParams([...fields, ['_csrf', tok.csrf]]).toString();
      return t.app.inject({ method: 'POST', url, headers: { cookie: tok.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    }
    const get = (url: string, cookie = editor.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    const course = (slug: string, extra: [string, string][] = []): [string, string][] => [
      ['slug', slug],
      ['title_en', `Digital security basics ${slug}`],
      ['description_en', 'Six weeks of remote training.'],
      ['language', 'en-ru'],
      ['audience', 'applications'],
      ['capacity', '24'],
      ['starts_on', '2027-02-01'],
      ['ends_on', '2027-03-12'],
      ['goal_en_1', 'Threat modelling for a small organisation'],
      ['goal_sv_1', 'Hotmodellering för en liten organisation'],
      ['goal_en_2', 'Safer messaging'],
      ...extra,
    ];

    before(async () => {
      t = await testApp({
        dialect,
        clock: fixedClock(NOW),
        seed: async (db) => {
          ids.concept = (await makeBootcampConcept(db, { names: { en: 'Digital security', sv: 'Digital säkerhet' } })).id;
          ids.consenting = (await makePerson(db, { name: 'Trainer With Consent', publicProfile: true, affiliation: { en: 'Consenting NGO' } })).id;
          ids.private = (await makePerson(db, { name: 'Trainer Without Consent', publicProfile: false, affiliation: { en: 'Private NGO' } })).id;
          await makeBootcampCourse(db, {
            slug: 'past-course',
            status: 'closed',
            texts: { en: { title: 'Litigation course of 2025' }, sv: { title: 'Processföringskurs 2025' } },
            startsOn: '2025-05-01',
            endsOn: '2025-05-30',
          });
          await makeBootcampCourse(db, { slug: 'draft-course', status: 'draft', texts: { en: { title: 'Secret draft title' } } });
          await makeBootcampCourse(db, {
            slug: 'video-course',
            texts: { en: { title: 'Video campaigning', description: 'Filming safely.' } },
            conceptIds: [ids.concept],
            trainerIds: [ids.consenting, ids.private],
            goals: [{ en: 'Plan a safe shoot', sv: 'Planera en säker inspelning' }, { en: 'Edit on a phone' }],
            audience: 'applications',
            capacity: 1,
          });
        },
      });
      const epoch = () => Math.floor(Date.parse(NOW) / 1000);
      editor = await signedInStaff(t, 'editor', { epoch });
      reviewer = await signedInStaff(t, 'reviewer', { epoch });
    });
    after(async () => t?.close());

    it('lists published and closed courses, upcoming first, and never a draft, in English and Swedish', async () => {
      const en = await t.app.inject({ url: '/bootcamp' });
      assert.equal(en.statusCode, 200);
      const body = decodeHtml(en.body);
      assert.ok(body.indexOf('Video campaigning') < body.indexOf('Litigation course of 2025'), 'upcoming before past');
      assert.match(en.body, /Upcoming and running courses/);
      assert.match(en.body, /Past courses/);
      assert.doesNotMatch(en.body, /Secret draft title/);
      assert.match(en.body, /href="\/bootcamp"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/bootcamp"/);
      const sv = await t.app.inject({ url: '/sv/bootcamp' });
      assert.equal(sv.statusCode, 200);
      assert.match(sv.body, /<html lang="sv"/);
      assert.match(sv.body, /Processföringskurs 2025/);
      assert.match(sv.body, /href="\/sv\/bootcamp\/video-course" lang="en"/, 'an English title in the Swedish list is marked');
      assert.match(sv.body, /Kommande och pågående kurser/);
    });

    it('lists the public course pages in the sitemap, in both languages, and no draft', async () => {
      const res = await t.app.inject({ url: '/sitemap.xml' });
      assert.equal(res.statusCode, 200);
      for (const path of ['/bootcamp', '/sv/bootcamp', '/bootcamp/video-course', '/sv/bootcamp/video-course', '/bootcamp/past-course']) {
        assert.ok(res.body.includes(`<loc>http://events.test${path}</loc>`), path);
      }
      assert.doesNotMatch(res.body, /draft-course/);
    });

    it('shows a course with its concepts, goals, language, places and consenting trainers only', async () => {
      const res = await t.app.inject({ url: '/bootcamp/video-course' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Digital security/);
      assert.match(res.body, /Plan a safe shoot/);
      assert.match(res.body, /Edit on a phone/);
      assert.match(res.body, /Trainer With Consent/);
      assert.doesNotMatch(res.body, /Trainer Without Consent/);
      assert.match(res.body, /Trainer With Consent<\/span>, <span>Consenting NGO<\/span>/);
      assert.doesNotMatch(res.body, /Private NGO/);
      assert.match(res.body, /1 place</);
      assert.match(res.body, /Open to applications/);
      const sv = await t.app.inject({ url: '/sv/bootcamp/video-course' });
      assert.equal(sv.statusCode, 200);
      assert.match(sv.body, /Digital säkerhet/);
      assert.match(sv.body, /Planera en säker inspelning/);
      assert.match(sv.body, /<li lang="en">Edit on a phone<\/li>/);
      assert.match(sv.body, /Lärandemål/);
      assert.match(sv.body, /<span lang="en">Consenting NGO<\/span>/, 'an English affiliation on the Swedish page is marked');
    });

    it('answers a draft course exactly like a slug nobody used', async () => {
      for (const prefix of ['', '/sv']) {
        const draft = await t.app.inject({ url: `${prefix}/bootcamp/draft-course` });
        const missing = await t.app.inject({ url: `${prefix}/bootcamp/no-such-course` });
        assert.equal(draft.statusCode, 404);
        assert.equal(missing.statusCode, 404);
        assert.equal(draft.body, missing.body.replaceAll('no-such-course', 'draft-course'));
        assert.doesNotMatch(draft.body, /Secret draft title/);
      }
    });

    it('an editor creates a course, edits its goals keeping their ids, publishes, closes and takes it back to draft', async () => {
      const res = await post(
        '/admin/bootcamp/new',
        '/admin/bootcamp/new',
        course('new-course', [
          ['concepts', String(ids.concept)],
          ['trainers', String(ids.consenting)],
        ]),
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      const id = Number(/^\/admin\/bootcamp\/(\d+)\?done=created$/.exec(String(res.headers.location))?.[1]);
      assert.ok(id > 0);
      const row = await t.database.db.selectFrom('bootcamp_courses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
      assert.equal(row.language, 'en-ru');
      const goals = await t.database.db.selectFrom('bootcamp_goals').select(['id', 'position']).where('course_id', '=', id).orderBy('position').execute();
      assert.equal(goals.length, 2);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'object_id', 'details'])
        .where('action', '=', 'bootcamp.course-created')
        .executeTakeFirstOrThrow();
      assert.equal(audit.object_id, String(id));
      assert.doesNotMatch(audit.details, /Digital security basics/, 'ids and counts only');

      const page = await get(`/admin/bootcamp/${id}?done=created`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /The course was created as a draft/);
      assert.match(page.body, new RegExp(`name="goal_id_1" value="${goals[0]!.id}"`));

      // The second goal is removed, the first renamed, a new one added: the first keeps its id.
      const edited = await post(`/admin/bootcamp/${id}`, `/admin/bootcamp/${id}`, [
        ...course('new-course').filter(([k]) => !k.startsWith('goal_')),
        ['goal_id_1', String(goals[0]!.id)],
        ['goal_en_1', 'Threat modelling, renamed'],
        ['goal_en_2', 'A new goal'],
      ]);
      assert.equal(edited.statusCode, 303);
      const after = await t.database.db.selectFrom('bootcamp_goals').select(['id', 'texts']).where('course_id', '=', id).orderBy('position').execute();
      assert.equal(after.length, 2);
      assert.equal(after[0]!.id, goals[0]!.id);
      assert.match(after[0]!.texts, /renamed/);
      assert.notEqual(after[1]!.id, goals[1]!.id);
      assert.equal(await rowCount(t.database.db, 'bootcamp_course_concepts'), 1, 'concepts unticked are removed; the seeded course keeps its own');

      assert.equal((await t.app.inject({ url: '/bootcamp/new-course' })).statusCode, 404, 'a draft');
      const published = await post(`/admin/bootcamp/${id}`, `/admin/bootcamp/${id}/publish`, []);
      assert.equal(published.statusCode, 303);
      assert.equal(published.headers.location, `/admin/bootcamp/${id}?done=state`);
      const pub = await t.app.inject({ url: '/bootcamp/new-course' });
      assert.equal(pub.statusCode, 200, 'the cached 404 gives way to the published course');
      assert.match(pub.body, /Threat modelling, renamed/);

      const again = await post(`/admin/bootcamp/${id}`, `/admin/bootcamp/${id}/publish`, []);
      assert.equal(again.statusCode, 409, 'publishing a published course is refused on the page');
      assert.match(again.body, /The course cannot change to that status/);
      assert.match(again.body, /href="#form"/);

      assert.equal((await post(`/admin/bootcamp/${id}`, `/admin/bootcamp/${id}/close`, [])).statusCode, 303);
      assert.match((await t.app.inject({ url: '/bootcamp/new-course' })).body, /This course is closed/);
      assert.equal((await post(`/admin/bootcamp/${id}`, `/admin/bootcamp/${id}/draft`, [])).statusCode, 303);
      assert.equal((await t.app.inject({ url: '/bootcamp/new-course' })).statusCode, 404);
      const actions = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'bootcamp-course')
        .where('object_id', '=', String(id))
        .execute();
      assert.deepEqual(actions.map((a) => a.action).sort(), [
        'bootcamp.course-closed',
        'bootcamp.course-created',
        'bootcamp.course-draft',
        'bootcamp.course-published',
        'bootcamp.course-updated',
      ]);
    });

    it('a refused course form comes back with every message and what was typed, status 400, nothing saved', async () => {
      const before = await Promise.all([rowCount(t.database.db, 'bootcamp_courses'), rowCount(t.database.db, 'audit_log')]);
      const typed = 'Goal with <b>markup</b> & “quotes”';
      const res = await post('/admin/bootcamp/new', '/admin/bootcamp/new', [
        ['slug', 'Not a slug!'],
        ['title_en', ''],
        ['title_sv', 'Svensk titel kvar'],
        ['language', 'klingon'],
        ['audience', 'applications'],
        ['capacity', '0'],
        ['starts_on', '2027-03-10'],
        ['ends_on', '2027-03-01'],
        ['goal_en_1', typed],
        ['goal_sv_2', 'Bara svenska'],
        ['concepts', String(ids.concept)],
        ['trainers', '999999'],
      ]);
      assert.equal(res.statusCode, 400);
      for (const m of [
        /Enter the English title\./,
        /Use 2 to 81 lower-case letters/,
        /Choose one of the listed options\./,
        /Enter a number of places/,
        /The last day cannot be before the first day\./,
        /Enter the goal in English/,
      ]) {
        assert.match(res.body, m);
      }
      assert.match(res.body, /value="Not a slug!"/);
      assert.match(res.body, /value="Svensk titel kvar"/);
      assert.match(res.body, /value="Bara svenska"/);
      assert.match(res.body, new RegExp(`value="${ids.concept}" checked`));
      assert.ok(decodeHtml(res.body).includes(typed), 'the typed goal is kept');
      assert.match(res.body, /value="Goal with <b>markup<\/b> &amp; “quotes”"/, 'inside a quoted attribute: & escaped, nothing can close it');
      assert.deepEqual(await Promise.all([rowCount(t.database.db, 'bootcamp_courses'), rowCount(t.database.db, 'audit_log')]), before);

      const taken = await post('/admin/bootcamp/new', '/admin/bootcamp/new', course('video-course'));
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /This address is already used/);
      const unknownTrainer = await post('/admin/bootcamp/new', '/admin/bootcamp/new', course('fresh-slug', [['trainers', '999999']]));
      assert.equal(unknownTrainer.statusCode, 400, 'a person that does not exist is a field message');
      assert.match(unknownTrainer.body, /id="trainers-error"/);
    });

    it('a goal id of another course is refused, not moved', async () => {
      const other = await makeBootcampCourse(t.database.db, { slug: 'other-goals', goals: [{ en: 'Not yours' }] });
      const goal = await t.database.db.selectFrom('bootcamp_goals').select('id').where('course_id', '=', other.id).executeTakeFirstOrThrow();
      const mine = await makeBootcampCourse(t.database.db, { slug: 'mine-goals', status: 'draft' });
      const res = await post(`/admin/bootcamp/${mine.id}`, `/admin/bootcamp/${mine.id}`, [
        ...course('mine-goals').filter(([k]) => !k.startsWith('goal_')),
        ['goal_id_1', String(goal.id)],
        ['goal_en_1', 'Taken over'],
      ]);
      assert.equal(res.statusCode, 400);
      const still = await t.database.db.selectFrom('bootcamp_goals').select(['course_id', 'texts']).where('id', '=', goal.id).executeTakeFirstOrThrow();
      assert.equal(still.course_id, other.id);
      assert.match(still.texts, /Not yours/);
    });

    it('training concepts: added and renamed, a refused form keeps what was typed', async () => {
      const added = await post('/admin/bootcamp/concepts', '/admin/bootcamp/concepts', [
        ['name_en', 'Psychosocial security'],
        ['name_sv', 'Psykosocial säkerhet'],
      ]);
      assert.equal(added.statusCode, 303);
      const location = String(added.headers.location);
      assert.match(location, /^\/admin\/bootcamp\/concepts\/\d+\?done=concept$/);
      const page = await get(location);
      assert.match(page.body, /The training concept was added/);
      assert.match(page.body, /value="Psykosocial säkerhet"/);
      assert.match((await get('/admin/bootcamp/concepts')).body, /Psykosocial säkerhet/);
      const refused = await post('/admin/bootcamp/concepts', '/admin/bootcamp/concepts', [
        ['name_en', ''],
        ['name_sv', 'Kvar'],
      ]);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Enter the English name\./);
      assert.match(refused.body, /value="Kvar"/);
      const renamed = await post(`/admin/bootcamp/concepts/${ids.concept}`, `/admin/bootcamp/concepts/${ids.concept}`, [
        ['name_en', 'Digital security and privacy'],
      ]);
      assert.equal(renamed.statusCode, 303);
      assert.match((await t.app.inject({ url: '/bootcamp/video-course' })).body, /Digital security and privacy/);
      assert.equal((await get('/admin/bootcamp/concepts/99999')).statusCode, 404);
    });

    it('the list filters by status and says when nothing matches', async () => {
      const drafts = await get('/admin/bootcamp?status=draft');
      assert.equal(drafts.statusCode, 200);
      assert.match(drafts.body, /Secret draft title/);
      assert.doesNotMatch(drafts.body, /Video campaigning/);
      const all = await get('/admin/bootcamp?status=nonsense');
      assert.match(all.body, /Video campaigning/);
      assert.match(all.body, /href="\/admin\/bootcamp"/, 'linked from the admin navigation');
    });

    it('an account without bootcamp.edit gets 403 on every workspace page and action', async () => {
      const course = await makeBootcampCourse(t.database.db, { slug: 'for-reviewer', status: 'draft' });
      for (const url of [
        '/admin/bootcamp',
        '/admin/bootcamp/new',
        `/admin/bootcamp/${course.id}`,
        '/admin/bootcamp/concepts',
        `/admin/bootcamp/concepts/${ids.concept}`,
      ]) {
        assert.equal((await get(url, reviewer.cookie)).statusCode, 403, url);
      }
      const tok = await formToken(t, '/admin/account', reviewer.cookie);
      const res = await t.app.inject({
        method: 'POST',
        url: `/admin/bootcamp/${course.id}/publish`,
        headers: { cookie: tok.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(tok.csrf)}`,
      });
      assert.equal(res.statusCode, 403);
      assert.equal((await t.database.db.selectFrom('bootcamp_courses').select('status').where('id', '=', course.id).executeTakeFirstOrThrow()).status, 'draft');
      assert.doesNotMatch((await get('/admin', reviewer.cookie)).body, /href="\/admin\/bootcamp"/);
    });
  });
}
