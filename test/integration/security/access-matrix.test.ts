/**
 * The access matrix of docs/requirements.md, generated from the route table of the running app:
 * every route × anonymous and every role, with the outcome computed from the route's
 * declared permission and `roleAllows`. A route the matrix cannot classify fails by name.
 * The second part runs the same check on a fixture app with broken routes, to show each
 * check can fail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { generate } from 'otplib';
import { loadConfig } from '../../../src/config.js';
import {
  makeBootcampConcept,
  makeBootcampCourse,
  makeConferenceSession,
  makeDocument,
  makeEdition,
  makeEmptyChair,
  makeEvent,
  makeImage,
  makePerson,
  makeRoom,
  makeTrack,
} from '../../../src/db/factories.js';
import { roleAllows, roles, type Permission, type Role } from '../../../src/security/permissions.js';
import { buildServices, type Services } from '../../../src/services.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { registerErrorHandling } from '../../../src/web/errors.js';
import { enforceDeclaredPermissions, type RouteEntry } from '../../../src/web/routing.js';
import { cookieNames, registerSessions } from '../../../src/web/session.js';
import { checkAccessMatrix, type MatrixObject, type MatrixSubject } from '../../support/access-matrix.js';
import { TEST_MASTER_KEY, testApp, type TestApp } from '../../support/app.js';
import { cookieHeader, cookiesOf, formToken, signedInStaff } from '../../support/auth.js';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';
import { invite, participant, staffPrincipal } from '../../support/participation.js';

const deniedCounter = (services: Services) => async () => {
  const r = await services.audit.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'access.denied')
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

for (const dialect of testDialects()) {
  describe(`access matrix of the running app (${dialect})`, () => {
    let t: TestApp;
    const objects: Record<string, MatrixObject> = {};
    let anonymous: MatrixSubject;
    let participantSubject: MatrixSubject;
    const staff: MatrixSubject[] = [];
    const editions = { main: 0, other: 0 };

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db, mediaRoot) => {
          const image = await makeImage(db, mediaRoot);
          const event = await makeEvent(db, { slug: 'matrix-event', status: 'draft', imageId: image.id, texts: { en: { title: 'Matrix' } } });
          const doc = await makeDocument(db, mediaRoot, event.id, { en: 'Matrix document' });
          const person = await makePerson(db, { slug: 'matrix-person' });
          objects.events = { existing: String(event.id) };
          objects.documents = { existing: String(doc.id) };
          objects.people = { existing: String(person.id) };
          objects.media = { existing: image.key };
          // A conference edition with one of each part. Its sessions are made before any sign-in, so their
          // ids stay below the id of the staff session used as somebody else's object under `sessions`.
          const edition = await makeEdition(db, { year: 2018 });
          const track = await makeTrack(db, edition.id, { names: { en: 'Matrix track' } });
          const room = await makeRoom(db, edition.id, { name: 'Matrix room' });
          await makeConferenceSession(db, edition.id, { startsAt: '2018-04-09T08:00:00.000Z', trackId: track.id, roomId: room.id });
          const chair = await makeEmptyChair(db, edition.id, { name: 'Matrix chair' });
          objects.conference = { existing: String(edition.year) };
          editions.main = edition.id;
          // Another edition: its participants, invitations, calls and applications must answer 404 through 2018's address.
          editions.other = (await makeEdition(db, { year: 2017 })).id;
          objects.tracks = { existing: String(track.id) };
          objects.rooms = { existing: String(room.id) };
          objects['empty-chairs'] = { existing: String(chair.id) };
          // A bootcamp course (a draft: the workspace opens it, the public page answers 404) and a training concept.
          const concept = await makeBootcampConcept(db, { names: { en: 'Matrix concept' } });
          const course = await makeBootcampCourse(db, { slug: 'matrix-course', status: 'draft', conceptIds: [concept.id], goals: [{ en: 'Matrix goal' }] });
          objects['admin/bootcamp'] = { existing: String(course.id) };
          objects.bootcamp = { existing: course.slug };
          objects.concepts = { existing: String(concept.id) };
        },
      });
      const login = await formToken(t, '/admin/login');
      anonymous = { name: 'anonymous', role: undefined, cookie: login.cookie, csrf: login.csrf };
      for (const role of roles) {
        const s = await signedInStaff(t, role);
        const form = await formToken(t, '/admin', s.cookie);
        staff.push({ name: role, role, cookie: form.cookie, csrf: form.csrf });
      }
      // Somebody else: a staff member whose account and session the others may (users) or may not (sessions) open.
      const other = await signedInStaff(t, 'editor');
      const session = await t.database.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', other.userId)
        .where('stage', '=', 'full')
        .executeTakeFirstOrThrow();
      objects.users = { existing: String(other.userId) };
      objects.sessions = { another: String(session.id) };

      // Participation, in 2018 and in another edition: made through the services.
      const admin = await staffPrincipal(t, 'admin');
      const made = { main: {} as Record<string, number>, other: {} as Record<string, number> };
      for (const [k, editionId] of Object.entries(editions) as ['main' | 'other', number][]) {
        const call = await t.services.calls.saveCall(admin, editionId, null, {
          role: 'defender',
          status: 'open',
          deadline: '2099-12-31',
          title_en: `Matrix call ${k}`,
        });
        await t.services.calls.apply(
          call,
          { name: 'Applicant', email: `applicant-${k}@example.org`, motivation: 'Matrix', idempotency_key: `matrix-application-${k}-0001` },
          'en',
        );
        const application = await t.database.db.selectFrom('participation_applications').select('id').where('call_id', '=', call).executeTakeFirstOrThrow();
        const invitation = await invite(t, editionId, { principal: admin });
        const who = await participant(t, editionId, { principal: admin });
        made[k] = { call, application: application.id, invitation: invitation.invitationId, participant: who.participantId };
        // The 2018 participant is the matrix's participant subject: a portal session with its CSRF cookie and token.
        // They asked for a visa letter and gave their identity, so the letter can be made.
        await t.services.portal.saveProfile(who.portal, {
          display_name: 'Matrix participant',
          photo_consent: 'ask',
          visa_letter: 'on',
          given_names: 'Given',
          family_names: 'Family',
          nationality: 'SE',
          passport_number: 'P1234567',
          date_of_birth: '1980-01-01',
        });
        if (k === 'main') {
          const form = await formToken(t, '/portal', who.cookie);
          participantSubject = { name: 'participant', role: undefined, cookie: form.cookie, csrf: form.csrf };
        }
      }
      for (const [segment, key] of [
        ['calls', 'call'],
        ['applications', 'application'],
        ['invitations', 'invitation'],
        ['participants', 'participant'],
      ] as const) {
        objects[segment] = { existing: String(made.main[key]), another: String(made.other[key]) };
      }
    });
    after(async () => t?.close());

    it('every route answers every subject as its declared permission says', async (ctx) => {
      const result = await checkAccessMatrix({
        app: t.app,
        routes: t.routes,
        anonymous,
        staff,
        participant: participantSubject,
        objects,
        deniedCount: deniedCounter(t.services),
      });
      console.log(result.summary);
      ctx.diagnostic(result.summary);
      assert.deepEqual(result.absent, [], 'routes absent from the matrix');
      assert.deepEqual(result.failures, [], 'requests answered otherwise than the matrix expects');
      assert.ok(result.routes > 10 && result.requests > 100, 'the matrix checked something');
      // Every /admin route of the table is in the matrix, and every route of the portal.
      const adminRoutes = t.routes.filter((r) => r.url === '/admin' || r.url.startsWith('/admin/'));
      assert.ok(adminRoutes.length <= result.routes);
      const portalOnly = t.routes.filter((r) => r.permission === 'participant.self');
      assert.equal(result.portalRoutes, portalOnly.length, 'every participant.self route is in the matrix');
      // The participation routes got real objects of 2018, and another edition's, by their parameters.
      const participation = t.routes.filter((r) => /\/:(call|application|participant)\b|\/invitations\/:id/.test(r.url));
      assert.ok(participation.length === 0 || result.variants.another >= participation.length, `somebody else's objects tried: ${result.variants.another}`);
    });
  });
}

/** A signed-in session made through the services (the fixture app has no sign-in pages). */
async function sessionCookie(services: Services, role: Role, n: number): Promise<string> {
  const email = `fixture${n}-${role}@example.org`;
  const password = `a long fixture passphrase ${n}`;
  const { enrolUrl } = await services.accounts.createUser(null, { email, displayName: `Fixture ${n}`, role });
  const token = enrolUrl.split('/').pop() as string;
  const start = await services.accounts.startEnrolment(token);
  const now = Math.floor(Date.now() / 1000);
  await services.accounts.completeEnrolment(token, {
    password,
    confirm: password,
    sealedSecret: start.sealedSecret,
    code: await generate({ secret: start.secret, epoch: now }),
  });
  const pending = await services.auth.beginLogin(email, password, 'Firefox on Linux');
  const done = await services.auth.completeLogin(pending.token, await generate({ secret: start.secret, epoch: now + 30 }), `browser-${n}`);
  return `${cookieNames(false).session}=${done.token}`;
}

