/**
 * Invitation-only participation through the services, on both dialects: seats under
 * contention, the pick rules, single-use invitation links, the portal form, open calls and
 * their mails, the audit trail of logistics, and deletion after the edition.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../../src/core/accounts/accounts.schema.js';
import { ctx } from '../../../src/core/participation/participation.context.js';
import type { PortalParticipant } from '../../../src/core/participation/participation.schema.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { DomainError } from '../../../src/core/shared/errors.js';
import type { Db } from '../../../src/db/database.js';
import { makeConferenceSession, makeEdition } from '../../../src/db/factories.js';
import { t as tr } from '../../../src/i18n/index.js';
import { DataKeyGone, DataKeys } from '../../../src/security/data-keys.js';
import { parseKeyring } from '../../../src/security/keyring.js';
import { TEST_MASTER_KEY, testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';
import { invite, participant, staffPrincipal, type TestParticipant } from '../../support/participation.js';

function manualClock(): Clock & { set(iso: string): void; offset(ms: number): void; reset(): void } {
  let shift = 0;
  return {
    now: () => new Date(Date.now() + shift),
    set: (iso) => void (shift = new Date(iso).getTime() - Date.now()),
    offset: (ms) => void (shift = ms),
    reset: () => void (shift = 0),
  };
}

/** A rejection with this domain error code (and form/field message, when given). */
function domainError(code: DomainError['code'], fields?: Record<string, string>) {
  return (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (fields) for (const [k, v] of Object.entries(fields)) assert.equal(e.fields[k], v, `field ${k}`);
    return true;
  };
}

const idem = () => crypto.randomBytes(18).toString('base64url');
const at = (year: number, time: string) => `${year}-04-10T${time}:00.000Z`;

/** Participants made in parallel batches: accepting hashes a passphrase (argon2), ~50–100 ms each. */
async function participants(t: TestApp, editionId: number, n: number, principal: Principal, batch = 10): Promise<TestParticipant[]> {
  const out: TestParticipant[] = [];
  for (let i = 0; i < n; i += batch)
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, () => participant(t, editionId, { principal })))));
  return out;
}

async function seatsTaken(db: Db, sessionId: number): Promise<number> {
  const r = await db.selectFrom('session_seats').select('taken').where('session_id', '=', sessionId).executeTakeFirst();
  return r?.taken ?? 0;
}
async function pickRows(db: Db, sessionId: number): Promise<number> {
  return (await db.selectFrom('participant_picks').select('participant_id').where('session_id', '=', sessionId).execute()).length;
}

interface Mail {
  key: string;
  to: unknown;
  subject: string;
  text: string;
}
async function mailsOf(t: TestApp, editionId: number): Promise<Mail[]> {
  const rows = await t.database.db
    .selectFrom('outbox')
    .select(['payload', 'dedupe_key'])
    .where('dedupe_key', 'like', `part:${editionId}:%`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ key: r.dedupe_key ?? '', ...(t.services.outbox.decode(r.payload) as Omit<Mail, 'key'>) }));
}

/** The whole portal form, with a marker in every free-text field. */
const profileForm = (m: string, opts: { travel?: boolean; visa?: boolean } = {}) => ({
  display_name: `Pseudonym ${m}`,
  photo_consent: 'never',
  ...(opts.travel ? { travel_support: '1' } : {}),
  ...(opts.visa ? { visa_letter: '1' } : {}),
  join_community: '1',
  given_names: `Given ${m}`,
  family_names: `Family ${m}`,
  nationality: 'SE',
  passport_number: `PP${m}`.slice(0, 40),
  date_of_birth: '1980-01-02',
  email: `mail-${m}@example.org`.toLowerCase(),
  emergency: `Emergency ${m}`,
  travel_from: `City ${m}`,
  arrival: '',
  departure: '',
  visa_notes: `Embassy ${m}`,
  accommodation: `Room ${m}`,
  access: `Access ${m}`,
  dietary: `Diet ${m}`,
  interpretation: `Interpretation ${m}`,
});

const application = (m: string, extra: Record<string, string> = {}) => ({
  name: `Applicant ${m}`,
  email: `applicant-${m}@example.org`.toLowerCase(),
  country: 'KE',
  organisation: `Org ${m}`,
  motivation: `Motivation ${m}`,
  idempotency_key: idem(),
  ...extra,
});

