import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PARTICIPANT_SELF, roleAllows as defaultRoleAllows, roles as allRoles, type Permission, type Role } from '../../src/security/permissions.js';
import type { RouteEntry } from '../../src/web/routing.js';

/**
 * The access matrix of docs/requirements.md: every route of the running app (its route table, not
 * a hand-written list) × anonymous, every role and a participant, with the outcome each one
 * must get computed from the route's declared permission and `roleAllows`. Staff routes live
 * under /admin; the portal's routes (participant.self) under /portal and /sv/portal, where
 * only a participant's own portal session counts: a staff session is sent to the portal's
 * sign-in like a visitor, and a portal session is sent to the staff sign-in on /admin.
 * Exported as a function so a fixture app with deliberately broken routes can show that
 * each check can fail.
 */

export interface MatrixSubject {
  /** 'anonymous', 'participant' or the role's name */
  name: string;
  role: Role | undefined;
  /** Cookie header: the session (for roles and the participant) and the CSRF secret cookie */
  cookie: string;
  /** a CSRF token that goes with the cookie */
  csrf: string;
}

/**
 * Real objects for path parameters, keyed by the path segment before the parameter (`users/:id`
 * → users), or by the area and that segment (`portal/sessions`, `admin/sessions`) where the same
 * segment means different things in different areas; the area's key wins.
 */
export interface MatrixObject {
  /** an object a permitted role may open */
  existing?: string;
  /** somebody else's object (another user's session, another edition's participant): must answer 404 even to a permitted role */
  another?: string;
}

export interface MatrixInput {
  app: FastifyInstance;
  routes: RouteEntry[];
  /** the anonymous visitor (no session) */
  anonymous: MatrixSubject;
  /** one signed-in subject per role; a role of `roles` without one is reported */
  staff: MatrixSubject[];
  /** a participant signed in to the portal (cookie dd_portal); needed as soon as a route needs participant.self */
  participant?: MatrixSubject;
  objects?: Record<string, MatrixObject>;
  /** number of `access.denied` audit entries so far; when given, each 403 of the permission check must add one */
  deniedCount?: () => Promise<number>;
  /** the roles the matrix must cover and the decision function; the application's by default */
  roles?: readonly Role[];
  roleAllows?: (role: string, permission: Permission) => boolean;
}

export interface MatrixResult {
  /** requests whose answer was not the expected one */
  failures: string[];
  /** routes the matrix cannot classify: each one fails the test, with its name */
  absent: string[];
  /** route entries (method × path) checked */
  routes: number;
  /** of which public */
  publicRoutes: number;
  /** of which the portal's (participant.self) */
  portalRoutes: number;
  subjects: number;
  requests: number;
  /** requests per kind: plain, missing, existing, another object; and how many were refused */
  variants: Record<Variant | 'refused', number>;
  summary: string;
}

/** Public pages under /admin: signing in and out, first-run setup, enrolment, password reset. Anything else there needs a permission. */
export const PUBLIC_ADMIN_PREFIXES = ['/admin/login', '/admin/logout', '/admin/setup', '/admin/enrol', '/admin/reset'];
/** Public pages under /portal (and /sv/portal): signing in and out, and the calendar feed behind its secret address. Anything else there needs participant.self. */
export const PUBLIC_PORTAL_PREFIXES = ['/portal/login', '/portal/logout', '/portal/calendar'];
const withoutLocale = (url: string) => url.replace(/^\/sv(?=\/|$)/, '') || '/';
const isPublicAdminPath = (url: string) => PUBLIC_ADMIN_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));
const isPublicPortalPath = (url: string) => PUBLIC_PORTAL_PREFIXES.some((p) => withoutLocale(url) === p || withoutLocale(url).startsWith(`${p}/`));
const isSignInFlow = (url: string) => /^(\/sv)?\/(admin|portal)\/(login|logout)/.test(url);
const underAdmin = (url: string) => url === '/admin' || url.startsWith('/admin/');
const underPortal = (url: string) => withoutLocale(url) === '/portal' || withoutLocale(url).startsWith('/portal/');
/** The portal's sign-in page in the language of a portal address. */
export const portalLoginOf = (url: string) => (url === '/sv' || url.startsWith('/sv/') ? '/sv/portal/login' : '/portal/login');
/** The area a route belongs to, for area-specific objects: 'admin', 'portal' or the first segment. */
const areaOf = (url: string) => withoutLocale(url).split('/')[1] ?? '';

const NONEXISTENT = '999999999';
export const paramNames = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
export const isTokenParam = (name: string) => /token/i.test(name);

