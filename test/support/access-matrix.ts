import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { roleAllows as defaultRoleAllows, roles as allRoles, type Permission, type Role } from '../../src/security/permissions.js';
import type { RouteEntry } from '../../src/web/routing.js';

/**
 * The access matrix of security.md: every route of the running app (its route table, not
 * a hand-written list) × anonymous and every role, with the outcome each one must get
 * computed from the route's declared permission and `roleAllows`. Exported as a function
 * so a fixture app with deliberately broken routes can show that each check can fail.
 */

export interface MatrixSubject {
  /** 'anonymous' or the role's name */
  name: string;
  role: Role | undefined;
  /** Cookie header: the session (for roles) and the CSRF secret cookie */
  cookie: string;
  /** a CSRF token that goes with the cookie */
  csrf: string;
}

/** Real objects for path parameters, keyed by the path segment before the parameter (`users/:id` → users). */
export interface MatrixObject {
  /** an object a permitted role may open */
  existing?: string;
  /** somebody else's object (another user's session): must answer 404 even to a permitted role */
  another?: string;
}

export interface MatrixInput {
  app: FastifyInstance;
  routes: RouteEntry[];
  /** the anonymous visitor (no session) */
  anonymous: MatrixSubject;
  /** one signed-in subject per role; a role of `roles` without one is reported */
  staff: MatrixSubject[];
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
  subjects: number;
  requests: number;
  /** requests per kind: plain, missing, existing, another object; and how many were refused */
  variants: Record<Variant | 'refused', number>;
  summary: string;
}