describe('the access-matrix check catches broken routes (fixture app, not the real one)', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const routes: RouteEntry[] = [];
  let anonymous: MatrixSubject;
  let participantSubject: MatrixSubject;
  const staff: MatrixSubject[] = [];
  let services: Services;

  /** A CSRF token and cookie from the fixture's own token route. */
  async function csrfFor(cookie: string): Promise<{ cookie: string; csrf: string }> {
    const res = await app.inject({ method: 'GET', url: '/csrf', headers: cookie ? { cookie } : {} });
    const jar = Object.fromEntries(
      cookie
        .split('; ')
        .filter(Boolean)
        .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
    );
    return { cookie: cookieHeader({ ...jar, ...cookiesOf(res) }), csrf: res.body };
  }

  before(async () => {
    database = await freshDatabase('sqlite');
    const env = { DATA_DIR: database.dataDir, PUBLIC_URL: 'http://events.test', MASTER_KEY: TEST_MASTER_KEY };
    const config = loadConfig(env);
    services = await buildServices(config, database, systemClock, env);
    app = Fastify({ logger: false });
    // The application's own security layer: declared permissions, errors, sessions, CSRF.
    enforceDeclaredPermissions(app, routes);
    await app.register(formbody);
    registerErrorHandling(app, config.publicUrl);
    await registerSessions(app, config, services, systemClock);

    const ok = async () => 'fine';
    app.get('/csrf', { config: { permission: 'public' } }, async (_request, reply) => reply.send(reply.generateCsrf()));
    // Correct routes: the check passes them.
    app.get('/admin/fixture/ok', { config: { permission: 'event.edit' } }, ok);
    app.post('/admin/fixture/ok', { config: { permission: 'event.edit' } }, ok);
    app.get('/admin/fixture/things/:id', { config: { permission: 'event.edit' } }, async (request, reply) =>
      (request.params as { id: string }).id === '7' ? 'thing 7' : reply.code(404).send('no such thing'),
    );
    // 1. Declares event.edit, but a route hook answers before the permission check: the list leaks.
    app.get(
      '/admin/fixture/leaky',
      { config: { permission: 'event.edit' }, onRequest: async (_request, reply) => reply.send('everyone on the closed list') },
      ok,
    );
    // 2. Declared public, under /admin, outside the sign-in pages.
    app.get('/admin/fixture/open', { config: { permission: 'public' } }, async () => 'staff notes');
    // 3. Answers 200 for any id, even one that does not exist.
    app.get('/admin/fixture/anything/:id', { config: { permission: 'event.edit' } }, async (request) => `object ${(request.params as { id: string }).id}`);
    // 4. Shows somebody else's object instead of 404.
    app.get('/admin/fixture/sessions/:id', { config: { permission: 'account.self' } }, async (request) => `session ${(request.params as { id: string }).id}`);
    // 5. Crashes.
    app.get('/admin/fixture/crash', { config: { permission: 'event.edit' } }, async () => {
      throw new Error('bug');
    });
    // 6. A method the matrix does not classify.
    app.put('/admin/fixture/put', { config: { permission: 'event.edit' } }, ok);
    // 7. A protected route outside /admin.
    app.get('/portal/fixture', { config: { permission: 'account.self' } }, ok);
    // 8. A permission no role holds (with the decision function given below).
    app.get('/admin/fixture/award', { config: { permission: 'award.decide' } }, ok);
    // Portal routes (participant.self). Correct ones, in both languages:
    app.get('/portal/fixture/mine', { config: { permission: 'participant.self' } }, ok);
    app.get('/sv/portal/fixture/mine', { config: { permission: 'participant.self' } }, ok);
    app.post('/portal/fixture/mine', { config: { permission: 'participant.self' } }, ok);
    // 9. Answers before the portal check: a visitor reads it.
    app.get(
      '/portal/fixture/leaky',
      { config: { permission: 'participant.self' }, onRequest: async (_request, reply) => reply.send("a participant's travel plans") },
      ok,
    );
    // 10. Lets a staff session into the portal.
    app.get(
      '/portal/fixture/staff',
      {
        config: { permission: 'participant.self' },
        onRequest: async (request, reply) => {
          if (request.headers.cookie?.includes(`${cookieNames(false).session}=`)) return reply.send('staff see the portal');
        },
      },
      ok,
    );
    // 11. participant.self outside the portal.
    app.get('/admin/fixture/portal', { config: { permission: 'participant.self' } }, ok);
    // 12. Public under /portal, outside the sign-in pages.
    app.get('/portal/fixture/open', { config: { permission: 'public' } }, async () => 'the portal, open');
    // 13. Shows any participant's object by id, somebody else's too.
    app.get(
      '/portal/fixture/picks/:pick',
      { config: { permission: 'participant.self' } },
      async (request) => `pick ${(request.params as { pick: string }).pick}`,
    );
    await app.ready();

    const anon = await csrfFor('');
    anonymous = { name: 'anonymous', role: undefined, ...anon };
    let n = 0;
    for (const role of roles) {
      const s = await csrfFor(await sessionCookie(services, role, ++n));
      staff.push({ name: role, role, ...s });
    }
    // A participant of a 2018 edition, invited and accepted through the services.
    const edition = await makeEdition(database.db, { year: 2018 });
    const who = await participant({ services } as unknown as TestApp, edition.id);
    participantSubject = { name: 'participant', role: undefined, ...(await csrfFor(who.cookie)) };
  });
  after(async () => {
    await app?.close();
    await database?.drop();
  });

  it('flags each broken route by name and passes the correct ones', async () => {
    const objects = {
      things: { existing: '7' },
      anything: { existing: '7' },
      sessions: { another: '424242' },
      'portal/picks': { existing: '1', another: '2' },
    };
    // Nobody may decide the award in this fixture's policy: the route needing it is unreachable.
    const allows = (role: string, p: Permission) => p !== 'award.decide' && roleAllows(role, p);
    const result = await checkAccessMatrix({
      app,
      routes,
      anonymous,
      staff,
      participant: participantSubject,
      objects,
      roleAllows: allows,
      deniedCount: deniedCounter(services),
    });
    const about = (path: string) =>
      [...result.failures, ...result.absent].filter((f) => f.includes(` ${path} `) || f.includes(` ${path}:`) || f.includes(`${path} (`));

    assert.deepEqual(about('/admin/fixture/ok'), [], 'a correct route passes');
    assert.deepEqual(about('/admin/fixture/things/:id'), [], 'a correct object route passes');

    const leaky = about('/admin/fixture/leaky');
    assert.ok(
      leaky.some((f) => /as anonymous.*expected 303 to \/admin\/login, got 200/.test(f)),
      leaky.join('\n'),
    );
    assert.ok(
      leaky.some((f) => /as logistics.*expected 403 \(permission missing\), got 200/.test(f)),
      leaky.join('\n'),
    );

    assert.ok(about('/admin/fixture/open').some((f) => /public under \/admin, outside the sign-in pages/.test(f)));
    assert.ok(about('/admin/fixture/anything/:id').some((f) => /as editor \(missing object\).*expected 404 \(or 400\).*got 200/.test(f)));
    assert.ok(about('/admin/fixture/sessions/:id').some((f) => /as board \(another object\).*expected 404 for somebody else's object, got 200/.test(f)));
    assert.ok(about('/admin/fixture/crash').some((f) => /as admin.*got 500/.test(f)));
    assert.ok(result.absent.some((f) => f === 'route absent from the matrix: PUT /admin/fixture/put (method PUT is not classified)'));
    assert.ok(result.absent.some((f) => f.startsWith('route absent from the matrix: GET /portal/fixture needs account.self but is outside /admin')));
    assert.ok(result.absent.some((f) => f === 'route absent from the matrix: GET /admin/fixture/award needs award.decide, which no role holds'));

    // The portal: correct routes pass for every subject, in both languages.
    assert.deepEqual(about('/portal/fixture/mine'), [], 'a correct portal route passes');
    assert.deepEqual(about('/sv/portal/fixture/mine'), [], 'a correct Swedish portal route passes');
    const leakyPortal = about('/portal/fixture/leaky');
    assert.ok(
      leakyPortal.some((f) => /as anonymous.*expected 303 to \/portal\/login, got 200/.test(f)),
      leakyPortal.join('\n'),
    );
    const staffPortal = about('/portal/fixture/staff');
    assert.ok(
      staffPortal.some((f) => /as admin.*expected 303 to \/portal\/login, got 200/.test(f)),
      staffPortal.join('\n'),
    );
    assert.ok(!staffPortal.some((f) => / as anonymous /.test(f)), 'a visitor is still sent to sign in there');
    assert.ok(result.absent.includes('route absent from the matrix: GET /admin/fixture/portal needs participant.self but is outside /portal and /sv/portal'));
    assert.ok(about('/portal/fixture/open').some((f) => /public under \/portal, outside the sign-in pages/.test(f)));
    const picks = about('/portal/fixture/picks/:pick');
    assert.ok(
      picks.some((f) => /as participant \(missing object\).*expected 404 \(or 400\).*got 200/.test(f)),
      picks.join('\n'),
    );
    assert.ok(picks.some((f) => /as participant \(another object\).*expected 404 for somebody else's object, got 200/.test(f)));
  });

  it('flags a role the matrix has no subject for, and a refusal that is not audited', async () => {
    const result = await checkAccessMatrix({
      app,
      routes: routes.filter((r) => r.url === '/admin/fixture/ok'),
      anonymous,
      staff: staff.filter((s) => s.role !== 'board'),
      deniedCount: async () => 0,
    });
    assert.ok(result.absent.includes('role board absent from the matrix: no signed-in subject for it'));
    // A portal route with no participant subject to try it, and a staff role given participant.self, fail by name.
    const portal = await checkAccessMatrix({
      app,
      routes: routes.filter((r) => r.url === '/portal/fixture/mine'),
      anonymous,
      staff,
      roleAllows: (role, p) => (role === 'logistics' && p === 'participant.self') || roleAllows(role, p),
    });
    assert.ok(
      portal.absent.includes('route absent from the matrix: GET /portal/fixture/mine needs participant.self, and the matrix has no participant subject'),
    );
    assert.ok(portal.absent.some((f) => f.startsWith('participant absent from the matrix')));
    assert.ok(portal.absent.includes("role logistics holds participant.self, which is a participant's own portal session only"));
    assert.ok(
      result.failures.some((f) => /as logistics.*refused without an access.denied audit entry/.test(f)),
      result.failures.join('\n'),
    );
  });
});