/** The path segment before each parameter: /admin/events/:id/documents/:doc → {id: events, doc: documents}. */
export function segmentsOf(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = url.split('/');
  parts.forEach((p, i) => {
    if (p.startsWith(':')) out[p.slice(1).replace(/\..*$/, '')] = (parts[i - 1] ?? '').replace(/^:.*$/, '');
  });
  return out;
}

export function fill(url: string, value: (name: string) => string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(value(name)));
}

const randomToken = () => crypto.randomBytes(32).toString('base64url');

export type Variant = 'plain' | 'missing' | 'existing' | 'another';

interface Outcome {
  status: number;
  location: string;
}

interface Expectation {
  text: string;
  ok(o: Outcome): boolean;
  /** the permission check refused: an access.denied entry must follow */
  audited?: boolean;
}

const toLogin = (o: Outcome) => o.location.startsWith('/admin/login');
const toPortalLogin = (o: Outcome) => /^(\/sv)?\/portal\/login(\?|$)/.test(o.location);
const toAnyLogin = (o: Outcome) => toLogin(o) || toPortalLogin(o);
const exp = (text: string, ok: (o: Outcome) => boolean, audited = false): Expectation => ({ text, ok, audited });
const portalLogins = new Map<string, Expectation>();
const E = {
  redirectToLogin: exp('303 to /admin/login', (o) => o.status === 303 && toLogin(o)),
  /** the portal's sign-in, in the language of the address */
  redirectToPortalLogin: (url: string) => {
    const target = portalLoginOf(url);
    let e = portalLogins.get(target);
    if (!e) {
      e = exp(`303 to ${target}`, (o) => o.status === 303 && o.location.split('?')[0] === target);
      portalLogins.set(target, e);
    }
    return e;
  },
  csrf: exp('403 (no CSRF token)', (o) => o.status === 403),
  denied: (hasParams: boolean) =>
    exp(hasParams ? '403 or 404 (permission missing)' : '403 (permission missing)', (o) => o.status === 403 || (hasParams && o.status === 404), true),
  worksGet: exp('2xx or 3xx (not to a sign-in page)', (o) => o.status >= 200 && o.status < 400 && !toAnyLogin(o)),
  worksPost: exp('an answer that is not 401/403/5xx or a sign-in page', (o) => o.status < 500 && o.status !== 401 && o.status !== 403 && !toAnyLogin(o)),
  /** signing out ends at the sign-in page */
  signsOut: exp('an answer that is not 401/403/5xx', (o) => o.status < 500 && o.status !== 401 && o.status !== 403),
  missingGet: exp('404 (or 400) for an object that does not exist', (o) => o.status === 404 || o.status === 400),
  missingPost: exp(
    '3xx/4xx but not 401/403 for an object that does not exist',
    (o) => o.status >= 300 && o.status < 500 && o.status !== 401 && o.status !== 403 && !toAnyLogin(o),
  ),
  another: exp("404 for somebody else's object", (o) => o.status === 404),
  tokenNotFound: exp('404 for an unknown token', (o) => o.status === 404),
  publicGet: (url: string) =>
    exp(
      'an answer that is not 401/403/5xx and no redirect to sign in',
      (o) => o.status < 500 && o.status !== 401 && o.status !== 403 && (isSignInFlow(url) || !toAnyLogin(o)),
    ),
  publicPost: exp('an answer that is not 403/5xx', (o) => o.status < 500 && o.status !== 403),
};

interface Case {
  route: RouteEntry;
  subject: MatrixSubject;
  variant: Variant;
  url: string;
  withCsrf: boolean;
  expect: Expectation;
}