/** Names a neutral mail must never carry (security requirement R16): the conference, the organisation. */
const forbiddenInMail = [/defenders/i, /civil rights/i, /försvarare/i, new RegExp(tr('en', 'site.name').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')];

for (const dialect of testDialects()) {
  describe(`participation (${dialect})`, () => {
    let t: TestApp;
    const clock = manualClock();
    let admin: Principal;

    before(async () => {
      t = await testApp({ dialect, clock });
      admin = await staffPrincipal(t);
    });
    after(async () => {
      await t?.close();
    });

    it('60 concurrent picks for a 20-seat workshop give exactly 20', async () => {
      const db = t.database.db;
      const edition = await makeEdition(db, { year: 2051 });
      const workshop = await makeConferenceSession(db, edition.id, { part: 'closed', visibility: 'participants', capacity: 20, startsAt: at(2051, '09:00') });
      const made = Date.now();
      const people = await participants(t, edition.id, 60, admin);
      const madeMs = Date.now() - made;
      assert.equal(new Set(people.map((p) => p.participantId)).size, 60);

      const started = Date.now();
      const results = await Promise.allSettled(people.map((p) => t.services.portal.pick(p.portal, workshop.id)));
      const pickMs = Date.now() - started;
      const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(fulfilled, 20, `${fulfilled} picks succeeded`);
      assert.equal(rejected.length, 40);
      for (const r of rejected) domainError('conflict', { form: 'participation.session-full' })(r.reason);
      assert.equal(await seatsTaken(db, workshop.id), 20);
      assert.equal(await pickRows(db, workshop.id), 20);
      const winners = people.filter((_, i) => results[i]!.status === 'fulfilled');
      const losers = people.filter((_, i) => results[i]!.status === 'rejected');
      for (const w of winners) assert.ok((await t.services.portal.programme(w.portal, 'en')).picked.has(workshop.id));
      assert.equal((await t.services.portal.programme(losers[0]!.portal, 'en')).seatsLeft.get(workshop.id), 0);

      // Five winners let go; the 40 others try again at once: exactly five more get in.
      await Promise.all(winners.slice(0, 5).map((w) => t.services.portal.unpick(w.portal, workshop.id)));
      assert.equal(await seatsTaken(db, workshop.id), 15);
      assert.equal((await t.services.portal.programme(losers[0]!.portal, 'en')).seatsLeft.get(workshop.id), 5);
      const again = await Promise.allSettled(losers.map((p) => t.services.portal.pick(p.portal, workshop.id)));
      assert.equal(again.filter((r) => r.status === 'fulfilled').length, 5);
      for (const r of again) if (r.status === 'rejected') domainError('conflict', { form: 'participation.session-full' })(r.reason);
      assert.equal(await seatsTaken(db, workshop.id), 20);
      assert.equal(await pickRows(db, workshop.id), 20);
      console.log(`  picks (${dialect}): 20 of 60 in ${pickMs} ms, then 5 of 40 (60 participants made in ${madeMs} ms)`);
    });

    it('pick rules: part 2 only with part 1, no two sessions at once, same pick twice changes nothing, unpick releases the seat', async () => {
      const db = t.database.db;
      const year = 2052;
      const edition = await makeEdition(db, { year });
      const part1 = await makeConferenceSession(db, edition.id, { capacity: 5, startsAt: at(year, '09:00'), partNumber: 1, partCount: 2 });
      const part2 = await makeConferenceSession(db, edition.id, {
        capacity: 5,
        startsAt: at(year, '13:00'),
        partNumber: 2,
        partCount: 2,
        requiresSessionId: part1.id,
      });
      const clash = await makeConferenceSession(db, edition.id, { capacity: 5, startsAt: at(year, '10:00') }); // 10:00–11:30, inside part 1 (09:00–10:30)
      const adjacent = await makeConferenceSession(db, edition.id, { capacity: null, startsAt: at(year, '10:30') }); // starts as part 1 ends
      const brk = await makeConferenceSession(db, edition.id, { startsAt: at(year, '12:00'), endsAt: at(year, '12:30'), type: 'break' });
      const [p, q] = await participants(t, edition.id, 2, admin);
      assert.ok(p && q);
      const pick = (s: { id: number }) => t.services.portal.pick(p.portal, s.id);

      await assert.rejects(pick(part2), domainError('invalid', { form: 'participation.needs-part-1' }));
      assert.equal(await seatsTaken(db, part2.id), 0);

      await pick(part1);
      assert.equal(await seatsTaken(db, part1.id), 1);
      await pick(part1); // the same again: nothing changes
      assert.equal(await seatsTaken(db, part1.id), 1);
      assert.equal(await pickRows(db, part1.id), 1);

      await assert.rejects(pick(clash), domainError('invalid', { form: 'participation.session-clash' }));
      assert.equal(await seatsTaken(db, clash.id), 0, 'a refused pick takes no seat');
      await pick(adjacent); // back to back is not at once
      assert.equal(await seatsTaken(db, adjacent.id), 1, 'a session without a limit still counts its seats');
      await pick(part2);
      assert.deepEqual(
        [...(await t.services.portal.programme(p.portal, 'en')).picked].sort((a, b) => a - b),
        [part1.id, part2.id, adjacent.id].sort((a, b) => a - b),
      );
      await assert.rejects(pick(brk), domainError('not-found'), 'a break cannot be picked');

      // Another participant is not affected by p's picks, and p's clash does not bind q.
      await t.services.portal.pick(q.portal, clash.id);
      assert.equal(await seatsTaken(db, clash.id), 1);

      await assert.rejects(t.services.portal.unpick(p.portal, part1.id), domainError('invalid', { form: 'participation.part-2-chosen' }));
      assert.equal(await seatsTaken(db, part1.id), 1);
      await t.services.portal.unpick(p.portal, part2.id);
      assert.equal(await seatsTaken(db, part2.id), 0, 'unpicking releases the seat');
      await t.services.portal.unpick(p.portal, part1.id);
      assert.equal(await seatsTaken(db, part1.id), 0);
      assert.equal(await pickRows(db, part1.id), 0);
      await assert.rejects(t.services.portal.unpick(p.portal, part1.id), domainError('not-found'), 'unpicking what is not picked');
      assert.equal(await seatsTaken(db, part1.id), 0, 'and it releases nothing');
      await assert.rejects(t.services.portal.unpick(p.portal, clash.id), domainError('not-found'), "q's pick is not p's to remove");
      assert.equal(await seatsTaken(db, clash.id), 1);
      // With part 1 and the session after it let go, the clashing one is free for p.
      await t.services.portal.unpick(p.portal, adjacent.id);
      assert.equal(await seatsTaken(db, adjacent.id), 0);
      await pick(clash);
      assert.equal(await seatsTaken(db, clash.id), 2);

      // Sessions p may not pick: another edition's (closed or public), an unpublished programme's, an unknown id.
      const other = await makeEdition(db, { year: 2053 });
      const otherClosed = await makeConferenceSession(db, other.id, { startsAt: at(2053, '09:00') });
      const otherPublic = await makeConferenceSession(db, other.id, { part: 'open', visibility: 'public', startsAt: at(2053, '18:00') });
      for (const s of [otherClosed, otherPublic, { id: 9_999_999 }]) {
        await assert.rejects(pick(s), domainError('not-found'), `session ${s.id}`);
        assert.equal(await seatsTaken(db, s.id), 0);
      }
      const draft = await makeEdition(db, { year: 2054, programmeStatus: 'draft' });
      const draftSession = await makeConferenceSession(db, draft.id, { startsAt: at(2054, '09:00'), capacity: 3 });
      const hiddenEdition = await makeEdition(db, { year: 2055, status: 'draft' });
      const hiddenSession = await makeConferenceSession(db, hiddenEdition.id, { startsAt: at(2055, '09:00'), capacity: 3 });
      const [d] = await participants(t, draft.id, 1, admin);
      const [h] = await participants(t, hiddenEdition.id, 1, admin);
      await assert.rejects(t.services.portal.pick(d!.portal, draftSession.id), domainError('not-found'), 'an unpublished programme');
      await assert.rejects(t.services.portal.pick(h!.portal, hiddenSession.id), domainError('not-found'), 'a draft edition');
      assert.equal((await seatsTaken(db, draftSession.id)) + (await seatsTaken(db, hiddenSession.id)), 0);

      // A forged participant (another edition than their own) picks nothing and unpicks nothing.
      const forged: PortalParticipant = { ...p.portal, editionId: other.id, editionYear: other.year };
      await assert.rejects(t.services.portal.pick(forged, otherClosed.id), domainError('not-found'));
      assert.equal(await seatsTaken(db, otherClosed.id), 0);
      await assert.rejects(t.services.portal.unpick(forged, clash.id), domainError('not-found'));
      assert.equal(await seatsTaken(db, clash.id), 2);
    });

    it('an invitation link works once, also when used twice at the same moment; expired, revoked and unknown links are refused', async () => {
      const db = t.database.db;
      const edition = await makeEdition(db, { year: 2056 });
      const unusable = domainError('not-found', { form: 'participation.link-unusable' });
      const accept = (token: string, name = `guest-${crypto.randomBytes(4).toString('hex')}`) =>
        t.services.invitations.accept(
          token,
          { sign_in: name, passphrase: 'a fine long passphrase 42', passphrase_again: 'a fine long passphrase 42', display_name: 'Guest' },
          'en',
        );

      // once
      const one = await invite(t, edition.id, { principal: admin });
      assert.deepEqual(await t.services.invitations.offer(one.token), {
        editionYear: 2056,
        role: 'defender',
        needsCode: false,
        expiresAt: (await db.selectFrom('participation_invitations').select('expires_at').where('id', '=', one.invitationId).executeTakeFirstOrThrow())
          .expires_at,
      });
      const first = await accept(one.token);
      assert.ok(await t.services.portal.authenticate(first.sessionToken));
      await assert.rejects(accept(one.token), unusable, 'the second use');
      await assert.rejects(t.services.invitations.offer(one.token), unusable);
      assert.equal((await db.selectFrom('participants').select('id').where('invitation_id', '=', one.invitationId).execute()).length, 1);

      // at the same moment: five links, three accepts each, all at once
      const links = await Promise.all(Array.from({ length: 5 }, () => invite(t, edition.id, { principal: admin })));
      const results = await Promise.allSettled(links.flatMap((l) => [accept(l.token), accept(l.token), accept(l.token)]));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5, 'one participant per link');
      for (const r of results) if (r.status === 'rejected') unusable(r.reason);
      for (const l of links) {
        assert.equal((await db.selectFrom('participants').select('id').where('invitation_id', '=', l.invitationId).execute()).length, 1);
        const row = await db
          .selectFrom('participation_invitations')
          .select(['status', 'accepted_at'])
          .where('id', '=', l.invitationId)
          .executeTakeFirstOrThrow();
        assert.equal(row.status, 'accepted');
      }

      // expired
      const soon = await invite(t, edition.id, { principal: admin, days: 1 });
      clock.offset(86_400_000 + 60_000);
      try {
        await assert.rejects(accept(soon.token), unusable, 'an expired link');
        await assert.rejects(t.services.invitations.offer(soon.token), unusable);
        assert.equal((await t.services.invitations.list(admin, edition.id)).find((i) => i.id === soon.invitationId)?.status, 'expired');
      } finally {
        clock.reset();
      }
      assert.ok(await t.services.invitations.offer(soon.token), 'before it expires it worked');

      // revoked: the link and the mail still queued with it
      const mailed = await t.services.invitations.create(admin, edition.id, {
        role: 'panellist',
        label: 'Mailed one',
        email: 'mailed@example.org',
        days: '10',
        locale: 'en',
      });
      assert.equal(mailed.link, null, 'a mailed link is never shown');
      const mail = (await mailsOf(t, edition.id)).find((x) => x.key === `part:${edition.id}:invitation:${mailed.id}`);
      assert.ok(mail);
      const mailedToken = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      assert.ok(mailedToken);
      assert.equal((await t.services.invitations.offer(mailedToken)).role, 'panellist');
      await t.services.invitations.revoke(admin, edition.id, mailed.id);
      await assert.rejects(accept(mailedToken), unusable, 'a revoked link');
      assert.equal(
        (await mailsOf(t, edition.id)).filter((x) => x.key === `part:${edition.id}:invitation:${mailed.id}`).length,
        0,
        'its queued mail is withdrawn',
      );
      await assert.rejects(t.services.invitations.revoke(admin, edition.id, mailed.id), domainError('invalid', { form: 'participation.invitation-not-open' }));
      await assert.rejects(t.services.invitations.revoke(admin, edition.id, one.invitationId), domainError('invalid'), 'an accepted one cannot be revoked');
      const other = await makeEdition(db, { year: 2057 });
      const elsewhere = await invite(t, edition.id, { principal: admin });
      await assert.rejects(t.services.invitations.revoke(admin, other.id, elsewhere.invitationId), domainError('not-found'), 'through another edition');
      await assert.rejects(accept(crypto.randomBytes(32).toString('base64url')), unusable, 'an unknown link');
      await assert.rejects(accept(''), unusable);

      // a word too short for a sign-in name: the form says so, and the link stays usable
      const short = await invite(t, edition.id, { principal: admin });
      await assert.rejects(accept(short.token, ' ab '), domainError('invalid', { sign_in: 'participation.sign-in-short' }));
      const row = await db.selectFrom('participation_invitations').select('status').where('id', '=', short.invitationId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'open', 'the refused accept did not spend the link');
      await accept(short.token);

      // staff without participant.invite cannot invite
      const editor = await staffPrincipal(t, 'editor');
      await assert.rejects(
        t.services.invitations.create(editor, edition.id, { role: 'defender', label: 'x', days: '5', locale: 'en' }),
        domainError('forbidden'),
      );
      await assert.rejects(t.services.invitations.list(editor, edition.id), domainError('forbidden'));
    });

    it('the portal form: identity is kept only with travel support or a visa letter; another edition’s participant reaches nothing', async () => {
      const db = t.database.db;
      const edition = await makeEdition(db, { year: 2058 });
      const other = await makeEdition(db, { year: 2059 });
      const [p] = await participants(t, edition.id, 1, admin);
      const [q] = await participants(t, other.id, 1, admin);
      assert.ok(p && q);
      const m = `PRF${crypto.randomBytes(3).toString('hex')}`;
      const identityOf = async () =>
        (await db.selectFrom('participants').select('identity_sealed').where('id', '=', p.participantId).executeTakeFirstOrThrow()).identity_sealed;

      await t.services.portal.saveProfile(p.portal, profileForm(m));
      let view = (await t.services.portal.profile(p.portal)).profile;
      assert.equal(view.identity, null, 'no travel support, no visa letter: no identity');
      assert.equal(await identityOf(), null);
      assert.equal(view.displayName, `Pseudonym ${m}`);
      assert.equal(view.needs.dietary, `Diet ${m}`);

      await t.services.portal.saveProfile(p.portal, profileForm(m, { visa: true }));
      view = (await t.services.portal.profile(p.portal)).profile;
      assert.deepEqual(view.identity, {
        givenNames: `Given ${m}`,
        familyNames: `Family ${m}`,
        nationality: 'SE',
        passportNumber: `PP${m}`,
        dateOfBirth: '1980-01-02',
      });
      const sealed = await identityOf();
      assert.ok(sealed && !sealed.includes(m), 'sealed, not plain');

      await t.services.portal.saveProfile(p.portal, profileForm(m, { travel: true }));
      assert.equal((await t.services.portal.profile(p.portal)).profile.identity?.givenNames, `Given ${m}`, 'travel support alone keeps it');

      await t.services.portal.saveProfile(p.portal, profileForm(m));
      assert.equal((await t.services.portal.profile(p.portal)).profile.identity, null);
      assert.equal(await identityOf(), null, 'unticking both drops the identity from the database');

      // A visa letter needs the passport: the form says which fields are missing.
      await assert.rejects(
        t.services.portal.saveProfile(p.portal, { ...profileForm(m, { visa: true }), passport_number: '', date_of_birth: '' }),
        domainError('invalid', { passport_number: 'participation.required', date_of_birth: 'participation.required' }),
      );

      // A forged participant: p's id with another edition, or another edition's id with p's edition.
      const forged: PortalParticipant[] = [
        { ...p.portal, editionId: other.id, editionYear: other.year },
        { ...q.portal, editionId: edition.id, editionYear: edition.year },
        { ...p.portal, id: 9_999_999 },
      ];
      for (const f of forged) {
        await assert.rejects(t.services.portal.profile(f), domainError('not-found'), JSON.stringify(f));
        await assert.rejects(t.services.portal.saveProfile(f, profileForm('forged')), domainError('not-found'));
        await assert.rejects(t.services.portal.calendarUrl(f), domainError('not-found'));
        await assert.rejects(t.services.portal.newCalendarUrl(f), domainError('not-found'));
      }
      assert.equal((await t.services.portal.profile(q.portal)).profile.displayName, q.displayName, "q's form is untouched");
      assert.equal((await t.services.portal.profile(p.portal)).profile.displayName, `Pseudonym ${m}`);

      // The calendar feed: secret, revocable, and holding only the participant's own picks.
      const url = await t.services.portal.newCalendarUrl(p.portal);
      const token = url
        .split('/')
        .pop()!
        .replace(/\.ics$/, '');
      assert.equal(await t.services.portal.calendarUrl(p.portal), url);
      assert.match(await t.services.portal.calendarFeed(token), /BEGIN:VCALENDAR/);
      await t.services.portal.revokeCalendarUrl(p.portal);
      await assert.rejects(t.services.portal.calendarFeed(token), domainError('not-found'));
      assert.equal(await t.services.portal.calendarUrl(p.portal), null);
    });

    it('open calls: apply once per form, not after the deadline; review; accept invites by mail, decline and waiting list mail neutrally', async () => {
      const db = t.database.db;
      const edition = await makeEdition(db, { year: 2060 });
      const reviewer = await staffPrincipal(t, 'reviewer');
      const m = `CALL${crypto.randomBytes(3).toString('hex')}`;
      const callId = await t.services.calls.saveCall(admin, edition.id, null, {
        role: 'trainer',
        status: 'open',
        deadline: '2099-12-31',
        title_en: `Trainers ${m}`,
      });

      // the same form twice (one after the other, and two at once) is one application and one receipt
      const once = application(`${m}a`);
      await t.services.calls.apply(callId, once, 'en');
      await t.services.calls.apply(callId, once, 'en');
      const twice = application(`${m}b`);
      await Promise.all([t.services.calls.apply(callId, twice, 'sv'), t.services.calls.apply(callId, twice, 'sv')]);
      await t.services.calls.apply(callId, application(`${m}c`), 'en');
      const apps = await db
        .selectFrom('participation_applications')
        .select(['id', 'answers_sealed', 'status'])
        .where('call_id', '=', callId)
        .orderBy('id')
        .execute();
      assert.equal(apps.length, 3);
      for (const a of apps) assert.ok(!a.answers_sealed.includes(m), 'answers are sealed');
      let mails = await mailsOf(t, edition.id);
      assert.equal(mails.filter((x) => x.key.endsWith(':received')).length, 3, 'one receipt per application');
      const [a1, a2, a3] = apps.map((a) => a.id) as [number, number, number];

      // deadline passed, draft call, unknown call
      const yesterday = new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
      const closedCall = await t.services.calls.saveCall(admin, edition.id, null, {
        role: 'defender',
        status: 'open',
        deadline: yesterday,
        title_en: 'Too late',
      });
      await assert.rejects(t.services.calls.apply(closedCall, application(`${m}late`), 'en'), domainError('invalid', { form: 'participation.call-closed' }));
      const draftCall = await t.services.calls.saveCall(admin, edition.id, null, {
        role: 'defender',
        status: 'draft',
        deadline: '2099-12-31',
        title_en: 'Draft',
      });
      await assert.rejects(t.services.calls.apply(draftCall, application(`${m}draft`), 'en'), domainError('not-found'));
      await assert.rejects(t.services.calls.apply(9_999_999, application(`${m}none`), 'en'), domainError('not-found'));
      // An open call of an edition that is still a draft is not public: not listed, not found, no applications.
      const hidden = await makeEdition(db, { year: 2062, status: 'draft' });
      const hiddenCall = await t.services.calls.saveCall(admin, hidden.id, null, {
        role: 'trainer',
        status: 'open',
        deadline: '2099-12-31',
        title_en: 'Hidden',
      });
      await assert.rejects(t.services.calls.publicCall(hiddenCall, 'en'), domainError('not-found'));
      await assert.rejects(t.services.calls.apply(hiddenCall, application(`${m}hidden`), 'en'), domainError('not-found'));
      assert.ok(!(await t.services.calls.openCalls('en')).some((c) => c.id === hiddenCall));
      assert.equal((await db.selectFrom('participation_applications').select('id').where('call_id', 'in', [closedCall, draftCall]).execute()).length, 0);

      // review: score and comment, sealed; a second review by the same reviewer replaces the first
      await t.services.calls.review(reviewer, edition.id, callId, a1, { score: '2', comment: `First thought ${m}` });
      await t.services.calls.review(reviewer, edition.id, callId, a1, { score: '4', comment: `Second thought ${m}` });
      await t.services.calls.review(admin, edition.id, callId, a1, { score: '5', comment: '' });
      await assert.rejects(
        t.services.calls.review(reviewer, edition.id, callId, a1, { score: '6' }),
        domainError('invalid', { score: 'participation.score-invalid' }),
      );
      const review = await db
        .selectFrom('participation_reviews')
        .select('comment_sealed')
        .where('application_id', '=', a1)
        .where('reviewer_id', '=', reviewer.userId)
        .executeTakeFirstOrThrow();
      assert.ok(review.comment_sealed && !review.comment_sealed.includes(m));
      const listed = await t.services.calls.applications(reviewer, edition.id, callId, 'en');
      const v1 = listed.applications.find((a) => a.id === a1)!;
      assert.equal(v1.answers.motivation, `Motivation ${m}a`);
      assert.equal(v1.meanScore, 4.5);
      assert.deepEqual(
        v1.reviews.map((r) => [r.score, r.comment]).sort(),
        [
          [4, `Second thought ${m}`],
          [5, ''],
        ].sort(),
      );
      await assert.rejects(t.services.calls.applications(reviewer, edition.id + 1000, callId, 'en'), domainError('not-found'), 'through another edition');

      // decide: reviewers may not; accept makes an invitation mailed to the applicant
      await assert.rejects(t.services.calls.decide(reviewer, edition.id, callId, a1, { decision: 'accept' }), domainError('forbidden'));
      await assert.rejects(
        t.services.calls.decide(admin, edition.id, callId, a1, { decision: 'maybe' }),
        domainError('invalid', { decision: 'form.choice-invalid' }),
      );
      await t.services.calls.decide(admin, edition.id, callId, a1, { decision: 'accept' });
      const accepted = await db
        .selectFrom('participation_applications')
        .select(['status', 'invitation_id', 'decided_at'])
        .where('id', '=', a1)
        .executeTakeFirstOrThrow();
      assert.equal(accepted.status, 'accepted');
      assert.ok(accepted.invitation_id && accepted.decided_at);
      const inv = await db.selectFrom('participation_invitations').selectAll().where('id', '=', accepted.invitation_id).executeTakeFirstOrThrow();
      assert.equal(inv.application_id, a1);
      assert.equal(inv.role, 'trainer');
      assert.equal(inv.edition_id, edition.id);
      assert.ok(inv.email_sealed && !inv.email_sealed.includes('applicant'));
      mails = await mailsOf(t, edition.id);
      const invitationMail = mails.find((x) => x.key === `part:${edition.id}:invitation:${inv.id}`);
      assert.ok(invitationMail, 'the invitation is mailed');
      assert.equal(invitationMail.to, `applicant-${m}a@example.org`.toLowerCase());
      const token = /\/invitation\/([A-Za-z0-9_-]{43})\b/.exec(invitationMail.text)?.[1];
      assert.ok(token, 'the mail holds the link');
      assert.equal((await t.services.invitations.offer(token)).role, 'trainer');
      const invitations = await t.services.invitations.list(admin, edition.id);
      assert.equal(invitations.find((i) => i.id === inv.id)?.label, `Applicant ${m}a`);
      assert.equal(invitations.find((i) => i.id === inv.id)?.fromApplication, true);
      await assert.rejects(
        t.services.calls.decide(admin, edition.id, callId, a1, { decision: 'decline' }),
        domainError('invalid', { form: 'participation.already-decided' }),
      );

      // decline; waiting list, not twice, then accepted later
      await t.services.calls.decide(admin, edition.id, callId, a2, { decision: 'decline' });
      await t.services.calls.decide(admin, edition.id, callId, a3, { decision: 'waitlist' });
      await assert.rejects(
        t.services.calls.decide(admin, edition.id, callId, a3, { decision: 'waitlist' }),
        domainError('invalid', { form: 'participation.already-decided' }),
      );
      mails = await mailsOf(t, edition.id);
      const declined = mails.find((x) => x.key === `part:${edition.id}:application:${a2}:declined`);
      const waitlisted = mails.find((x) => x.key === `part:${edition.id}:application:${a3}:waitlisted`);
      assert.ok(declined && waitlisted);
      assert.equal(declined.to, `applicant-${m}b@example.org`.toLowerCase());
      assert.equal(declined.subject, tr('sv', 'mail.participation.subject-application'), 'in the language the applicant used');
      assert.equal(waitlisted.to, `applicant-${m}c@example.org`.toLowerCase());
      await t.services.calls.decide(admin, edition.id, callId, a3, { decision: 'accept' });
      mails = await mailsOf(t, edition.id);
      assert.equal(mails.filter((x) => x.key.startsWith(`part:${edition.id}:invitation:`)).length, 2);

      // Every mail: one recipient, a subject and text naming neither the conference nor the organisation, no call title.
      assert.equal(mails.length, 3 + 1 + 1 + 2, 'three receipts, a decline, a waiting-list mail and two invitations');
      for (const x of mails) {
        assert.equal(typeof x.to, 'string', `${x.key}: one recipient`);
        assert.match(x.to as string, /^[^\s@,;<>]+@[^\s@,;<>]+$/, `${x.key}: one address`);
        for (const re of forbiddenInMail) {
          assert.doesNotMatch(x.subject, re, `${x.key}: subject "${x.subject}"`);
          assert.doesNotMatch(x.text, re, `${x.key}: text`);
        }
        assert.ok(!x.subject.includes(m) && !x.text.includes(m), `${x.key}: nothing from the call or the form`);
        assert.ok(!x.subject.includes('2060') && !x.text.includes('Trainers'), `${x.key}: no edition, no call title`);
      }
    });

    it('logistics reads are audited with ids and counts only; no audit entry holds anything a participant wrote', async () => {
      const db = t.database.db;
      const edition = await makeEdition(db, { year: 2061 });
      const people = await participants(t, edition.id, 3, admin);
      const m = `AUD${crypto.randomBytes(3).toString('hex')}`;
      for (const [i, p] of people.entries()) await t.services.portal.saveProfile(p.portal, profileForm(`${m}x${i}`, { visa: true, travel: true }));
      await t.services.logistics.saveNotes(admin, edition.id, people[0]!.participantId, { notes: `Notes ${m}` });
      const lastId = async () => (await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
      const newEntries = async (after: number) => db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').execute();
      const target = people[1]!.participantId;

      const checks: [string, () => Promise<unknown>, string, string, string | number, Record<string, unknown>][] = [
        ['list', () => t.services.logistics.list(admin, edition.id), 'participant.list-read', 'edition', edition.id, { count: 3 }],
        ['detail', () => t.services.logistics.detail(admin, edition.id, target), 'participant.identity-read', 'participant', target, {}],
        ['visa letter', () => t.services.logistics.visaLetter(admin, edition.id, target, 'en'), 'participant.visa-letter-made', 'participant', target, {}],
        ['badges', () => t.services.logistics.badges(admin, edition.id, 'en'), 'participant.badges-made', 'edition', edition.id, { count: 3 }],
        ['one badge', () => t.services.logistics.badges(admin, edition.id, 'en', target), 'participant.badges-made', 'edition', edition.id, { count: 1 }],
      ];
      const reauthed = await staffPrincipal(t, 'logistics', clock.now().toISOString());
      checks.push(['export', () => t.services.logistics.exportCsv(reauthed, edition.id), 'export.participants', 'edition', edition.id, { rows: 3 }]);
      for (const [what, run, action, objectType, objectId, details] of checks) {
        const before = await lastId();
        const result = await run();
        const entries = await newEntries(before);
        assert.equal(entries.length, 1, `${what}: one audit entry`);
        const e = entries[0]!;
        assert.equal(e.action, action, what);
        assert.equal(e.object_type, objectType, what);
        assert.equal(e.object_id, String(objectId), what);
        assert.deepEqual(JSON.parse(e.details), details, what);
        assert.ok(e.actor_id, `${what}: the actor is recorded`);
        if (what === 'export') assert.match((result as { csv: string }).csv, new RegExp(`PP${m}x1`), 'the export itself has the data');
        if (what === 'detail') assert.equal((result as { notes: string }).notes, '', 'notes of another participant are not mixed in');
      }
      // the export needs a recent second factor; staff without participant.read-identity read nothing (and the refusal adds no read)
      const stale = await staffPrincipal(t, 'logistics', new Date(clock.now().getTime() - 10 * 60_000).toISOString());
      await assert.rejects(t.services.logistics.exportCsv(stale, edition.id), domainError('forbidden'));
      const editor = await staffPrincipal(t, 'editor');
      const before = await lastId();
      for (const run of [
        () => t.services.logistics.list(editor, edition.id),
        () => t.services.logistics.detail(editor, edition.id, target),
        () => t.services.logistics.visaLetter(editor, edition.id, target, 'en'),
        () => t.services.logistics.badges(editor, edition.id, 'en'),
      ]) {
        await assert.rejects(run(), domainError('forbidden'));
      }
      assert.equal((await newEntries(before)).filter((e) => e.action.startsWith('participant.')).length, 0);

      // Across the whole audit trail: no marker, no sign-in name, no passphrase, no token.
      const all = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
      assert.ok(!all.includes(m), 'no marker in the audit trail');
      for (const p of people) {
        assert.ok(!all.includes(p.signIn), 'no sign-in name');
        assert.ok(!all.includes(p.passphrase), 'no passphrase');
        assert.ok(!all.includes(p.sessionToken), 'no session token');
        assert.ok(!all.includes(p.displayName), 'no display name');
      }
    });
  });

  describe(`deletion after the edition (${dialect})`, () => {
    const clock = manualClock();
    let t: TestApp;
    before(async () => {
      clock.set('2071-03-01T10:00:00.000Z');
      t = await testApp({ dialect, clock, env: { PARTICIPANT_RETENTION_DAYS: '10' } });
    });
    after(async () => {
      await t?.close();
    });

    it('N days after the edition ends its rows and data key are destroyed and only totals stay; later editions are untouched', async () => {
      const db = t.database.db;
      const admin = await staffPrincipal(t);
      const due = await makeEdition(db, { year: 2071 }); // ends 2071-04-12
      const later = await makeEdition(db, { year: 2072 });
      const m = `DEL${crypto.randomBytes(3).toString('hex')}`;

      // The edition that will be erased: three participants (two roles) with picks, an open mailed invitation, a call with applications and mails.
      const defenders = await participants(t, due.id, 2, admin);
      const trainer = await participant(t, due.id, { principal: admin, role: 'trainer' });
      const everyone = [...defenders, trainer];
      for (const [i, p] of everyone.entries()) await t.services.portal.saveProfile(p.portal, profileForm(`${m}${i}`, { visa: true }));
      await t.services.logistics.saveNotes(admin, due.id, trainer.participantId, { notes: `Notes ${m}` });
      const s1 = await makeConferenceSession(db, due.id, { startsAt: at(2071, '09:00'), capacity: 10 });
      const s2 = await makeConferenceSession(db, due.id, { startsAt: at(2071, '13:00'), capacity: 10 });
      for (const p of everyone) await t.services.portal.pick(p.portal, s1.id);
      await t.services.portal.pick(trainer.portal, s2.id);
      await t.services.portal.newCalendarUrl(trainer.portal);
      await t.services.invitations.create(admin, due.id, {
        role: 'stakeholder',
        label: `Open ${m}`,
        email: 'still-open@example.org',
        days: '90',
        locale: 'en',
      });
      const callId = await t.services.calls.saveCall(admin, due.id, null, { role: 'panellist', status: 'open', deadline: '2071-03-31', title_en: 'Panel' });
      for (const k of ['a', 'b']) await t.services.calls.apply(callId, application(`${m}${k}`), 'en');
      const declineId = (await db.selectFrom('participation_applications').select('id').where('call_id', '=', callId).orderBy('id').executeTakeFirstOrThrow())
        .id;
      await t.services.calls.decide(admin, due.id, callId, declineId, { decision: 'decline' });
      const keptAside = await db
        .selectFrom('participants')
        .select(['identity_sealed', 'needs_sealed', 'invitation_id'])
        .where('id', '=', trainer.participantId)
        .executeTakeFirstOrThrow();
      assert.ok(keptAside.identity_sealed);
      assert.ok((await mailsOf(t, due.id)).length >= 4, 'mails queued for the edition');

      // The later edition: one participant and a queued invitation mail.
      const [stays] = await participants(t, later.id, 1, admin);
      await t.services.portal.saveProfile(stays!.portal, profileForm(`${m}stay`, { travel: true }));
      await t.services.invitations.create(admin, later.id, { role: 'defender', label: 'Later', email: 'later@example.org', days: '30', locale: 'en' });
      const laterMails = (await mailsOf(t, later.id)).length;

      // Not yet: the last day of the retention period.
      assert.equal(t.services.logistics.purgeDay('2071-04-12'), '2071-04-23');
      clock.set('2071-04-22T23:00:00.000Z');
      assert.deepEqual(await t.services.logistics.purgeExpired(), []);
      assert.equal((await db.selectFrom('participants').select('id').where('edition_id', '=', due.id).execute()).length, 3);

      // The day after: erased.
      clock.set('2071-04-23T01:00:00.000Z');
      assert.deepEqual(await t.services.logistics.purgeExpired(), [due.id]);

      const count = async (table: 'participants' | 'participation_invitations' | 'participation_applications') =>
        (await db.selectFrom(table).select('id').where('edition_id', '=', due.id).execute()).length;
      assert.equal(await count('participants'), 0);
      assert.equal(await count('participation_invitations'), 0);
      assert.equal(await count('participation_applications'), 0);
      assert.equal(await pickRows(db, s1.id), 0);
      assert.equal(await pickRows(db, s2.id), 0);
      assert.equal(
        (
          await db
            .selectFrom('participant_sessions')
            .select('id')
            .where(
              'participant_id',
              'in',
              everyone.map((p) => p.participantId),
            )
            .execute()
        ).length,
        0,
      );
      assert.deepEqual(await mailsOf(t, due.id), [], 'queued mails for them are gone');
      assert.equal((await mailsOf(t, later.id)).length, laterMails, "the later edition's mails stay");

      const totals = await db
        .selectFrom('participation_totals')
        .select(['role', 'participants', 'applications', 'picks'])
        .where('edition_id', '=', due.id)
        .orderBy('role')
        .execute();
      assert.deepEqual(
        totals.map((x) => ({ ...x, participants: Number(x.participants), applications: Number(x.applications), picks: Number(x.picks) })),
        [
          { role: 'defender', participants: 2, applications: 0, picks: 2 },
          { role: 'panellist', participants: 0, applications: 2, picks: 0 },
          { role: 'trainer', participants: 1, applications: 0, picks: 2 },
        ],
      );
      const key = await db.selectFrom('data_keys').selectAll().where('scope', '=', `edition:${due.id}`).executeTakeFirstOrThrow();
      assert.equal(key.wrapped, null, 'the data key is destroyed');
      assert.ok(key.destroyed_at);
      const erased = await db
        .selectFrom('audit_log')
        .select(['details'])
        .where('action', '=', 'participation.erased')
        .where('object_id', '=', String(due.id))
        .execute();
      assert.equal(erased.length, 1);
      assert.deepEqual(JSON.parse(erased[0]!.details), { participants: 3, keyDestroyed: true });

      // What was copied aside before cannot be opened by anyone any more.
      const fresh = new DataKeys(db, parseKeyring(TEST_MASTER_KEY, 'test'));
      await assert.rejects(fresh.load(`edition:${due.id}`), DataKeyGone);
      await assert.rejects(t.services.dataKeys.load(`edition:${due.id}`), DataKeyGone, 'the running app forgot it too');
      const laterKey = await fresh.load(`edition:${later.id}`);
      assert.throws(() => laterKey.open(keptAside.identity_sealed!, ctx.participant(keptAside.invitation_id, 'identity')));
      // Their sessions ended, and logistics shows the totals only.
      for (const p of everyone) assert.equal(await t.services.portal.authenticate(p.sessionToken), undefined);
      await assert.rejects(t.services.portal.login(trainer.signIn, trainer.passphrase), domainError('unauthenticated'));
      const list = await t.services.logistics.list(admin, due.id);
      assert.deepEqual(list.participants, []);
      assert.equal(
        list.totals.reduce((s, x) => s + x.participants, 0),
        3,
      );

      // Nothing new can be sealed for the erased edition: a clear "not found", never a new key or an internal error.
      await assert.rejects(
        t.services.invitations.create(admin, due.id, { role: 'defender', label: 'Too late', days: '5', locale: 'en' }),
        domainError('not-found'),
      );
      const lateCall = await t.services.calls.saveCall(admin, due.id, null, { role: 'defender', status: 'open', deadline: '2099-12-31', title_en: 'Late' });
      await assert.rejects(t.services.calls.apply(lateCall, application(`${m}late`), 'en'), domainError('not-found'));
      assert.equal((await db.selectFrom('data_keys').select('wrapped').where('scope', '=', `edition:${due.id}`).execute()).length, 1);
      assert.equal(await count('participation_invitations'), 0);
      assert.equal(await count('participation_applications'), 0);

      // The later edition is untouched.
      assert.equal((await db.selectFrom('participants').select('id').where('edition_id', '=', later.id).execute()).length, 1);
      assert.equal((await t.services.portal.profile(stays!.portal)).profile.identity?.givenNames, `Given ${m}stay`);
      assert.notEqual((await db.selectFrom('data_keys').select('wrapped').where('scope', '=', `edition:${later.id}`).executeTakeFirstOrThrow()).wrapped, null);
      assert.equal((await db.selectFrom('participation_totals').select('role').where('edition_id', '=', later.id).execute()).length, 0);

      // Running again finds nothing to do.
      assert.deepEqual(await t.services.logistics.purgeExpired(), []);
      assert.equal(
        (
          await db
            .selectFrom('participation_totals')
            .select('participants')
            .where('edition_id', '=', due.id)
            .where('role', '=', 'defender')
            .executeTakeFirstOrThrow()
        ).participants,
        2,
        'totals are not counted twice',
      );
      // The later edition's turn comes in its year.
      clock.set('2072-04-23T01:00:00.000Z');
      assert.deepEqual(await t.services.logistics.purgeExpired(), [later.id]);
    });
  });
}
