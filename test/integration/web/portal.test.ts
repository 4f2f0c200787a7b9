import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { makeConferenceSession, makeEdition } from '../../../src/db/factories.js';
import { t as translate } from '../../../src/i18n/index.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookiesOf, postForm, signedInStaff } from '../../support/auth.js';
import { CONFERENCE_NOW, conferenceFixture as f, seedConference, type ConferenceIds } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { invite, participant, staffPrincipal, type TestParticipant } from '../../support/participation.js';
import { decodeHtml } from './markup.js';

/**
 * The invitee's and participant's pages over HTTP: accepting an invitation (once),
 * signing in, the portal form, the personal programme with its refusals, the calendar feed's
 * secret address, the public open calls; and the isolation between participants.
 */

const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);
const sv = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('sv', key, params);
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const titleOf = (html: string) => decodeHtml(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
const PASS = 'a quiet river under seven bridges';

for (const dialect of testDialects()) {
  void describe(`participant pages (${dialect})`, () => {
    let t: TestApp;
    let ids: ConferenceIds;
    let editionId: number;
    /** a small workshop with one seat, in the 2018 edition */
    let tiny: number;
    /** a session of another edition (2022) */
    let foreignSession: number;
    let otherEditionId: number;
    let now = new Date(CONFERENCE_NOW);
    const clock: Clock = { now: () => new Date(now) };

    before(async () => {
      t = await testApp({
        dialect,
        clock,
        seed: async (db) => {
          ids = await seedConference(db, (field) => `CLOSED-${field}`);
          tiny = (
            await makeConferenceSession(db, ids.editionId, {
              startsAt: '2018-04-11T08:00:00.000Z',
              endsAt: '2018-04-11T09:00:00.000Z',
              capacity: 1,
              texts: { en: { title: 'Tiny workshop' } },
            })
          ).id;
          const other = await makeEdition(db, { year: 2022 });
          otherEditionId = other.id;
          foreignSession = (await makeConferenceSession(db, other.id, { startsAt: '2022-04-10T08:00:00.000Z', texts: { en: { title: 'Elsewhere' } } })).id;
        },
      });
      editionId = ids.editionId;
    });
    after(async () => t?.close());

    const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const picksOf = async (p: TestParticipant) => [...(await t.services.portal.programme(p.portal, 'en')).picked].sort((a, b) => a - b);
    /** The feed's path on this app (the service gives the address under PUBLIC_URL). */
    const feedPath = (url: string) => new URL(url).pathname;

    // ---- accepting an invitation

    void it('shows the invitation, accepts it over HTTP and signs the new participant in', async () => {
      const { token } = await invite(t, editionId, { role: 'trainer' });
      const page = await get(`/invitation/${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['cache-control']), /no-store/);
      assert.match(String(page.headers['x-robots-tag']), /noindex/);
      assert.equal(titleOf(page.body), en('portal.invitation.title'), 'a neutral title');
      assert.doesNotMatch(titleOf(page.body), /Defenders/);
      const body = text(page.body);
      assert.ok(body.includes(en('portal.invitation.offer', { year: f.year, role: en('portal.role.trainer') })), body.slice(0, 600));
      assert.ok(body.includes(en('portal.invitation.once')));
      for (const name of ['sign_in', 'display_name', 'passphrase', 'passphrase_again']) {
        assert.match(page.body, new RegExp(`<label for="${name}"`), `a label for ${name}`);
        assert.match(page.body, new RegExp(`id="${name}-hint"`), `a hint for ${name}`);
      }
      assert.ok(body.includes(en('portal.invitation.display-name-hint')), 'says a pseudonym is fine and it is on the badge');

      const res = await postForm(
        t,
        `/invitation/${token}`,
        `/invitation/${token}`,
        { sign_in: 'river-walker', display_name: 'Heron', passphrase: PASS, passphrase_again: PASS },
        '',
      );
      // The answer shows the sign-in name once: the word typed, a dash and four random characters.
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /no-store/);
      assert.equal(titleOf(res.body), en('portal.accepted.title'));
      const signIn = /<output id="sign-in-name"[^>]*>([^<]+)<\/output>/.exec(res.body)?.[1] ?? '';
      assert.match(signIn, /^river-walker-[2-9a-z]{4}$/);
      assert.match(res.body, /href="\/portal"/);
      const portalCookie = cookiesOf(res).dd_portal;
      assert.ok(portalCookie, 'the portal cookie is set');
      assert.match(String(res.headers['set-cookie']), /HttpOnly/i);
      const signedIn = await postForm(t, '/portal/login', '/portal/login', { sign_in: signIn, passphrase: PASS }, '');
      assert.equal(signedIn.statusCode, 303, 'the name shown signs in');
      const overview = await get('/portal', `dd_portal=${portalCookie}`);
      assert.equal(overview.statusCode, 200);
      assert.ok(text(overview.body).includes(en('portal.overview.welcome', { name: 'Heron' })));
      assert.ok(text(overview.body).includes(en('portal.role.trainer')));
      assert.equal(titleOf(overview.body), en('portal.overview.title'));

      // The same link again: refused with the neutral message, on the page and on a second POST.
      const again = await get(`/invitation/${token}`);
      assert.equal(again.statusCode, 404);
      assert.ok(text(again.body).includes(en('participation.link-unusable')));
      assert.doesNotMatch(again.body, /name="passphrase"/, 'no form any more');
      const csrfFrom = await get(`/portal/login`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(csrfFrom.body)?.[1] ?? '';
      const post = await t.app.inject({
        method: 'POST',
        url: `/invitation/${token}`,
        headers: {
          cookie: Object.entries(cookiesOf(csrfFrom))
            .map(([k, v]) => `${k}=${v}`)
            .join('; '),
        },
        payload: { _csrf: csrf, sign_in: 'someone-else', display_name: 'Other', passphrase: PASS, passphrase_again: PASS },
      });
      assert.equal(post.statusCode, 404);
      assert.ok(text(post.body).includes(en('participation.link-unusable')));
      assert.equal(cookiesOf(post).dd_portal, undefined, 'no session for the second use');
    });

    void it('gives one neutral answer for unknown, used, revoked and expired links', async () => {
      const answers: string[] = [];
      const answer = async (url: string) => {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(res.body)?.[1] ?? '';
        answers.push(text(main));
        assert.doesNotMatch(res.body, /name="passphrase"/);
        assert.ok(!res.body.includes(url.split('/').pop() as string), 'the page does not repeat the link');
      };
      await answer('/invitation/unknown-token-0000000000000000000000000000');
      const used = await invite(t, editionId);
      await t.services.invitations.accept(used.token, { sign_in: 'first-taker', display_name: 'First', passphrase: PASS, passphrase_again: PASS }, 'en');
      await answer(`/invitation/${used.token}`);
      const admin = await staffPrincipal(t);
      const revoked = await invite(t, editionId, { principal: admin });
      await t.services.invitations.revoke(admin, editionId, revoked.invitationId);
      await answer(`/invitation/${revoked.token}`);
      const expiring = await invite(t, editionId, { days: 1 });
      now = new Date(new Date(CONFERENCE_NOW).getTime() + 2 * 86_400_000);
      try {
        await answer(`/invitation/${expiring.token}`);
      } finally {
        now = new Date(CONFERENCE_NOW);
      }
      assert.equal(new Set(answers).size, 1, `one answer for all: ${JSON.stringify([...new Set(answers)])}`);
      assert.ok(answers[0]?.includes(en('participation.link-unusable')));
      // In Swedish too.
      const res = await get(`/sv/invitation/${revoked.token}`);
      assert.equal(res.statusCode, 404);
      assert.ok(text(res.body).includes(sv('participation.link-unusable')));
    });

    void it('shows the accept form again with the messages and what was typed, never the passphrase; the link stays usable', async () => {
      const { token } = await invite(t, editionId);
      const typedPass = 'first passphrase that is long';
      const res = await postForm(
        t,
        `/sv/invitation/${token}`,
        `/sv/invitation/${token}`,
        { sign_in: 'ab', display_name: 'Kingfisher', passphrase: typedPass, passphrase_again: 'something else entirely' },
        '',
      );
      assert.equal(res.statusCode, 400);
      assert.equal(titleOf(res.body), sv('portal.invitation.title'));
      const body = text(res.body);
      assert.ok(body.includes(sv('participation.sign-in-short')), body.slice(0, 800));
      assert.ok(body.includes(sv('participation.passphrase-mismatch')));
      assert.match(res.body, /value="Kingfisher"/);
      assert.match(res.body, /value="ab"/);
      assert.ok(!res.body.includes(typedPass) && !res.body.includes('something else entirely'), 'passphrases are never echoed');
      assert.equal((await get(`/invitation/${token}`)).statusCode, 200, 'the link is not spent by a refused form');
    });

    // ---- signing in and out

    void it('refuses a wrong passphrase, signs in with the right one and signs out', async () => {
      const p = await participant(t, editionId);
      const wrong = await postForm(t, '/portal/login', '/portal/login', { sign_in: p.signIn, passphrase: 'not the right passphrase' }, '');
      assert.equal(wrong.statusCode, 401);
      assert.ok(text(wrong.body).includes(en('participation.login-failed')));
      assert.ok(!wrong.body.includes('not the right passphrase'));
      assert.equal(cookiesOf(wrong).dd_portal, undefined);

      const right = await postForm(t, '/sv/portal/login', '/sv/portal/login', { sign_in: p.signIn, passphrase: p.passphrase }, '');
      assert.equal(right.statusCode, 303);
      assert.equal(right.headers.location, '/sv/portal');
      const cookie = `dd_portal=${cookiesOf(right).dd_portal}`;
      const overview = await get('/sv/portal', cookie);
      assert.equal(overview.statusCode, 200);
      assert.equal(titleOf(overview.body), sv('portal.overview.title'));

      const out = await postForm(t, '/sv/portal', '/sv/portal/logout', {}, cookie);
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/sv/portal/login?out=1');
      assert.equal(cookiesOf(out).dd_portal, '', 'the cookie is cleared');
      const after = await get('/sv/portal', cookie);
      assert.equal(after.statusCode, 303, 'the old session token no longer works');
      assert.equal(after.headers.location, '/sv/portal/login');
    });

    void it('sends visitors without a portal session, and staff, to the portal sign-in', async () => {
      for (const prefix of ['', '/sv']) {
        for (const path of ['/portal', '/portal/profile', '/portal/programme', '/portal/programme/print', '/portal/calendar']) {
          const res = await get(prefix + path);
          assert.equal(res.statusCode, 303, prefix + path);
          assert.equal(res.headers.location, `${prefix}/portal/login`);
        }
      }
      const staff = await signedInStaff(t, 'admin', { epoch: () => Math.floor(clock.now().getTime() / 1000) });
      for (const path of ['/portal', '/portal/profile', '/portal/programme', '/portal/calendar']) {
        const res = await get(path, staff.cookie);
        assert.equal(res.statusCode, 303, `${path} with a staff session`);
        assert.equal(res.headers.location, '/portal/login');
      }
      const post = await postForm(t, '/portal/login', '/portal/programme/pick', { session_id: String(ids.sessions.keynote) }, staff.cookie);
      assert.equal(post.statusCode, 303);
      assert.equal(post.headers.location, '/portal/login');
    });

    // ---- the portal form

    const fullForm = {
      display_name: 'Heron of the north',
      photo_consent: 'never',
      travel_support: '1',
      visa_letter: '1',
      given_names: 'Anna Maria',
      family_names: 'Svensson-Öberg',
      nationality: 'by',
      passport_number: 'PASS-1234567',
      date_of_birth: '1980-02-29',
      email: 'heron@example.org',
      emergency: 'My sister, +46 70 000 00 00',
      travel_from: 'Vilnius',
      arrival: '2018-04-08',
      departure: '2018-04-13',
      visa_notes: 'Embassy in Minsk',
      accommodation: 'A quiet room',
      access: 'Step-free access',
      dietary: 'Vegetarian',
      interpretation: 'Russian',
      join_community: '1',
    };

    void it('shows every field with why it is asked and when it is deleted, and saves the form round trip', async () => {
      const p = await participant(t, editionId, { displayName: 'Heron' });
      const page = await get('/portal/profile', p.cookie);
      assert.equal(page.statusCode, 200);
      assert.equal(titleOf(page.body), en('portal.profile.title'));
      const deleted = en('portal.deleted-on', { date: '12 May 2018' });
      for (const name of Object.keys(fullForm)) {
        assert.match(page.body, new RegExp(`name="${name}"`), `field ${name}`);
        const hint = new RegExp(`id="${name}-hint"[^>]*>([^<]*)<`).exec(page.body)?.[1];
        assert.ok(hint, `a hint for ${name}`);
        assert.ok(decodeHtml(hint).endsWith(deleted), `${name}: "${hint}" ends with "${deleted}"`);
      }
      assert.ok(text(page.body).includes(en('portal.profile.identity-note')), 'the note on the identity group');
      assert.equal((page.body.match(/<fieldset/g) ?? []).length, 8, 'seven groups and the photo question');
      assert.match(page.body, /value="Heron"/);

      const saved = await postForm(t, '/portal/profile', '/portal/profile', fullForm, p.cookie);
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/portal/profile?saved=1');
      const again = await get('/portal/profile?saved=1', p.cookie);
      assert.ok(text(again.body).includes(en('portal.profile.saved')));
      for (const [name, value] of Object.entries(fullForm)) {
        if (
          [
            'photo_consent',
            'travel_support',
            'visa_letter',
            'join_community',
            'nationality',
            'emergency',
            'visa_notes',
            'accommodation',
            'access',
            'dietary',
            'interpretation',
          ].includes(name)
        )
          continue;
        assert.ok(again.body.includes(`value="${value}"`), `${name} comes back`);
      }
      assert.match(again.body, /id="photo_consent-never"[^>]*checked/);
      assert.match(again.body, /<option value="BY" selected/);
      assert.match(again.body, />Embassy in Minsk<\/textarea>/);
      for (const name of ['travel_support', 'visa_letter', 'join_community']) assert.match(again.body, new RegExp(`id="${name}"[^>]*checked`));
      const { profile } = await t.services.portal.profile(p.portal);
      assert.deepEqual(profile.identity, {
        givenNames: 'Anna Maria',
        familyNames: 'Svensson-Öberg',
        nationality: 'BY',
        passportNumber: 'PASS-1234567',
        dateOfBirth: '1980-02-29',
      });
      assert.equal(profile.displayName, 'Heron of the north');
      assert.equal(profile.photoConsent, 'never');
      assert.equal(profile.needs.dietary, 'Vegetarian');

      // Neither travel support nor a visa letter: the identity is dropped, whatever was typed.
      const { travel_support: _a, visa_letter: _b, ...withoutSupport } = fullForm;
      const dropped = await postForm(t, '/portal/profile', '/portal/profile', { ...withoutSupport, passport_number: 'PASS-7654321' }, p.cookie);
      assert.equal(dropped.statusCode, 303);
      assert.equal((await t.services.portal.profile(p.portal)).profile.identity, null);
      const page3 = await get('/portal/profile', p.cookie);
      assert.ok(!page3.body.includes('PASS-7654321') && !page3.body.includes('PASS-1234567') && !page3.body.includes('Anna Maria'), 'no identity on the page');
    });

    void it('shows the form again with the messages and what was typed when it is refused', async () => {
      const p = await participant(t, editionId);
      const res = await postForm(
        t,
        '/sv/portal/profile',
        '/sv/portal/profile',
        { display_name: 'Stork', photo_consent: 'ask', visa_letter: '1', given_names: 'Jan', arrival: '2018-04-10', departure: '2018-04-09' },
        p.cookie,
      );
      assert.equal(res.statusCode, 400);
      const body = text(res.body);
      assert.ok(body.includes(sv('portal.errors')));
      assert.ok(body.includes(sv('participation.required')), 'family names, nationality, passport and birth date are needed for a visa letter');
      assert.ok(body.includes(sv('participation.departure-before-arrival')));
      assert.match(res.body, /value="Stork"/);
      assert.match(res.body, /value="Jan"/);
      assert.match(res.body, /href="#passport_number"/);
      assert.equal((await t.services.portal.profile(p.portal)).profile.visaLetter, false, 'nothing saved');
    });

    // ---- the personal programme

    const pick = (p: TestParticipant, id: number, action: 'pick' | 'unpick' = 'pick', prefix = '') =>
      postForm(t, `${prefix}/portal/programme`, `${prefix}/portal/programme/${action}`, { session_id: String(id) }, p.cookie);

    void it('lists the programme by day with what a participant needs, and picks and removes sessions', async () => {
      const p = await participant(t, editionId);
      const page = await get('/portal/programme', p.cookie);
      assert.equal(page.statusCode, 200);
      assert.equal(titleOf(page.body), en('portal.programme.title'));
      const body = text(page.body);
      for (const s of [f.titles.keynote.en, f.titles.digital.en, 'CLOSED-session-title-en', 'Tiny workshop']) assert.ok(body.includes(s), s);
      assert.ok(!body.includes('Elsewhere'), 'nothing of another edition');
      assert.ok(body.includes(en('portal.programme.part', { number: 1, count: 2 })));
      assert.ok(body.includes(en('portal.programme.seat-left')), 'seats left of the tiny workshop');
      assert.ok(body.includes(en('portal.programme.room', { room: f.publicRoom })));
      assert.ok(body.includes(en('portal.programme.language', { language: en('conference.language.en-ru') })));
      assert.ok(body.includes(en('portal.programme.picked-none')));
      assert.match(page.body, /<h2 id="d-2018-04-09"/);

      const res = await pick(p, ids.sessions.keynote);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/portal/programme?done=picked#s-${ids.sessions.keynote}`);
      assert.deepEqual(await picksOf(p), [ids.sessions.keynote]);
      const after = await get('/portal/programme?done=picked', p.cookie);
      assert.ok(text(after.body).includes(en('portal.programme.done-picked')));
      assert.match(after.body, new RegExp(`id="s-${ids.sessions.keynote}" data-picked="true"`));
      assert.ok(text(after.body).includes(en('portal.programme.picked-one')));

      const print = await get('/portal/programme/print', p.cookie);
      assert.equal(print.statusCode, 200);
      assert.ok(text(print.body).includes(f.titles.keynote.en));
      assert.ok(!text(print.body).includes('Tiny workshop'), 'only the chosen sessions');
      assert.match(print.body, /class="site-header no-print"/);

      const removed = await pick(p, ids.sessions.keynote, 'unpick', '/sv');
      assert.equal(removed.statusCode, 303);
      assert.equal(removed.headers.location, `/sv/portal/programme?done=unpicked#s-${ids.sessions.keynote}`);
      assert.deepEqual(await picksOf(p), []);
      const emptyPrint = await get('/sv/portal/programme/print', p.cookie);
      assert.ok(text(emptyPrint.body).includes(sv('portal.programme.picked-none')));
    });

    void it('says so on the programme page when a session is full, clashes, needs part 1 or has part 2 chosen', async () => {
      const a = await participant(t, editionId);
      const b = await participant(t, editionId);
      assert.equal((await pick(a, tiny)).statusCode, 303);
      const full = await pick(b, tiny);
      assert.equal(full.statusCode, 409);
      assert.ok(text(full.body).includes(en('participation.session-full')));
      assert.match(full.body, new RegExp(`href="#s-${tiny}"`), 'the message links to the session');
      assert.ok(text(full.body).includes(en('portal.programme.title')), 'on the programme page');

      const needsPart1 = await pick(b, ids.sessions.part2);
      assert.equal(needsPart1.statusCode, 400);
      assert.ok(text(needsPart1.body).includes(en('participation.needs-part-1')));

      assert.equal((await pick(b, ids.sessions.part1)).statusCode, 303);
      const clash = await pick(b, ids.sessions.closed);
      assert.equal(clash.statusCode, 400);
      assert.ok(text(clash.body).includes(en('participation.session-clash')));

      assert.equal((await pick(b, ids.sessions.part2)).statusCode, 303);
      const part2 = await pick(b, ids.sessions.part1, 'unpick', '/sv');
      assert.equal(part2.statusCode, 400);
      assert.ok(text(part2.body).includes(sv('participation.part-2-chosen')));
      assert.deepEqual(
        await picksOf(b),
        [ids.sessions.part1, ids.sessions.part2].sort((x, y) => x - y),
      );

      const junk = await pick(b, 0);
      assert.equal(junk.statusCode, 404);
      assert.ok(text(junk.body).includes(en('participation.session-unavailable')));
    });

    // ---- the calendar

    void it('makes a secret feed address; a new one kills the old; revoking (after a confirmation) kills it', async () => {
      const p = await participant(t, editionId);
      assert.equal((await pick(p, ids.sessions.part1)).statusCode, 303);
      const none = await get('/portal/calendar', p.cookie);
      assert.equal(none.statusCode, 200);
      assert.equal(titleOf(none.body), en('portal.cal.title'));
      assert.ok(text(none.body).includes(en('portal.cal.none')));

      const made = await postForm(t, '/portal/calendar', '/portal/calendar/new', {}, p.cookie);
      assert.equal(made.statusCode, 303);
      assert.equal(made.headers.location, '/portal/calendar?done=new');
      const url1 = await t.services.portal.calendarUrl(p.portal);
      assert.ok(url1);
      const page = await get('/portal/calendar?done=new', p.cookie);
      assert.ok(page.body.includes(`value="${url1}"`), 'the address is shown');
      assert.ok(text(page.body).includes(en('portal.cal.done-new')));

      const feed = await get(feedPath(url1));
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^text\/calendar/);
      assert.match(String(feed.headers['cache-control']), /no-store/);
      const events = new ICAL.Component(ICAL.parse(feed.body) as unknown[]).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      assert.deepEqual(
        events.map((e) => e.summary),
        [`${f.titles.digital.en} (1/2)`],
      );
      // Its UIDs carry no row id (of the participant or the session) that would count anything.
      for (const e of events) assert.match(e.uid, /^[A-Za-z0-9_-]{22}@[^@]+$/, e.uid);

      assert.equal((await postForm(t, '/portal/calendar', '/portal/calendar/new', {}, p.cookie)).statusCode, 303);
      const url2 = await t.services.portal.calendarUrl(p.portal);
      assert.ok(url2 && url2 !== url1);
      assert.equal((await get(feedPath(url1))).statusCode, 404, 'the old address stops working');
      assert.equal((await get(feedPath(url2))).statusCode, 200);

      const ask = await postForm(t, '/portal/calendar', '/portal/calendar/revoke', {}, p.cookie);
      assert.equal(ask.statusCode, 200, 'the first press asks for a confirmation');
      assert.ok(text(ask.body).includes(en('portal.cal.confirm-title')));
      assert.equal((await get(feedPath(url2))).statusCode, 200, 'nothing is stopped yet');
      const revoked = await postForm(t, '/portal/calendar', '/portal/calendar/revoke', { confirm: '1' }, p.cookie);
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, '/portal/calendar?done=revoked');
      assert.equal((await get(feedPath(url2))).statusCode, 404, 'a revoked address is not found');
      assert.equal(await t.services.portal.calendarUrl(p.portal), null);
      assert.equal((await get('/portal/calendar/not-a-token.ics')).statusCode, 404);
    });

    // ---- isolation

    void it("gives participant A nothing of participant B's, whatever ids or tokens A sends", async () => {
      const a = await participant(t, editionId, { displayName: 'Alpha' });
      const b = await participant(t, editionId, { displayName: 'Bravo' });
      await t.services.portal.saveProfile(b.portal, { ...fullForm, display_name: 'Bravo', email: 'bravo@example.org', passport_number: 'BRAVO-PASS-1' });
      await t.services.portal.pick(b.portal, ids.sessions.keynote);
      await t.services.portal.pick(b.portal, ids.sessions.part1);
      const bPicks = await picksOf(b);

      // A removes "B's" sessions: A has not chosen them, so not found, and B keeps them.
      for (const id of bPicks) {
        const res = await pick(a, id, 'unpick');
        assert.equal(res.statusCode, 404);
        assert.ok(text(res.body).includes(en('portal.programme.not-chosen')));
      }
      assert.deepEqual(await picksOf(b), bPicks);
      // A choosing the same sessions changes A's programme only.
      assert.equal((await pick(a, ids.sessions.keynote)).statusCode, 303);
      assert.deepEqual(await picksOf(b), bPicks);
      assert.deepEqual(await picksOf(a), [ids.sessions.keynote]);

      // A session of another edition: not found, nothing picked.
      const foreign = await pick(a, foreignSession);
      assert.equal(foreign.statusCode, 404);
      assert.ok(text(foreign.body).includes(en('participation.session-unavailable')));
      assert.deepEqual(await picksOf(a), [ids.sessions.keynote]);
      void otherEditionId;

      // Ids in the address or the form do not choose whose data a page shows.
      for (const url of [
        '/portal/profile',
        `/portal/profile?participant=${b.participantId}`,
        `/portal?id=${b.participantId}`,
        '/portal/calendar',
        '/portal/programme/print',
      ]) {
        const res = await get(url, a.cookie);
        assert.equal(res.statusCode, 200, url);
        for (const secret of ['Bravo', 'bravo@example.org', 'BRAVO-PASS-1']) assert.ok(!res.body.includes(secret), `${url} shows nothing of B (${secret})`);
      }
      const ignored = await postForm(
        t,
        '/portal/profile',
        '/portal/profile',
        { display_name: 'Alpha again', photo_consent: 'ask', participant_id: String(b.participantId), id: String(b.participantId) },
        a.cookie,
      );
      assert.equal(ignored.statusCode, 303);
      assert.equal((await t.services.portal.profile(b.portal)).profile.displayName, 'Bravo', "B's form is untouched");
      assert.equal((await t.services.portal.profile(a.portal)).profile.displayName, 'Alpha again');

      // Calendar tokens: random, unrelated, and only the exact one opens B's feed.
      await t.services.portal.newCalendarUrl(a.portal);
      const bUrl = await t.services.portal.newCalendarUrl(b.portal);
      const aUrl = (await t.services.portal.calendarUrl(a.portal)) as string;
      const aToken = /\/portal\/calendar\/([^/]+)\.ics$/.exec(aUrl)?.[1] ?? '';
      const bToken = /\/portal\/calendar\/([^/]+)\.ics$/.exec(bUrl)?.[1] ?? '';
      assert.match(aToken, /^[A-Za-z0-9_-]{43}$/);
      assert.match(bToken, /^[A-Za-z0-9_-]{43}$/);
      assert.notEqual(aToken, bToken);
      assert.ok(!(await get('/portal/calendar', a.cookie)).body.includes(bToken), "A's calendar page does not hold B's token");
      for (const guess of [
        String(b.participantId),
        String(b.invitationId),
        `${aToken.slice(0, -1)}${aToken.endsWith('A') ? 'B' : 'A'}`,
        bToken.slice(0, 42),
        b.sessionToken, // B's portal session token is no calendar key
      ]) {
        assert.equal((await get(`/portal/calendar/${guess}.ics`)).statusCode, 404, `guess ${guess}`);
      }
      const aFeed = await get(feedPath(aUrl));
      assert.ok(!aFeed.body.includes(f.titles.digital.en), "A's feed holds A's sessions only");
      // B's portal session cookie is not A's: the overview of each is their own.
      assert.ok(text((await get('/portal', a.cookie)).body).includes(en('portal.overview.welcome', { name: 'Alpha again' })));
    });

    // ---- open calls

    void it('lists open calls, shows a call with its form, takes an application, and hides drafts', async () => {
      const admin = await staffPrincipal(t);
      const next = await t.services.invitations.editionIdOf(f.draftProgrammeYear);
      const save = (status: string, deadline: string, title: string) =>
        t.services.calls.saveCall(admin, next, null, {
          role: 'defender',
          status,
          deadline,
          title_en: title,
          body_en: 'Who may apply.\n\nHow we decide.',
          title_sv: `${title} (sv)`,
        });
      const open = await save('open', '2019-07-01', 'Call for defenders');
      const late = await save('open', '2019-05-01', 'Call that has ended');
      const draft = await save('draft', '2019-07-01', 'Draft call');

      const list = await get('/calls');
      assert.equal(list.statusCode, 200);
      const body = text(list.body);
      assert.ok(body.includes('Call for defenders'));
      assert.ok(!body.includes('Call that has ended') && !body.includes('Draft call'));
      assert.ok(text((await get('/sv/calls')).body).includes('Call for defenders (sv)'));
      assert.ok((await get('/defenders-days')).body.includes('href="/calls"'), 'the conference overview links to the calls');

      assert.equal((await get(`/calls/${draft}`)).statusCode, 404);
      assert.equal((await get('/calls/999999999')).statusCode, 404);
      const ended = await get(`/calls/${late}`);
      assert.equal(ended.statusCode, 200);
      assert.ok(text(ended.body).includes(en('calls.closed')));
      assert.doesNotMatch(ended.body, /name="motivation"/);

      const page = await get(`/calls/${open}`);
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['cache-control']), /no-store/);
      const key = /name="idempotency_key" value="([^"]+)"/.exec(page.body)?.[1];
      assert.ok(key);
      for (const name of ['name', 'email', 'country', 'organisation', 'motivation']) assert.match(page.body, new RegExp(`<label for="${name}"`), name);
      assert.ok(text(page.body).includes(en('calls.deleted', { days: 30, year: f.draftProgrammeYear })));

      const refused = await postForm(
        t,
        `/calls/${open}`,
        `/calls/${open}`,
        { idempotency_key: key, name: 'Egret', email: 'not-an-address', motivation: '' },
        '',
      );
      assert.equal(refused.statusCode, 400);
      assert.ok(text(refused.body).includes(en('participation.email-invalid')));
      assert.ok(refused.body.includes(`value="${key}"`), 'the same key comes back');
      assert.match(refused.body, /value="Egret"/);

      const sent = await postForm(
        t,
        `/calls/${open}`,
        `/calls/${open}`,
        { idempotency_key: key, name: 'Egret', email: 'egret@example.org', country: 'ng', motivation: 'I document abuses.' },
        '',
      );
      assert.equal(sent.statusCode, 200);
      assert.ok(text(sent.body).includes(en('calls.thanks')));
      assert.ok(text(sent.body).includes(en('calls.thanks-deletion', { days: 30, year: f.draftProgrammeYear })));
      const again = await postForm(
        t,
        `/calls/${open}`,
        `/calls/${open}`,
        { idempotency_key: key, name: 'Egret', email: 'egret@example.org', motivation: 'I document abuses.' },
        '',
      );
      assert.equal(again.statusCode, 200, 'the same form twice');
      const { applications } = await t.services.calls.applications(admin, next, open, 'en');
      assert.equal(applications.length, 1, 'stored once');
      assert.equal(applications[0]?.answers.country, 'NG');

      const lateApply = await postForm(
        t,
        `/calls/${open}`,
        `/calls/${late}`,
        { idempotency_key: key, name: 'Egret', email: 'egret@example.org', motivation: 'Late.' },
        '',
      );
      assert.equal(lateApply.statusCode, 400);
      assert.ok(text(lateApply.body).includes(en('calls.closed')));
      assert.equal(
        (await postForm(t, `/calls/${open}`, `/calls/${draft}`, { idempotency_key: key, name: 'E', email: 'e@example.org', motivation: 'x' }, '')).statusCode,
        404,
      );
    });
  });
}