/** Runs the matrix and reports every deviation; it never throws on a wrong answer. */
export async function checkAccessMatrix(input: MatrixInput): Promise<MatrixResult> {
  const roles = input.roles ?? allRoles;
  const allows = input.roleAllows ?? defaultRoleAllows;
  const objects = input.objects ?? {};
  const absent: string[] = [];
  const failures: string[] = [];
  const staffByRole = new Map(input.staff.filter((s) => s.role).map((s) => [s.role as Role, s]));
  for (const role of roles) if (!staffByRole.has(role)) absent.push(`role ${role} absent from the matrix: no signed-in subject for it`);
  // participant.self is a portal session's, never a staff role's: a role holding it would open every participant's portal.
  for (const role of roles)
    if (allows(role, PARTICIPANT_SELF)) absent.push(`role ${role} holds ${PARTICIPANT_SELF}, which is a participant's own portal session only`);
  let participantMissing = false;

  const gets: Case[] = [];
  const posts: Case[] = [];
  let covered = 0;
  let publicRoutes = 0;
  let portalRoutes = 0;
  const refusals = new Set<Expectation>([E.csrf, E.redirectToLogin]);

  for (const route of input.routes) {
    const { method, url, permission } = route;
    const name = `${method} ${url}`;
    if (!['GET', 'HEAD', 'POST'].includes(method)) {
      absent.push(`route absent from the matrix: ${name} (method ${method} is not classified)`);
      continue;
    }
    const params = paramNames(url);
    const hasToken = params.some(isTokenParam);
    const segments = segmentsOf(url);
    const area = areaOf(url);
    const objectOf = (p: string): MatrixObject | undefined => objects[`${area}/${segments[p] ?? ''}`] ?? objects[segments[p] ?? ''];
    const missingValue = (p: string) => (isTokenParam(p) ? randomToken() : NONEXISTENT);
    const list = method === 'POST' ? posts : gets;
    const add = (subject: MatrixSubject, variant: Variant, concreteUrl: string, withCsrf: boolean, expect: Expectation) =>
      list.push({ route, subject, variant, url: concreteUrl, withCsrf, expect });

    if (permission === 'public') {
      if (underAdmin(url) && !isPublicAdminPath(url)) {
        absent.push(`route absent from the matrix: ${name} is public under /admin, outside the sign-in pages (${PUBLIC_ADMIN_PREFIXES.join(', ')})`);
        continue;
      }
      if (underPortal(url) && !isPublicPortalPath(url)) {
        absent.push(
          `route absent from the matrix: ${name} is public under /portal, outside the sign-in pages and the calendar feed (${PUBLIC_PORTAL_PREFIXES.join(', ')})`,
        );
        continue;
      }
      publicRoutes++;
      covered++;
      const u = fill(url, missingValue);
      if (method === 'POST') {
        add(input.anonymous, 'plain', u, false, E.csrf);
        add(input.anonymous, 'plain', u, true, hasToken ? E.tokenNotFound : E.publicPost);
      } else {
        add(input.anonymous, 'plain', u, false, hasToken ? E.tokenNotFound : E.publicGet(url));
      }
      continue;
    }

    const missingUrl = fill(url, missingValue);
    // Real objects for the parameters, where the test made some; one URL per parameter with somebody else's object.
    const existingOf = (p: string) => (isTokenParam(p) ? undefined : objectOf(p)?.existing);
    const existingUrl = params.length && params.every((p) => existingOf(p) !== undefined) ? fill(url, (p) => existingOf(p) as string) : undefined;
    const anotherUrls = params
      .filter((a) => objectOf(a)?.another !== undefined && params.every((p) => p === a || existingOf(p) !== undefined))
      .map((a) => fill(url, (p) => (p === a ? (objectOf(p)?.another as string) : (existingOf(p) as string))));

    /** What a subject allowed on the route must get: the page or action, 404 for what is missing or somebody else's. */
    const allowedCases = (subject: MatrixSubject) => {
      if (!params.length) {
        add(subject, 'plain', missingUrl, true, method === 'POST' ? (isSignInFlow(url) ? E.signsOut : E.worksPost) : E.worksGet);
        return;
      }
      add(subject, 'missing', missingUrl, true, method === 'POST' ? E.missingPost : E.missingGet);
      if (existingUrl) add(subject, 'existing', existingUrl, true, method === 'POST' ? E.worksPost : E.worksGet);
      for (const u of anotherUrls) add(subject, 'another', u, true, E.another);
    };
    /** Somebody who must sign in first (on this route's sign-in page); a form without a CSRF token is refused before that. */
    const signInFirst = (subject: MatrixSubject, expect: Expectation) => {
      refusals.add(expect);
      if (method === 'POST') {
        add(subject, 'plain', missingUrl, false, E.csrf);
        add(subject, 'plain', missingUrl, true, expect);
        if (existingUrl) add(subject, 'existing', existingUrl, true, expect);
      } else {
        add(subject, 'plain', missingUrl, false, expect);
        if (existingUrl) add(subject, 'existing', existingUrl, false, expect);
      }
    };

    if (permission === PARTICIPANT_SELF) {
      if (!underPortal(url)) {
        absent.push(`route absent from the matrix: ${name} needs ${PARTICIPANT_SELF} but is outside /portal and /sv/portal`);
        continue;
      }
      if (!input.participant) {
        participantMissing = true;
        absent.push(`route absent from the matrix: ${name} needs ${PARTICIPANT_SELF}, and the matrix has no participant subject`);
        continue;
      }
      covered++;
      portalRoutes++;
      // A visitor and every staff session go to the portal's sign-in: a staff session is not a portal session.
      const toPortal = E.redirectToPortalLogin(url);
      signInFirst(input.anonymous, toPortal);
      for (const role of roles) {
        const subject = staffByRole.get(role);
        if (subject) signInFirst(subject, toPortal);
      }
      // The participant: a form without a CSRF token is refused even with a portal session.
      if (method === 'POST') add(input.participant, 'plain', missingUrl, false, E.csrf);
      allowedCases(input.participant);
      continue;
    }

    if (!underAdmin(url)) {
      absent.push(`route absent from the matrix: ${name} needs ${permission} but is outside /admin, which the matrix does not know how to test`);
      continue;
    }
    if (!roles.some((r) => allows(r, permission))) {
      absent.push(`route absent from the matrix: ${name} needs ${permission}, which no role holds`);
      continue;
    }
    covered++;

    // Anonymous, and a participant (a portal session is not a staff session): sign in first.
    signInFirst(input.anonymous, E.redirectToLogin);
    if (input.participant) signInFirst(input.participant, E.redirectToLogin);

    for (const role of roles) {
      const subject = staffByRole.get(role);
      if (!subject) continue;
      const allowed = allows(role, permission);
      if (method === 'POST') add(subject, 'plain', missingUrl, false, E.csrf);
      if (!allowed) {
        add(subject, params.length ? 'missing' : 'plain', missingUrl, true, E.denied(params.length > 0));
        if (existingUrl) add(subject, 'existing', existingUrl, true, E.denied(true));
        continue;
      }
      allowedCases(subject);
    }
  }
  if (participantMissing) absent.push(`participant absent from the matrix: routes need ${PARTICIPANT_SELF} and no participant subject was given`);

  // Reads first, so a POST that deletes an object cannot change what a later GET sees; of the
  // POSTs, those that end a session or erase data last (a stable sort keeps the rest in order).
  const rank = (c: Case) =>
    /\/(erase|purge)(\/|$)/.test(c.route.url)
      ? 3
      : /\/logout$/.test(c.route.url)
        ? 2
        : /\/(end|end-others|revoke|remove|delete)(\/|$)/.test(c.route.url)
          ? 1
          : 0;
  const cases = [...gets, ...posts.sort((a, b) => rank(a) - rank(b))];
  const variants: Record<Variant | 'refused', number> = { plain: 0, missing: 0, existing: 0, another: 0, refused: 0 };
  for (const c of cases) {
    variants[c.variant]++;
    if (c.expect.audited || refusals.has(c.expect)) variants.refused++;
    if (process.env.MATRIX_DEBUG) console.log(c.route.method, c.url, c.subject.name, c.variant, c.withCsrf ? 'csrf' : '-', c.expect.text);
    const before = c.expect.audited && input.deniedCount ? await input.deniedCount() : 0;
    const headers: Record<string, string> = {};
    if (c.withCsrf || c.subject.role || c.subject === input.participant) headers.cookie = c.subject.cookie;
    const res = await input.app.inject({
      method: c.route.method as 'GET' | 'HEAD' | 'POST',
      url: c.url,
      headers,
      ...(c.route.method === 'POST' ? { payload: c.withCsrf ? { _csrf: c.subject.csrf } : {} } : {}),
    });
    const outcome = { status: res.statusCode, location: String(res.headers.location ?? '') };
    const label = `${c.route.method} ${c.route.url} as ${c.subject.name}${c.variant === 'plain' ? '' : ` (${c.variant} object)`}${c.route.method === 'POST' && !c.withCsrf ? ' without CSRF token' : ''} [${c.url}]`;
    if (!c.expect.ok(outcome)) {
      failures.push(`${label}: expected ${c.expect.text}, got ${outcome.status}${outcome.location ? ` → ${outcome.location}` : ''}`);
      continue;
    }
    if (c.expect.audited && input.deniedCount && outcome.status === 403 && (await input.deniedCount()) <= before) {
      failures.push(`${label}: refused without an access.denied audit entry`);
    }
  }

  const subjects = 1 + input.staff.length + (input.participant ? 1 : 0);
  const names = ['anonymous', ...input.staff.map((s) => s.name), ...(input.participant ? [input.participant.name] : [])];
  const summary = `access matrix: ${covered} routes (${covered - publicRoutes - portalRoutes} staff routes and ${portalRoutes} portal routes behind a permission × ${subjects} subjects: ${names.join(', ')}; ${publicRoutes} public × anonymous) = ${cases.length} requests (${variants.existing} on real objects, ${variants.another} on somebody else's, ${variants.missing} on missing ones; ${variants.refused} must be refused); ${failures.length} failures, ${absent.length} routes absent`;
  return { failures, absent, routes: covered, publicRoutes, portalRoutes, subjects, requests: cases.length, variants, summary };
}
