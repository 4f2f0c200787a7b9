import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { projectRoot } from '../../src/paths.js';
import type { RouteEntry } from '../../src/web/routing.js';
import { decodeHtml, htmlTags } from '../integration/web/markup.js';
import { paramNames, segmentsOf } from './access-matrix.js';

/**
 * The hostile-input run of docs/requirements.md: payloads (the blns list plus XSS, SQL and template
 * strings) into every field of every form and every query parameter and path parameter of
 * every GET route of the running app. Forms are discovered by GETting each page of the
 * route table and reading its <form>s. Counts 5xx answers, payloads that created elements
 * or attributes (parsed, compared with the same request carrying a harmless value),
 * template expressions that were evaluated, and valid Unicode that does not come back byte
 * for byte. Exported as a function so a fixture app with broken routes shows each check
 * can fail; it never throws on a wrong answer.
 */

/** The Big List of Naughty Strings (MIT, Max Woolf; test/fixtures/blns.LICENSE). */
export function blns(): string[] {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'test/fixtures/blns.json'), 'utf8')) as string[];
}

const TEMPLATE_RESULT = 'tmpl49tmpl';

/** XSS, SQL, template and encoding payloads (beyond blns). */
export const HOSTILE_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)" x="',
  "' onfocus='alert(1)' autofocus x='",
  'javascript:alert(1)',
  ' javascript:alert(1)',
  '</textarea><svg onload=alert(1)>',
  '</title><script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '<iframe src=javascript:alert(1)></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '--><script>alert(1)</script><!--',
  `tmpl{{7*7}}tmpl`,
  'tmpl${7*7}tmpl',
  'tmpl<%= 7*7 %>tmpl',
  'tmpl#{7*7}tmpl',
  'tmpl{{=7*7}}tmpl',
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  "1'; DELETE FROM users WHERE '1'='1",
  '1 UNION SELECT password_hash FROM users --',
  '%00',
  'a\u0000b',
  '\u0000',
  '%ED%A0%80',
  'lone \uD800 surrogate',
  'lone \uDFFF low',
  'x'.repeat(10_000),
  '\u202Eevil\u202C \u200B\u200C\u200D\uFEFF',
  'e\u0301\u0308\u0338 Z\u0351\u0362\u0337 👩‍👩‍👧‍👦 🏳️‍🌈',
  'مرحبا بالعالم עברית',
  '../../../../etc/passwd',
  '{"__proto__":{"admin":true}}',
  '-1',
  '99999999999999999999999',
  '\r\nSet-Cookie: x=1',
];

/** A payload's bytes: UTF-8, lone surrogates written as their (invalid) three-byte form. */
export function bytesOf(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out.push(...Buffer.from(s.slice(i, i + 2), 'utf8'));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(...Buffer.from(s[i] ?? '', 'utf8'));
  }
  return Buffer.from(out);
}

/** Percent-encodes a payload's bytes (so lone surrogates reach the server as %ED%A0%80). */
export function pct(s: string): string {
  let out = '';
  for (const b of bytesOf(s))
    out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** Valid text a form should store as given: well-formed, no controls, already trimmed. */
export function isRoundTrippable(s: string): boolean {
  return (
    s.length > 0 &&
    s.length <= 200 &&
    !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s) &&
    s === s.trim() &&
    !/[\u0000-\u001f\u007f-\u009f]/.test(s)
  );
}

export interface FormControl {
  name: string;
  /** input type, or textarea / select / button */
  type: string;
  value: string;
}

export interface FoundForm {
  /** the page it was found on */
  page: string;
  action: string;
  method: 'GET' | 'POST';
  multipart: boolean;
  controls: FormControl[];
  /** the Cookie the page was read with (and the form is sent with) */
  cookie: string;
}

const TEXTLIKE = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'time',
  'hidden',
  'textarea',
  'select',
  'checkbox',
  'radio',
  'button',
]);

