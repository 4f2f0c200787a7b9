/**
 * The participant canary (security requirements R2, R12, R17, R18, docs/requirements.md): participants,
 * invitations, applications and reviews are seeded with a unique marker in every field that
 * is sealed under the edition's data key, partly through the web forms (accepting an
 * invitation, the portal form, applying to a call) and partly through the services. Then:
 *
 * - not one marker in plaintext in the raw database: the SQLite file and its WAL, before and
 *   after a checkpoint, or a pg_dump of the PostgreSQL database;
 * - not one in the outbox rows or the audit log; queued mails name nobody but their recipient;
 * - not one on a public surface (a visitor's crawl of every public route, /calls included);
 * - not one marker on the staff pages an editor reaches, and not one identity marker on those a
 *   reviewer (participant.review only) reaches;
 * - not one marker, token or passphrase in the server log, a provoked 500 included.
 *
 * Controls show each check can fail: a marker in a plaintext column (a session title) is found
 * by the same database scan; the same staff crawl as an admin, the participant's own portal
 * page and the logistics detail page do show the markers; the services read them back.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../../src/config.js';
import type { Principal } from '../../../src/core/accounts/accounts.schema.js';
import type { PortalParticipant } from '../../../src/core/participation/participation.schema.js';
import { makeConferenceSession, makeEdition } from '../../../src/db/factories.js';
import { locales, localePath } from '../../../src/i18n/index.js';
import { buildApp } from '../../../src/server.js';
import type { RouteEntry } from '../../../src/web/routing.js';
import { paramNames } from '../../support/access-matrix.js';
import { TEST_MASTER_KEY, type TestApp } from '../../support/app.js';
import { cookieHeader, cookiesOf, signedInStaff } from '../../support/auth.js';
import { crawlForMarkers } from '../../support/crawl.js';
import { freshDatabase, testDialects } from '../../support/db.js';
import { formsOf, pct, type FoundForm } from '../../support/hostile.js';
import { staffPrincipal, tokenOfLink } from '../../support/participation.js';
import { localLinks } from '../web/markup.js';

const RUN = crypto.randomBytes(5).toString('hex');
const MARK = `CANARY-${RUN}`;
const m = (field: string) => `${MARK}-${field}`;
const MARKERS = new RegExp(`${MARK}-[\\w.-]+`, 'g');
/** The negative control: text stored in a plaintext column, which the database scan must find. */
const PLAIN = `PLAINCTL-${RUN}-session-title`;
const YEAR = 2030;

/** The portal form of participant `who` ('a' through the web, 'b' through the services): a marker in every sealed text field. */
function profileOf(who: string): Record<string, string> {
  return {
    display_name: m(`display-${who}`),
    photo_consent: 'never',
    travel_support: 'on',
    visa_letter: 'on',
    given_names: m(`given-${who}`),
    family_names: m(`family-${who}`),
    nationality: 'BY',
    passport_number: m(`passport-${who}`),
    date_of_birth: '1984-05-06',
    email: `${m(`contact-email-${who}`)}@example.org`,
    emergency: m(`emergency-${who}`),
    travel_from: m(`travel-from-${who}`),
    arrival: `${YEAR}-04-08`,
    departure: `${YEAR}-04-13`,
    visa_notes: m(`visa-notes-${who}`),
    accommodation: m(`accommodation-${who}`),
    access: m(`access-${who}`),
    dietary: m(`dietary-${who}`),
    interpretation: m(`interpretation-${who}`),
  };
}
/** The profile fields that hold a marker. */
const MARKED_FIELDS = Object.entries(profileOf('x'))
  .filter(([, v]) => v.includes(MARK))
  .map(([k]) => k);

function applicationOf(n: number): Record<string, string> {
  return {
    name: m(`applicant-name-${n}`),
    email: `${m(`applicant-email-${n}`)}@example.org`,
    country: 'UA',
    organisation: m(`applicant-org-${n}`),
    motivation: m(`applicant-motivation-${n}`),
  };
}