/** Public pages under /admin: signing in and out, first-run setup, enrolment, password reset. Anything else there needs a permission. */
export const PUBLIC_ADMIN_PREFIXES = ['/admin/login', '/admin/logout', '/admin/setup', '/admin/enrol', '/admin/reset'];
const isPublicAdminPath = (url: string) => PUBLIC_ADMIN_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`));
const isSignInFlow = (url: string) => url.startsWith('/admin/login') || url.startsWith('/admin/logout');
const underAdmin = (url: string) => url === '/admin' || url.startsWith('/admin/');

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
const exp = (text: string, ok: (o: Outcome) => boolean, audited = false): Expectation => ({ text, ok, audited });
const E = {
  redirectToLogin: exp('303 to /admin/login', (o) => o.status === 303 && toLogin(o)),
  csrf: exp('403 (no CSRF token)', (o) => o.status === 403),
  denied: (hasParams: boolean) =>
    exp(hasParams ? '403 or 404 (permission missing)' : '403 (permission missing)', (o) => o.status === 403 || (hasParams && o.status === 404), true),
  worksGet: exp('2xx or 3xx (not to the sign-in page)', (o) => o.status >= 200 && o.status < 400 && !toLogin(o)),
  worksPost: exp('an answer that is not 401/403/5xx or the sign-in page', (o) => o.status < 500 && o.status !== 401 && o.status !== 403 && !toLogin(o)),
  missingGet: exp('404 (or 400) for an object that does not exist', (o) => o.status === 404 || o.status === 400),
  missingPost: exp(
    '3xx/4xx but not 401/403 for an object that does not exist',
    (o) => o.status >= 300 && o.status < 500 && o.status !== 401 && o.status !== 403 && !toLogin(o),
  ),
  another: exp("404 for somebody else's object", (o) => o.status === 404),
  tokenNotFound: exp('404 for an unknown token', (o) => o.status === 404),
  publicGet: (url: string) =>
    exp(
      'an answer that is not 401/403/5xx and no redirect to sign in',
      (o) => o.status < 500 && o.status !== 401 && o.status !== 403 && (isSignInFlow(url) || !toLogin(o)),
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

  const gets: Case[] = [];
  const posts: Case[] = [];
  let covered = 0;
  let publicRoutes = 0;

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
    const missingValue = (p: string) => (isTokenParam(p) ? randomToken() : NONEXISTENT);
    const list = method === 'POST' ? posts : gets;
    const add = (subject: MatrixSubject, variant: Variant, concreteUrl: string, withCsrf: boolean, expect: Expectation) =>
      list.push({ route, subject, variant, url: concreteUrl, withCsrf, expect });

    if (permission === 'public') {
      if (underAdmin(url) && !isPublicAdminPath(url)) {
        absent.push(`route absent from the matrix: ${name} is public under /admin, outside the sign-in pages (${PUBLIC_ADMIN_PREFIXES.join(', ')})`);
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

    if (!underAdmin(url)) {
      absent.push(`route absent from the matrix: ${name} needs ${permission} but is outside /admin, which the matrix does not know how to test`);
      continue;
    }
    if (!roles.some((r) => allows(r, permission))) {
      absent.push(`route absent from the matrix: ${name} needs ${permission}, which no role holds`);
      continue;
    }
    covered++;
    const missingUrl = fill(url, missingValue);

    // Anonymous: sign in first; a form without a CSRF token is refused before that.
    if (method === 'POST') {
      add(input.anonymous, 'plain', missingUrl, false, E.csrf);
      add(input.anonymous, 'plain', missingUrl, true, E.redirectToLogin);
    } else {
      add(input.anonymous, 'plain', missingUrl, false, E.redirectToLogin);
    }

    // Real objects for the parameters, where the test made some.
    const existingOf = (p: string) => (isTokenParam(p) ? undefined : objects[segments[p] ?? '']?.existing);
    const existingUrl = params.length && params.every((p) => existingOf(p) !== undefined) ? fill(url, (p) => existingOf(p) as string) : undefined;
    const anotherParam = params.find((p) => objects[segments[p] ?? '']?.another !== undefined);
    const anotherUrl =
      anotherParam && params.every((p) => p === anotherParam || existingOf(p) !== undefined)
        ? fill(url, (p) => (p === anotherParam ? (objects[segments[p] ?? '']?.another as string) : (existingOf(p) as string)))
        : undefined;

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
      if (!params.length) {
        add(subject, 'plain', missingUrl, true, method === 'POST' ? E.worksPost : E.worksGet);
        continue;
      }
      add(subject, 'missing', missingUrl, true, method === 'POST' ? E.missingPost : E.missingGet);
      if (existingUrl) add(subject, 'existing', existingUrl, true, method === 'POST' ? E.worksPost : E.worksGet);
      if (anotherUrl) add(subject, 'another', anotherUrl, true, E.another);
    }
  }

  // Reads first, so a POST that deletes an object cannot change what a later GET sees.
  const cases = [...gets, ...posts];
  const variants: Record<Variant | 'refused', number> = { plain: 0, missing: 0, existing: 0, another: 0, refused: 0 };
  for (const c of cases) {
    variants[c.variant]++;
    if (c.expect === E.csrf || c.expect.audited || c.expect === E.redirectToLogin) variants.refused++;
    if (process.env.MATRIX_DEBUG) console.log(c.route.method, c.url, c.subject.name, c.variant, c.withCsrf ? 'csrf' : '-', c.expect.text);
    const before = c.expect.audited && input.deniedCount ? await input.deniedCount() : 0;
    const headers: Record<string, string> = {};
    if (c.withCsrf || c.subject.role) headers.cookie = c.subject.cookie;
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

  const subjects = 1 + input.staff.length;
  const summary = `access matrix: ${covered} routes (${covered - publicRoutes} behind a permission × ${subjects} subjects: anonymous + ${input.staff.map((s) => s.name).join(', ')}; ${publicRoutes} public × anonymous) = ${cases.length} requests (${variants.existing} on real objects, ${variants.another} on somebody else's, ${variants.missing} on missing ones; ${variants.refused} must be refused); ${failures.length} failures, ${absent.length} routes absent`;
  return { failures, absent, routes: covered, publicRoutes, subjects, requests: cases.length, variants, summary };
}