/** Every <form> of a page, with its controls and their default values (as a browser would send them). */
export function formsOf(html: string, page: string, cookie: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b[\s\S]*?<\/form>/gi)) {
    const chunk = m[0];
    const tags = htmlTags(chunk);
    const form = tags[0];
    if (!form || form.name !== 'form') continue;
    const controls: FormControl[] = [];
    const textareas = [...chunk.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)];
    let select: FormControl | undefined;
    let selectDefaulted = false;
    let namedButton = false;
    for (const t of tags.slice(1)) {
      if (t.name === 'option' || t.name === 'optgroup') {
        if (select && t.name === 'option' && (!selectDefaulted || t.attrs.selected !== undefined)) {
          select.value = t.attrs.value ?? '';
          selectDefaulted = true;
        }
        continue;
      }
      select = undefined;
      const name = t.attrs.name;
      if (!name || t.attrs.disabled !== undefined) continue;
      if (t.name === 'input') {
        const type = (t.attrs.type ?? 'text').toLowerCase();
        if (['submit', 'image', 'reset', 'button'].includes(type)) continue;
        if ((type === 'checkbox' || type === 'radio') && t.attrs.checked === undefined) {
          // Not sent unless checked; still a field a payload can go into.
          controls.push({ name, type: `${type}-unchecked`, value: t.attrs.value ?? 'on' });
          continue;
        }
        controls.push({ name, type, value: t.attrs.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '') });
      } else if (t.name === 'textarea') {
        const ta = textareas.find((x) => new RegExp(`name="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(x[1] ?? ''));
        controls.push({ name, type: 'textarea', value: decodeHtml(ta?.[2] ?? '') });
      } else if (t.name === 'select') {
        select = { name, type: 'select', value: '' };
        selectDefaulted = false;
        controls.push(select);
      } else if (t.name === 'button' && !namedButton) {
        namedButton = true;
        controls.push({ name, type: 'button', value: t.attrs.value ?? '' });
      }
    }
    const method = (form.attrs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const action = new URL(form.attrs.action ?? page, `http://x${page}`).pathname;
    out.push({ page, action, method, multipart: /multipart/i.test(form.attrs.enctype ?? ''), controls, cookie });
  }
  return out;
}

/** Signatures of markup a payload could inject: script blocks, event handlers, javascript: URLs, svg/iframe/object/embed/math/base/meta. */
export function dangerousMarkup(html: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const t of htmlTags(html)) {
    if (t.name === 'script' && t.attrs.type !== 'application/ld+json' && !(t.attrs.src ?? '').startsWith('/assets/'))
      add(`<script ${Object.keys(t.attrs).sort().join(' ')}>`);
    if (['svg', 'iframe', 'object', 'embed', 'math', 'base', 'frame', 'frameset', 'applet', 'xss', 'details', 'marquee'].includes(t.name)) add(`<${t.name}>`);
    if (t.name === 'meta' && t.attrs['http-equiv'] !== undefined) add(`<meta http-equiv=${t.attrs['http-equiv']}>`);
    if (t.name === 'img' && t.attrs.src !== undefined && !/^(\/|data:image)/.test(t.attrs.src)) add(`<img src=${t.attrs.src.slice(0, 20)}>`);
    for (const [k, v] of Object.entries(t.attrs)) {
      if (/^on/.test(k)) add(`<${t.name} ${k}>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(k) && /^[\s\u0000-\u001f]*javascript:/i.test(v))
        add(`<${t.name} ${k}=javascript:>`);
      if (k === 'autofocus' && t.name !== 'input' && t.name !== 'textarea' && t.name !== 'select') add(`<${t.name} autofocus>`);
    }
  }
  return counts;
}

/** What `after` has beyond `before`. */
function excess(after: Map<string, number>, before: Map<string, number>): string[] {
  return [...after].filter(([k, n]) => n > (before.get(k) ?? 0)).map(([k]) => k);
}

export interface HostileInput {
  app: FastifyInstance;
  routes: RouteEntry[];
  /** the Cookie to read a page and send its forms with, by the route's permission ('' for anonymous) */
  cookieFor(route: RouteEntry): Promise<string>;
  /** a real value for a path parameter (`events`, `slug` → 'my-event'); undefined skips the route */
  paramValue(segment: string, param: string, route: RouteEntry): string | undefined;
  /** every payload goes into one representative field of every form, every query and path parameter */
  payloads: readonly string[];
  /** these go into every field of every form (and every query parameter) */
  sample: readonly string[];
  /** forms not to send (they end the session, throttle sign-in, ...); reported as skipped */
  skipForm?(form: FoundForm): boolean;
  /** forms that get the payloads in one field only (no sample): sign-in forms slow down after many failures */
  lightForm?(form: FoundForm): boolean;
  /** query parameter names tried on every GET route besides those found in links and GET forms */
  extraQueryNames?: readonly string[];
  /** pages to read forms from besides the route table's (e.g. with a query) */
  extraPages?: { url: string; cookie: string }[];
  /** a fields whose saved text should come back byte for byte on the page the form redirects to */
  roundTripField?(form: FoundForm, name: string): boolean;
}

export interface HostileResult {
  routes: number;
  forms: number;
  skippedForms: string[];
  fields: number;
  payloads: number;
  requests: number;
  serverErrors: string[];
  reflected: string[];
  templates: string[];
  roundTrips: number;
  roundTripFailures: string[];
  /** requests sent per form (`POST /action (form on /page)`) */
  perForm: Map<string, number>;
  summary: string;
}

const SKIP_ROUTE = (url: string) => url.startsWith('/assets/') || url === '/healthz';
const isHtml = (res: LightMyRequestResponse) => /text\/html/.test(String(res.headers['content-type'] ?? ''));
const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…(${s.length})` : s);

let tinyPng: Buffer | undefined;
async function png(): Promise<Buffer> {
  tinyPng ??= await sharp({ create: { width: 2, height: 2, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  return tinyPng;
}

export async function runHostileInput(input: HostileInput): Promise<HostileResult> {
  const { app } = input;
  const result: HostileResult = {
    routes: 0,
    forms: 0,
    skippedForms: [],
    fields: 0,
    payloads: input.payloads.length + input.sample.length,
    requests: 0,
    serverErrors: [],
    reflected: [],
    templates: [],
    roundTrips: 0,
    roundTripFailures: [],
    perForm: new Map(),
    summary: '',
  };

  async function send(method: 'GET' | 'POST', url: string, cookie: string, body?: { payload: Buffer | string; type: string }, label = '') {
    result.requests++;
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (body) headers['content-type'] = body.type;
    const res = await app.inject({ method, url, headers, ...(body ? { payload: body.payload } : {}) });
    if (res.statusCode >= 500) result.serverErrors.push(`${res.statusCode} ${method} ${url.slice(0, 120)}${label ? ` ${label}` : ''}`);
    return res;
  }

  /** The answer and, for a redirect to this app, the page it leads to (where stored text shows). */
  async function sendAndFollow(method: 'GET' | 'POST', url: string, cookie: string, body?: { payload: Buffer | string; type: string }, label = '') {
    const res = await send(method, url, cookie, body, label);
    const location = String(res.headers.location ?? '');
    let next: LightMyRequestResponse | undefined;
    if (method === 'POST' && res.statusCode >= 300 && res.statusCode < 400 && location.startsWith('/'))
      next = await send('GET', location, cookie, undefined, `(after ${label})`);
    return { res, next, location };
  }

  const markupOf = (r: { res: LightMyRequestResponse; next?: LightMyRequestResponse }) => {
    const all = new Map<string, number>();
    for (const x of [r.res, r.next]) if (x && isHtml(x)) for (const [k, n] of dangerousMarkup(x.body)) all.set(k, (all.get(k) ?? 0) + n);
    return all;
  };
  const bodiesOf = (r: { res: LightMyRequestResponse; next?: LightMyRequestResponse }) => [r.res.body, r.next?.body ?? ''].join('\n');

  function check(r: { res: LightMyRequestResponse; next?: LightMyRequestResponse }, baseline: Map<string, number>, payload: string, where: string) {
    const injected = excess(markupOf(r), baseline);
    if (injected.length) result.reflected.push(`${where} with ${short(payload)}: ${injected.join(', ')}`);
    if (payload.includes('tmpl') && bodiesOf(r).includes(TEMPLATE_RESULT)) result.templates.push(`${where} with ${short(payload)}: evaluated to 49`);
  }

  // --- pages of the route table, with their parameters filled
  const pages: { route: RouteEntry; url: string; cookie: string; params: string[] }[] = [];
  for (const route of input.routes) {
    if (route.method !== 'GET' || SKIP_ROUTE(route.url)) continue;
    const segments = segmentsOf(route.url);
    const params = paramNames(route.url);
    const values = params.map((p) => input.paramValue(segments[p.replace(/\..*$/, '')] ?? '', p, route));
    if (values.some((v) => v === undefined)) continue;
    let i = 0;
    const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(values[i++] as string));
    pages.push({ route, url, cookie: await input.cookieFor(route), params });
  }
  result.routes = pages.length;

  // --- forms, and query names from links and GET forms
  const forms = new Map<string, FoundForm>();
  const queryNames = new Map<string, Set<string>>();
  const addQuery = (p: string, name: string) => {
    if (name === '_csrf') return;
    const set = queryNames.get(p) ?? new Set<string>();
    set.add(name);
    queryNames.set(p, set);
  };
  for (const page of [...pages.map((p) => ({ url: p.url, cookie: p.cookie })), ...(input.extraPages ?? [])]) {
    const res = await send('GET', page.url, page.cookie);
    if (!isHtml(res)) continue;
    for (const form of formsOf(res.body, page.url.split('?')[0] ?? page.url, page.cookie)) {
      if (form.method === 'GET') {
        for (const c of form.controls) addQuery(form.action, c.name);
        continue;
      }
      const key = `${form.method} ${form.action} ${form.controls.map((c) => c.name).join(',')}`;
      if (!forms.has(key)) forms.set(key, form);
    }
    for (const m of res.body.matchAll(/href="(\/[^"#]*\?[^"#]*)"/g)) {
      const u = new URL(decodeHtml(m[1] ?? ''), 'http://x');
      for (const name of u.searchParams.keys()) addQuery(u.pathname, name);
    }
  }

  // --- query and path parameters of every GET route
  for (const page of pages) {
    const base = page.url.split('?')[0] ?? page.url;
    const names = [...new Set([...(queryNames.get(base) ?? []), ...(input.extraQueryNames ?? [])])];
    for (const name of names) {
      const baseline = markupOf(await sendAndFollow('GET', `${base}?${name}=harmless`, page.cookie));
      for (const payload of [...input.payloads, ...input.sample]) {
        const url = `${base}?${pct(name)}=${pct(payload)}`;
        check(await sendAndFollow('GET', url, page.cookie, undefined, `?${name}`), baseline, payload, `GET ${page.route.url}?${name}`);
      }
    }
    if (page.params.length) {
      const baseline = markupOf(await sendAndFollow('GET', page.url, page.cookie));
      for (const payload of input.payloads) {
        const url = page.route.url.replace(/:(\w+)/g, () => pct(payload));
        check(await sendAndFollow('GET', url, page.cookie, undefined, 'path'), baseline, payload, `GET ${page.route.url} (path)`);
      }
    }
  }

  // --- forms
  for (const form of forms.values()) {
    const where = `${form.method} ${form.action} (form on ${form.page})`;
    if (input.skipForm?.(form)) {
      result.skippedForms.push(where);
      continue;
    }
    result.forms++;
    const targets = form.controls.filter((c) => c.name !== '_csrf' && TEXTLIKE.has(c.type.replace(/-unchecked$/, '')));
    result.fields += targets.length;
    if (!targets.length) continue;
    const representative = targets.find((c) => c.type === 'textarea') ?? targets.find((c) => ['text', 'search', 'email', 'url'].includes(c.type)) ?? targets[0];
    const fileNames = [...form.controls.filter((c) => c.type === 'file').map((c) => c.name)];
    let token = form.controls.find((c) => c.name === '_csrf')?.value ?? '';
    let cookie = form.cookie;

    const refreshToken = async () => {
      const res = await send('GET', form.page, form.cookie);
      const fresh = formsOf(res.body, form.page, form.cookie).find((f) => f.action === form.action);
      token = fresh?.controls.find((c) => c.name === '_csrf')?.value ?? token;
      cookie = form.cookie;
    };

    const body = async (target: string, value: string) => {
      const pairs: [string, string][] = [];
      for (const c of form.controls) {
        if (c.type === 'file') continue;
        if (c.name === '_csrf') pairs.push([c.name, token]);
        else if (c.name === target) pairs.push([c.name, value]);
        else if (!c.type.endsWith('-unchecked')) pairs.push([c.name, c.value]);
      }
      if (!pairs.some(([n]) => n === target)) pairs.push([target, value]);
      if (!form.multipart) return { payload: pairs.map(([n, v]) => `${pct(n)}=${pct(v)}`).join('&'), type: 'application/x-www-form-urlencoded' };
      const boundary = `----hostile${crypto.randomBytes(8).toString('hex')}`;
      const parts: Buffer[] = [];
      for (const [n, v] of pairs)
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n`), bytesOf(v), Buffer.from('\r\n'));
      for (const n of fileNames) {
        parts.push(
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${n}"; filename="tiny.png"\r\nContent-Type: image/png\r\n\r\n`),
          await png(),
          Buffer.from('\r\n'),
        );
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
    };

    const submit = async (target: FormControl, value: string) => {
      const label = `[${target.name}]`;
      let r = await sendAndFollow('POST', form.action, cookie, await body(target.name, value), label);
      if (r.res.statusCode === 403 && /csrf/i.test(r.res.body)) {
        await refreshToken();
        r = await sendAndFollow('POST', form.action, cookie, await body(target.name, value), label);
      }
      return r;
    };

    const baselines = new Map<string, Map<string, number>>();
    const baselineOf = async (target: FormControl) => {
      let b = baselines.get(target.name);
      if (!b) {
        b = markupOf(await submit(target, 'harmless text'));
        baselines.set(target.name, b);
      }
      return b;
    };

    const plan: [FormControl, string][] = [];
    if (representative) for (const p of input.payloads) plan.push([representative, p]);
    if (!input.lightForm?.(form)) for (const target of targets) for (const s of input.sample) plan.push([target, s]);
    const before = result.requests;
    for (const [target, value] of plan) {
      const baseline = await baselineOf(target);
      const r = await submit(target, value);
      check(r, baseline, value, `${where} [${target.name}]`);
      // Saved text comes back as it was sent, on the page the form leads to.
      if (r.next && r.res.statusCode === 303 && isRoundTrippable(value) && input.roundTripField?.(form, target.name) && isHtml(r.next)) {
        const again = formsOf(r.next.body, r.location, cookie)
          .flatMap((f) => f.controls)
          .find((c) => c.name === target.name);
        if (!again) continue;
        result.roundTrips++;
        if (again.value !== value) result.roundTripFailures.push(`${where} [${target.name}]: sent ${short(value)}, read back ${short(again.value)}`);
      }
    }
    result.perForm.set(where, result.requests - before);
  }

  result.summary = `hostile input: ${result.routes} routes, ${result.forms} forms (${result.fields} fields; ${result.skippedForms.length} skipped), ${result.payloads} payloads, ${result.requests} requests, ${result.serverErrors.length} 5xx, ${result.reflected.length} reflected, ${result.templates.length} templates evaluated, ${result.roundTrips} Unicode round-trips (${result.roundTripFailures.length} changed)`;
  return result;
}