/** Markers a reviewer (participant.review: the reviewer role, logistics, admin) is meant to read: application answers and review comments. */
const forReviewers = (marker: string) => /-(applicant-|review-comment)/.test(marker);

/** The markers in a text. */
const markersIn = (text: string) => [...text.matchAll(MARKERS)].map((x) => x[0]);

/** A Cookie header merged with the cookies a response set. */
function merge(cookie: string, res: { headers: Record<string, unknown> }): string {
  const jar = Object.fromEntries(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  );
  return cookieHeader({ ...jar, ...cookiesOf(res) });
}

/**
 * Fills in a form as a browser would: GETs the page, finds the form `pick` chooses, sends its
 * defaults with `values` over them (a checkbox given a value is checked; one not given is not).
 */
async function submit(app: FastifyInstance, page: string, cookie: string, pick: (f: FoundForm) => boolean, values: Record<string, string>) {
  const got = await app.inject({ method: 'GET', url: page, headers: cookie ? { cookie } : {} });
  const jar = merge(cookie, got);
  const form = formsOf(got.body, page, jar).find(pick);
  if (!form) throw new Error(`no such form on ${page} (it answered ${got.statusCode})`);
  const pairs: [string, string][] = [];
  for (const c of form.controls) {
    if (c.name in values) continue;
    if (c.type.endsWith('-unchecked') || c.type === 'file') continue;
    pairs.push([c.name, c.value]);
  }
  for (const [k, v] of Object.entries(values)) pairs.push([k, v]);
  const res = await app.inject({
    method: 'POST',
    url: form.action,
    headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
    payload: pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&'),
  });
  return { res, cookie: merge(jar, res), form };
}

/** Follows same-origin links from `start` with a cookie, within `follow`; every marker found, by URL. */
async function crawlAs(app: FastifyInstance, start: string[], cookie: string, follow: (url: string) => boolean, limit = 600) {
  const pages = new Map<string, number>();
  const found = new Map<string, string[]>();
  const queue = [...start];
  while (queue.length && pages.size < limit) {
    const url = queue.shift() as string;
    if (pages.has(url)) continue;
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    pages.set(url, res.statusCode);
    const text = `${JSON.stringify(res.headers)}\n${res.rawPayload.toString('latin1')}`;
    const here = markersIn(text);
    if (here.length) found.set(url, here);
    if (/html/.test(String(res.headers['content-type'] ?? ''))) {
      for (const link of localLinks(res.body, 'http://events.test')) if (!pages.has(link) && follow(link)) queue.push(link);
    }
  }
  return { pages, found };
}

const noLogout = (url: string) => !/logout|sign-?out/.test(url);

/** Every GET route under `prefix` needing a permission, its parameters filled from `values` (routes with an unknown parameter left out). */
function startsOf(routes: RouteEntry[], prefix: RegExp, values: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const r of routes) {
    if (r.method !== 'GET' || r.permission === 'public' || !prefix.test(r.url)) continue;
    let urls = [r.url];
    for (const p of paramNames(r.url)) {
      const vs = values[p];
      if (!vs) {
        urls = [];
        break;
      }
      urls = urls.flatMap((u) => vs.map((v) => u.replace(`:${p}`, encodeURIComponent(v))));
    }
    out.push(...urls);
  }
  return out;
}

