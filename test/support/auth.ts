import { generate } from 'otplib';
import type { Role } from '../../src/security/permissions.js';
import { cookieNames } from '../../src/web/session.js';
import type { TestApp } from './app.js';

export interface Staff {
  userId: number;
  email: string;
  password: string;
  /** the TOTP secret, so a test can make codes */
  secret: string;
  recoveryCodes: string[];
  /** Cookie header value of a fully signed-in session */
  cookie: string;
}

let counter = 0;

/** The TOTP code for a secret at a time (seconds since 1970; now by default). */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  return generate({ secret, epoch: epochSeconds });
}

/**
 * A staff account of the given role, enrolled (password + TOTP) through the services, and
 * signed in through HTTP exactly as a browser would (password form, then code form).
 */
export async function signedInStaff(t: TestApp, role: Role, opts: { epoch?: () => number } = {}): Promise<Staff> {
  counter++;
  const email = `staff${counter}-${role}@example.org`;
  const password = `a long passphrase number ${counter}`;
  const { userId, enrolUrl } = await t.services.accounts.createUser(null, { email, displayName: `Staff ${counter}`, role });
  const token = enrolUrl.split('/').pop() as string;
  const start = await t.services.accounts.startEnrolment(token);
  const epoch = opts.epoch ?? (() => Math.floor(Date.now() / 1000));
  const code = await generate({ secret: start.secret, epoch: epoch() });
  const { recoveryCodes } = await t.services.accounts.completeEnrolment(token, { password, confirm: password, sealedSecret: start.sealedSecret, code });
  const cookie = await signIn(t, email, password, start.secret, epoch() + 30);
  return { userId, email, password, secret: start.secret, recoveryCodes, cookie };
}

/** Parses Set-Cookie headers of an inject() response into name → value. */
export function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const out: Record<string, string> = {};
  for (const c of list) {
    const [pair] = c.split(';');
    const i = pair?.indexOf('=') ?? -1;
    if (pair && i > 0) out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** A Cookie header back into name → value. */
export const jarOf = (cookie: string): Record<string, string> =>
  Object.fromEntries(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  );

/** The cookies a browser holds after this response: those it had, with the response's Set-Cookie applied. */
export const mergeCookies = (cookie: string, res: { headers: Record<string, unknown> }): string => cookieHeader({ ...jarOf(cookie), ...cookiesOf(res) });

/** GETs a page and returns its CSRF token (from the `_csrf` field) and the cookies to send with the form. */
export async function formToken(t: TestApp, url: string, cookie = ''): Promise<{ csrf: string; cookie: string }> {
  const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!csrf) throw new Error(`no _csrf field on ${url} (status ${res.statusCode})`);
  const jar = Object.fromEntries(
    cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]),
  );
  return { csrf, cookie: cookieHeader({ ...jar, ...cookiesOf(res) }) };
}

/**
 * Signs in through the HTTP forms: /admin/login (password) then /admin/login/code (TOTP).
 * Returns the Cookie header of the signed-in session (with the CSRF cookie).
 */
export async function signIn(t: TestApp, email: string, password: string, secret: string, epochSeconds: number): Promise<string> {
  const names = cookieNames(t.config.secureCookies);
  const login = await formToken(t, '/admin/login');
  const step1 = await t.app.inject({ method: 'POST', url: '/admin/login', headers: { cookie: login.cookie }, payload: { email, password, _csrf: login.csrf } });
  if (step1.statusCode !== 303) throw new Error(`password step answered ${step1.statusCode}`);
  const afterPassword = cookieHeader({ ...Object.fromEntries(login.cookie.split('; ').map((c) => c.split('=') as [string, string])), ...cookiesOf(step1) });
  const codeForm = await formToken(t, '/admin/login/code', afterPassword);
  const code = await generate({ secret, epoch: epochSeconds });
  const step2 = await t.app.inject({ method: 'POST', url: '/admin/login/code', headers: { cookie: codeForm.cookie }, payload: { code, _csrf: codeForm.csrf } });
  if (step2.statusCode !== 303) throw new Error(`code step answered ${step2.statusCode}`);
  const jar = { ...Object.fromEntries(codeForm.cookie.split('; ').map((c) => c.split('=') as [string, string])), ...cookiesOf(step2) };
  if (!jar[names.session]) throw new Error('no session cookie after sign-in');
  return cookieHeader(jar);
}

/** POSTs a form as a browser would: the CSRF token and cookies from `page`, then the fields. */
export async function postForm(t: TestApp, page: string, url: string, payload: Record<string, string>, cookie: string) {
  const tok = await formToken(t, page, cookie);
  return t.app.inject({ method: 'POST', url, headers: { cookie: tok.cookie }, payload: { ...payload, _csrf: tok.csrf } });
}