for (const dialect of testDialects()) {
  void describe(`participant canary (${dialect})`, () => {
    let t: TestApp;
    const log: string[] = [];
    let adminCookie = '';
    let editorCookie = '';
    let reviewerCookie = '';
    let admin: Principal;
    const ids = { edition: 0, session: 0, call: 0, draftCall: 0, applications: [] as number[], a: 0, b: 0 };
    const portal: { a?: PortalParticipant; b?: PortalParticipant } = {};
    const cookies = { a: '', b: '' };
    const tokens = { a: '', b: '', open: '', calendar: '' };
    /** secrets that are stored only hashed or sealed, never in plaintext, and never logged */
    const secrets: Record<string, string> = {};
    /** every marker seeded into a sealed field */
    const seeded = new Set<string>();
    const seed = (values: Record<string, string>) => {
      for (const v of Object.values(values)) for (const x of markersIn(v)) seeded.add(x);
    };

    before(async () => {
      const database = await freshDatabase(dialect);
      const db = database.db;
      const edition = await makeEdition(db, { year: YEAR, startsOn: `${YEAR}-04-09`, endsOn: `${YEAR}-04-12` });
      ids.edition = edition.id;
      ids.session = (
        await makeConferenceSession(db, edition.id, { startsAt: `${YEAR}-04-09T08:00:00.000Z`, capacity: 20, texts: { en: { title: PLAIN } } })
      ).id;
      const stream = new Writable({
        write(chunk: Buffer, _enc, cb) {
          log.push(chunk.toString('utf8'));
          cb();
        },
      });
      const env: NodeJS.ProcessEnv = { DATA_DIR: database.dataDir, PUBLIC_URL: 'http://events.test', MASTER_KEY: TEST_MASTER_KEY };
      const config = loadConfig(env);
      // The most talkative level: whatever any part of the app logs is read.
      const built = await buildApp({ config, database, logger: { stream, level: 'trace' }, env });
      t = {
        ...built,
        database,
        config,
        async close() {
          await built.app.close();
          await database.drop();
        },
      };
      admin = await staffPrincipal(t, 'admin');
      adminCookie = (await signedInStaff(t, 'admin')).cookie;
      editorCookie = (await signedInStaff(t, 'editor')).cookie;
      reviewerCookie = (await signedInStaff(t, 'reviewer')).cookie;

      // Participant A, through the web: the link staff pass on, the accept form, the portal form.
      const labelA = m('invitation-label-a');
      const inviteA = await t.services.invitations.create(admin, edition.id, { role: 'defender', label: labelA, days: '30', locale: 'en' });
      tokens.a = tokenOfLink(inviteA.link ?? '');
      const signInA = `signin-${m('a').toLowerCase()}`;
      const passA = `passphrase ${m('a')} horse staple`;
      const accepted = await submit(t.app, `/invitation/${tokens.a}`, '', (f) => f.controls.some((c) => c.name === 'sign_in'), {
        sign_in: signInA,
        passphrase: passA,
        passphrase_again: passA,
        display_name: m('display-accepted-a'),
      });
      assert.equal(accepted.res.statusCode, 200, `accepting answered ${accepted.res.statusCode}`);
      cookies.a = accepted.cookie;
      const sessionA = /(?:^|; )(?:__Host-)?dd_portal=([^;]+)/.exec(cookies.a)?.[1] ?? '';
      assert.ok(sessionA, 'a portal session cookie after accepting');
      portal.a = await t.services.portal.authenticate(sessionA);
      assert.ok(portal.a);
      ids.a = portal.a.id;
      const formA = profileOf('a');
      const saved = await submit(t.app, '/portal/profile', cookies.a, (f) => f.controls.some((c) => c.name === 'passport_number'), formA);
      assert.equal(saved.res.statusCode, 303, `the portal form answered ${saved.res.statusCode}`);
      seed({ labelA, ...formA, accepted: m('display-accepted-a') });

      // Participant B, through the services.
      const labelB = m('invitation-label-b');
      const inviteB = await t.services.invitations.create(admin, edition.id, { role: 'trainer', label: labelB, days: '30', locale: 'en' });
      tokens.b = tokenOfLink(inviteB.link ?? '');
      const signInB = `signin-${m('b').toLowerCase()}`;
      const passB = `passphrase ${m('b')} horse staple`;
      const b = await t.services.invitations.accept(
        tokens.b,
        { sign_in: signInB, passphrase: passB, passphrase_again: passB, display_name: m('display-b') },
        'en',
      );
      cookies.b = `dd_portal=${b.sessionToken}`;
      portal.b = await t.services.portal.authenticate(b.sessionToken);
      assert.ok(portal.b);
      ids.b = b.participantId;
      const formB = profileOf('b');
      await t.services.portal.saveProfile(portal.b, formB);
      seed({ labelB, ...formB });

      // Staff's notes on both, a mailed invitation still open, a pick and a calendar link.
      for (const [who, id] of [
        ['a', ids.a],
        ['b', ids.b],
      ] as const) {
        await t.services.logistics.saveNotes(admin, edition.id, id, { notes: m(`staff-notes-${who}`) });
        seed({ notes: m(`staff-notes-${who}`) });
      }
      const mailed = { label: m('invitation-label-c'), email: `${m('invitation-email-c')}@example.org` };
      await t.services.invitations.create(admin, edition.id, { role: 'panellist', ...mailed, days: '30', locale: 'en' });
      seed(mailed);
      const outboxRows = await db.selectFrom('outbox').select('payload').execute();
      tokens.open = /\/invitation\/([\w-]{20,})/.exec(outboxRows.map((o) => JSON.stringify(t.services.outbox.decode(o.payload))).join('\n'))?.[1] ?? '';
      assert.ok(tokens.open, 'the mailed invitation holds its link');
      await t.services.portal.pick(portal.a, ids.session);
      tokens.calendar = tokenOfLink(await t.services.portal.newCalendarUrl(portal.a)).replace(/\.ics$/, '');

      // An open call: one application through the public form, one through the service; a review; one accepted.
      ids.call = await t.services.calls.saveCall(admin, edition.id, null, {
        role: 'defender',
        status: 'open',
        deadline: '2099-12-31',
        title_en: 'Call for defenders',
        body_en: 'Apply.',
      });
      ids.draftCall = await t.services.calls.saveCall(admin, edition.id, null, {
        role: 'stakeholder',
        status: 'draft',
        deadline: '2099-12-31',
        title_en: 'Draft call',
      });
      const app1 = applicationOf(1);
      const applied = await submit(t.app, `/calls/${ids.call}`, '', (f) => f.controls.some((c) => c.name === 'motivation'), app1);
      assert.ok(applied.res.statusCode === 303 || applied.res.statusCode === 200, `applying answered ${applied.res.statusCode}`);
      const app2 = applicationOf(2);
      await t.services.calls.apply(ids.call, { ...app2, idempotency_key: crypto.randomBytes(16).toString('hex') }, 'en');
      seed(app1);
      seed(app2);
      ids.applications = (await db.selectFrom('participation_applications').select('id').orderBy('id').execute()).map((r) => r.id);
      assert.equal(ids.applications.length, 2, 'both applications stored');
      for (const [i, id] of ids.applications.entries()) {
        await t.services.calls.review(admin, edition.id, ids.call, id, { score: '4', comment: m(`review-comment-${i + 1}`) });
        seed({ c: m(`review-comment-${i + 1}`) });
      }
      await t.services.calls.decide(admin, edition.id, ids.call, ids.applications[1] as number, { decision: 'accept' });

      Object.assign(secrets, {
        'sign-in name A': signInA,
        'sign-in name B': signInB,
        'passphrase A': passA,
        'passphrase B': passB,
        'invitation token A (used)': tokens.a,
        'invitation token B (used)': tokens.b,
        'invitation token C (open, in the sealed mail)': tokens.open,
        'portal session A': sessionA,
        'portal session B': b.sessionToken,
        'calendar token A': tokens.calendar,
      });
    });
    after(async () => t?.close());

    void it('reads every marker back through the services (the control that the seeding worked)', async () => {
      for (const who of ['a', 'b'] as const) {
        const { profile } = await t.services.portal.profile(portal[who] as PortalParticipant);
        const f = profileOf(who);
        assert.equal(profile.displayName, f.display_name);
        assert.deepEqual(
          [profile.identity?.givenNames, profile.identity?.familyNames, profile.identity?.passportNumber],
          [f.given_names, f.family_names, f.passport_number],
        );
        assert.deepEqual(profile.contact, { email: f.email, emergency: f.emergency });
        assert.deepEqual([profile.travel.from, profile.travel.visa], [f.travel_from, f.visa_notes]);
        assert.deepEqual(profile.needs, { accommodation: f.accommodation, access: f.access, dietary: f.dietary, interpretation: f.interpretation });
        const detail = await t.services.logistics.detail(admin, ids.edition, who === 'a' ? ids.a : ids.b);
        assert.equal(detail.notes, m(`staff-notes-${who}`));
      }
      const labels = (await t.services.invitations.list(admin, ids.edition)).map((i) => i.label);
      for (const l of ['invitation-label-a', 'invitation-label-b', 'invitation-label-c', 'applicant-name-2']) assert.ok(labels.includes(m(l)), l);
      const { applications } = await t.services.calls.applications(admin, ids.edition, ids.call, 'en');
      assert.deepEqual(
        applications.map((a) => [a.answers.name, a.answers.motivation, a.reviews.map((r) => r.comment)]),
        [1, 2].map((n) => [m(`applicant-name-${n}`), m(`applicant-motivation-${n}`), [m(`review-comment-${n}`)]]),
      );
      console.log(`participant canary: ${seeded.size} markers seeded in sealed fields, ${Object.keys(secrets).length} secrets [${dialect}]`);
      assert.ok(seeded.size >= 2 * MARKED_FIELDS.length + 15, `markers seeded: ${seeded.size}`);
    });

    void it('stores no marker or secret in plaintext: database file and WAL (before and after a checkpoint) or pg_dump; a plaintext column is found', async (ctx) => {
      const scans: { name: string; bytes: string }[] = [];
      const read = (label: string) => {
        const files = fs.readdirSync(t.database.dataDir).filter((f) => /\.sqlite(-wal)?$/.test(f));
        assert.ok(files.some((f) => f.endsWith('-wal')) || label === 'after checkpoint', `a WAL file ${label}: ${files.join(', ')}`);
        for (const f of files) scans.push({ name: `${f} (${label})`, bytes: fs.readFileSync(path.join(t.database.dataDir, f)).toString('latin1') });
      };
      if (dialect === 'sqlite') {
        read('before checkpoint');
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.database.db);
        read('after checkpoint');
      } else {
        const dump = execFileSync('/usr/lib/postgresql/15/bin/pg_dump', ['--no-owner', t.database.url as string], { maxBuffer: 256 * 1024 * 1024 });
        scans.push({ name: 'pg_dump', bytes: dump.toString('latin1') });
      }
      const latin = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
      const problems: string[] = [];
      for (const scan of scans) {
        for (const x of markersIn(scan.bytes)) problems.push(`${scan.name}: ${x}`);
        for (const [k, v] of Object.entries(secrets)) if (scan.bytes.includes(latin(v))) problems.push(`${scan.name}: ${k}`);
        // Sign-in names are matched without case; a lower-cased marker would slip past the pattern.
        const lower = scan.bytes.toLowerCase();
        for (let at = lower.indexOf(MARK.toLowerCase()); at !== -1; at = lower.indexOf(MARK.toLowerCase(), at + 1))
          problems.push(`${scan.name}: a marker in some case: ${JSON.stringify(scan.bytes.slice(Math.max(0, at - 60), at + 60))}`);
      }
      const controls = scans.filter((s) => s.bytes.includes(PLAIN)).map((s) => s.name);
      const line = `participant canary: ${scans.length} raw scans (${scans.map((s) => `${s.name} ${s.bytes.length} bytes`).join(', ')}), ${seeded.size} sealed markers and ${Object.keys(secrets).length} secrets: ${problems.length} found in plaintext; the plaintext control found in ${controls.length} [${dialect}]`;
      console.log(line);
      ctx.diagnostic(line);
      assert.deepEqual(problems, [], 'markers or secrets in plaintext in the database');
      // The scan works: the session title (a plaintext column) is there.
      assert.ok(
        dialect === 'sqlite' ? controls.some((c) => c.includes('after checkpoint')) : controls.length === 1,
        `plaintext control found in: ${controls.join(', ')}`,
      );
    });

    void it('keeps markers out of the outbox rows and the audit log; a queued mail names only its recipient', async () => {
      const outbox = await t.database.db.selectFrom('outbox').selectAll().execute();
      const audit = await t.database.db.selectFrom('audit_log').selectAll().execute();
      assert.ok(outbox.length >= 3, `queued mails: ${outbox.length}`);
      assert.deepEqual(markersIn(JSON.stringify(outbox)), [], 'markers in outbox rows');
      assert.deepEqual(markersIn(JSON.stringify(audit)), [], 'markers in the audit log');
      for (const [k, v] of Object.entries(secrets)) {
        assert.ok(!JSON.stringify(audit).includes(v), `${k} in the audit log`);
      }
      // Decoded, each mail holds its recipient's address (it must) and no other marker: not the label, not the name.
      const inMail: string[] = [];
      for (const row of outbox) {
        const mail = t.services.outbox.decode(row.payload) as { to?: string; subject?: string };
        const { to, ...rest } = mail;
        inMail.push(...markersIn(JSON.stringify(rest)).map((x) => `${mail.subject ?? ''}: ${x}`));
        if (to) assert.ok(!markersIn(String(mail.subject)).length, 'a marker in a subject');
      }
      assert.deepEqual(inMail, [], 'markers in queued mails besides the recipient');
      // The reads of personal data were audited (the audit log is not empty of them).
      assert.ok(audit.some((a) => a.action === 'participant.identity-read'));
    });

    void it('shows no marker on any public surface (a visitor crawl of every public route, /calls and the invitation pages included)', async (ctx) => {
      const values: Record<string, string[]> = {
        year: [String(YEAR), '1999', m('in-url')],
        id: [String(ids.call), String(ids.draftCall), '999999', m('in-url')],
        call: [String(ids.call), String(ids.draftCall)],
        // the used links, the open one (its offer page), an unknown one and a marker
        token: [tokens.a, tokens.b, tokens.open, crypto.randomBytes(32).toString('base64url'), m('in-token'), tokens.calendar],
        slug: ['no-such-event'],
      };
      const starts: string[] = [];
      for (const r of t.routes) {
        if (r.method !== 'GET' || r.permission !== 'public' || r.url.startsWith('/assets/') || r.url.startsWith('/media/')) continue;
        const names = paramNames(r.url);
        if (!names.length) {
          starts.push(r.url, `${r.url}?q=${m('in-query')}`);
          continue;
        }
        let urls = [r.url];
        for (const name of names) urls = urls.flatMap((u) => (values[name] ?? [m('in-url')]).map((v) => u.replace(`:${name}`, encodeURIComponent(v))));
        starts.push(...urls);
      }
      for (const locale of locales) starts.push(localePath(locale, `/calls/${m('in-404')}`), localePath(locale, `/portal/${m('in-404')}`));
      const result = await crawlForMarkers(t.app, starts, MARKERS, { limit: 1500 });
      const callPages = [...result.pages].filter(([u]) => /\/calls(\/|$)/.test(u));
      const line = `participant canary: ${result.pages.size} public URLs crawled (${callPages.length} under /calls, ${[...result.pages.keys()].filter((u) => u.includes('/invitation/')).length} invitation pages), ${result.found.length} markers found [${dialect}]`;
      console.log(line);
      ctx.diagnostic(line);
      assert.deepEqual(result.found, [], 'markers on public surfaces');
      assert.equal(result.pages.get('/calls'), 200, 'the list of open calls was crawled');
      assert.equal(result.pages.get(`/calls/${ids.call}`), 200, 'the open call was crawled');
      assert.equal(result.pages.get(`/calls/${ids.draftCall}`), 404, 'a draft call is not found');
      for (const tok of [tokens.a, tokens.b]) assert.equal(result.pages.get(`/invitation/${tok}`), 404, 'a used link answers the neutral 404');
      assert.equal(result.pages.get(`/invitation/${tokens.open}`), 200, "the open link's offer page was crawled");
      assert.equal(result.pages.get(`/portal/calendar/${values.token?.[3] ?? ''}.ics`), 404, 'an unknown calendar address is not found');
      // Nothing behind the portal's sign-in opened for the visitor.
      for (const [u, status] of result.pages) {
        if (/^(\/sv)?\/portal\//.test(u) && !/\/portal\/(login|calendar\/)/.test(u))
          assert.ok(status === 303 || status === 404, `${u} answered ${status} to a visitor`);
      }
      // The real calendar feed (a secret address, readable without signing in) names nobody.
      const feed = await t.app.inject(`/portal/calendar/${tokens.calendar}.ics`);
      assert.equal(feed.statusCode, 200);
      assert.deepEqual(markersIn(feed.body), []);
    });

    void it("shows no marker on the staff pages an editor reaches, only applications to a reviewer; an admin's crawl and the logistics detail page do show them", async (ctx) => {
      const values: Record<string, string[]> = {
        year: [String(YEAR)],
        id: [String(ids.call), String(ids.a), String(ids.b)],
        call: [String(ids.call)],
        application: ids.applications.map(String),
        participant: [String(ids.a), String(ids.b)],
      };
      const starts = ['/admin', ...startsOf(t.routes, /^\/admin(\/|$)/, values)];
      const follow = (u: string) => u.startsWith('/admin') && noLogout(u);
      const editor = await crawlAs(t.app, starts, editorCookie, follow);
      const reviewer = await crawlAs(t.app, starts, reviewerCookie, follow);
      const adminCrawl = await crawlAs(t.app, starts, adminCookie, follow);
      const editorFound = [...editor.found].flatMap(([u, xs]) => xs.map((x) => `${u} (${editor.pages.get(u)}): ${x}`));
      const identityFound = [...reviewer.found].flatMap(([u, xs]) => xs.filter((x) => !forReviewers(x)).map((x) => `${u} (${reviewer.pages.get(u)}): ${x}`));
      const reviewerFound = new Set([...reviewer.found.values()].flat().filter(forReviewers));
      const adminFound = new Set([...adminCrawl.found.values()].flat());
      const line = `participant canary: staff crawl: editor ${editor.pages.size} pages, ${editorFound.length} markers; reviewer ${reviewer.pages.size} pages, ${identityFound.length} identity markers (${reviewerFound.size} application/review markers, which reviewers may read); admin ${adminCrawl.pages.size} pages, ${adminFound.size} distinct markers [${dialect}]`;
      console.log(line);
      ctx.diagnostic(line);
      assert.deepEqual(editorFound, [], 'participant or applicant markers on pages an editor reaches');
      assert.deepEqual(identityFound, [], 'identity markers on pages a reviewer reaches');
      // The reviewer's crawl did reach the applications (from the dashboard): they read them there.
      assert.ok(reviewerFound.size > 0, 'the reviewer crawl reached the applications');
      // The control: the same crawl as an admin finds the profiles and notes of both participants.
      const missing = [...seeded].filter((x) => !forReviewers(x) && /-(passport|given|emergency|dietary|staff-notes)-[ab]$/.test(x) && !adminFound.has(x));
      assert.deepEqual(missing, [], "markers an admin's crawl did not find");
      // The logistics detail page shows every marked field of the participant, and the notes.
      const detailRoute = t.routes.find((r) => r.method === 'GET' && /^\/admin\/.*\/participants\/:\w+$/.test(r.url));
      assert.ok(detailRoute, 'a logistics detail page in the route table');
      const [p1, p2] = paramNames(detailRoute.url);
      const detailUrl = detailRoute.url.replace(`:${p1}`, String(YEAR)).replace(`:${p2}`, String(ids.a));
      const detail = await t.app.inject({ method: 'GET', url: detailUrl, headers: { cookie: adminCookie } });
      assert.equal(detail.statusCode, 200, detailUrl);
      const f = profileOf('a');
      for (const k of MARKED_FIELDS) assert.ok(detail.body.includes(f[k] as string), `${k} on the logistics detail page`);
      assert.ok(detail.body.includes(m('staff-notes-a')), 'notes on the logistics detail page');
      assert.ok(!markersIn(detail.body).some((x) => x.endsWith('-b')), "participant B's markers on A's page");
      for (const [who, cookie] of [
        ['an editor', editorCookie],
        ['a reviewer', reviewerCookie],
      ] as const) {
        const res = await t.app.inject({ method: 'GET', url: detailUrl, headers: { cookie } });
        assert.ok(res.statusCode === 403 || res.statusCode === 404, `the detail page answered ${who} ${res.statusCode}`);
      }
    });

    void it('shows a participant their own markers in the portal, and never those of another participant', async () => {
      const follow = (u: string) => /^(\/sv)?\/portal(\/|$)/.test(u) && noLogout(u);
      for (const [who, other] of [
        ['a', 'b'],
        ['b', 'a'],
      ] as const) {
        const crawl = await crawlAs(t.app, ['/portal', '/portal/profile', '/sv/portal', '/sv/portal/profile'], cookies[who], follow, 200);
        const all = [...crawl.found].flatMap(([u, xs]) => xs.map((x) => `${u}: ${x}`));
        assert.deepEqual(
          all.filter((x) => x.endsWith(`-${other}`)),
          [],
          `participant ${who} sees ${other}'s markers`,
        );
        assert.deepEqual(
          all.filter((x) => /staff-notes|invitation-|applicant-|review-/.test(x)),
          [],
          `participant ${who} sees staff-only markers`,
        );
        const page = await t.app.inject({ method: 'GET', url: '/portal/profile', headers: { cookie: cookies[who] } });
        assert.equal(page.statusCode, 200);
        const f = profileOf(who);
        for (const k of MARKED_FIELDS) assert.ok(page.body.includes(f[k] as string), `${k} on ${who}'s own portal page`);
        assert.ok(crawl.pages.size >= 2, `portal pages crawled: ${crawl.pages.size}`);
      }
    });

    void it('writes no marker, token, passphrase or address to the log, not even for a 500 on a form full of markers', async (ctx) => {
      // A real failure inside the profile save: the audit table is away, so the transaction throws.
      let provoked = 0;
      await sql`ALTER TABLE audit_log RENAME TO audit_log_away`.execute(t.database.db);
      try {
        const f = Object.fromEntries(Object.entries(profileOf('a')).map(([k, v]) => [k, v.replace(`${MARK}-`, `${MARK}-err500-`)]));
        const r = await submit(t.app, '/portal/profile', cookies.a, (x) => x.controls.some((c) => c.name === 'passport_number'), f);
        provoked = r.res.statusCode;
      } finally {
        await sql`ALTER TABLE audit_log_away RENAME TO audit_log`.execute(t.database.db);
      }
      assert.equal(provoked, 500, 'the provoked failure answered 500');
      const text = log.join('');
      const found = markersIn(text);
      for (const [k, v] of Object.entries(secrets)) if (text.includes(v)) found.push(k);
      if (text.toLowerCase().includes(MARK.toLowerCase()) && !found.length) found.push('a marker in some case');
      const line = `participant canary: log ${text.length} bytes (${log.length} lines, a provoked ${provoked}), ${found.length} markers or secrets in it [${dialect}]`;
      console.log(line);
      ctx.diagnostic(line);
      assert.deepEqual(found, [], 'markers or secrets in the log');
      assert.match(text, /unhandled error/, 'the provoked 500 was logged');
    });
  });
}
