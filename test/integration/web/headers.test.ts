import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { makeBootcampCourse, makeDocument, makeEvent, makeImage, makeRegistrationSettings } from '../../../src/db/factories.js';
import { testDialects } from '../../support/db.js';
import { testApp, type TestApp } from '../../support/app.js';
import { htmlTags } from './markup.js';

/** Security requirement R9 (docs/requirements.md), for one response. */
function assertSecurityHeaders(res: LightMyRequestResponse, what: string, production: boolean) {
  const h = res.headers;
  const csp = String(h['content-security-policy'] ?? '');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name?.toLowerCase() ?? '', values]),
  );
  assert.deepEqual(directives.get('default-src'), ["'self'"], `${what}: default-src`);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.deepEqual(directives.get('form-action'), ["'self'"], `${what}: form-action`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/, `${what}: CSP allows too much: ${csp}`);
  for (const d of ['script-src', 'style-src', 'img-src', 'connect-src', 'frame-src', 'media-src', 'object-src']) {
    for (const v of directives.get(d) ?? []) assert.ok(["'self'", "'none'"].includes(v), `${what}: ${d} ${v} lets another origin in`);
  }
  assert.equal(h['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(h['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
  const pp = String(h['permissions-policy'] ?? '');
  for (const feature of ['camera', 'microphone', 'geolocation']) {
    assert.match(pp, new RegExp(`(^|,)\\s*${feature}=\\(\\)\\s*(,|$)`), `${what}: Permissions-Policy must deny ${feature}: "${pp}"`);
  }
  if (production) {
    assert.match(String(h['strict-transport-security'] ?? ''), /max-age=(\d{8,}|[3-9]\d{7}|3[1-9]\d{6})/, `${what}: HSTS of a year or more in production`);
  } else {
    assert.equal(h['strict-transport-security'], undefined, `${what}: no HSTS outside production`);
  }
}

/** A concrete URL for a route pattern, with real values where we have them. */
function concrete(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)(?=\.|\/|$)/g, (_, name: string) => values[name] ?? 'no-such-thing');
}

for (const dialect of testDialects()) {
  for (const production of [false, true]) {
    describe(`security headers on every route (${dialect}, ${production ? 'production' : 'development'})`, () => {
      let t: TestApp;
      let imageKey = '';
      let documentKey = '';
      before(async () => {
        t = await testApp({
          dialect,
          env: production ? { NODE_ENV: 'production', PUBLIC_URL: 'https://events.test' } : {},
          seed: async (db, mediaRoot) => {
            const image = await makeImage(db, mediaRoot);
            const ev = await makeEvent(db, { slug: 'hdr-event', imageId: image.id, texts: { en: { title: 'Headers' } } });
            await makeRegistrationSettings(db, ev.id);
            imageKey = image.key;
            documentKey = (await makeDocument(db, mediaRoot, ev.id, { en: 'Doc' })).key;
            // Every public :slug route is asked for 'hdr-event': a bootcamp course of that slug answers the course page.
            await makeBootcampCourse(db, { slug: 'hdr-event' });
          },
        });
      });
      after(async () => {
        await t.close();
      });

      it('the route table is not empty and every route declares a permission', () => {
        assert.ok(t.routes.length > 10);
        for (const r of t.routes) assert.ok(r.permission, `${r.method} ${r.url}`);
      });

      it('every route answers with the headers of requirement 9', async () => {
        const page = await t.app.inject('/events/hdr-event');
        const stylesheet = htmlTags(page.body).find((x) => x.name === 'link' && x.attrs.rel === 'stylesheet')?.attrs.href ?? '';
        assert.match(stylesheet, /^\/assets\//);
        const cases: { method: string; url: string; expect: number[]; permission: string }[] = [];
        for (const r of t.routes) {
          const hasParams = r.url.includes(':');
          if (r.url === '/media/:key/:file') {
            cases.push({ method: r.method, url: `/media/${imageKey}/400.webp`, expect: [200], permission: r.permission });
            cases.push({ method: r.method, url: `/media/${documentKey}/file`, expect: [200], permission: r.permission });
            cases.push({ method: r.method, url: '/media/AAAAAAAAAAAAAAAAAAAAAAAA/file', expect: [404], permission: r.permission });
            continue;
          }
          const url = concrete(r.url, { slug: 'hdr-event', file: stylesheet.slice('/assets/'.length) });
          const known = !hasParams || /:(slug|file)\b/.test(r.url);
          const isPublicRead = r.permission === 'public' && (r.method === 'GET' || r.method === 'HEAD');
          // Public pages answer (a step of a login flow may redirect); routes behind a login answer
          // 3xx/401/403/404; other methods may refuse an empty body.
          cases.push({
            method: r.method,
            url,
            expect: isPublicRead && known ? [200, 302, 303] : [200, 204, 302, 303, 400, 401, 403, 404, 405, 409, 415, 422],
            permission: r.permission,
          });
          if (hasParams) cases.push({ method: r.method, url: concrete(r.url, {}), expect: [302, 303, 400, 401, 403, 404], permission: r.permission });
        }
        assert.ok(cases.length >= t.routes.length);
        for (const c of cases) {
          const res = await t.app.inject({ method: c.method as 'GET', url: c.url });
          const what = `${c.method} ${c.url} (${res.statusCode})`;
          assert.ok(c.expect.includes(res.statusCode), `${what}: expected ${c.expect.join('/')}`);
          assertSecurityHeaders(res, what, production);
          if (c.permission !== 'public') assert.match(String(res.headers['cache-control']), /no-store/, `${what}: no-store behind a login`);
          if (/^\/(sv\/)?(admin|portal)(\/|$)/.test(c.url) && /text\/html/.test(String(res.headers['content-type']))) {
            const noindex = /noindex/.test(String(res.headers['x-robots-tag'] ?? '')) || /<meta name="robots" content="noindex/.test(res.body);
            assert.ok(noindex, `${what}: noindex on portal and admin`);
          }
        }
      });

      it('error pages have them too: 404, 400, bad URLs, in both languages', async () => {
        for (const url of [
          '/no/such/page',
          '/sv/no/such/page',
          '/events/nope',
          '/sv/events/nope',
          '/events?page=-1',
          '/sv/events/past?year=abc',
          '/events/%E0%A4%A',
          `/events/${'x'.repeat(500)}`,
          '/events/a%00b',
        ]) {
          const res = await t.app.inject(url);
          assert.ok([400, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
          assert.match(String(res.headers['content-type']), /^text\/html/);
          assert.equal(res.headers['cache-control'], 'no-store', `${url}: error pages are not cached`);
          assertSecurityHeaders(res, url.slice(0, 60), production);
        }
      });

      it('public pages may be cached, but never with personal data: no Set-Cookie', async () => {
        for (const url of ['/', '/events', '/sv/events', '/events/hdr-event', '/events.ics', '/sitemap.xml']) {
          const res = await t.app.inject(url);
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['set-cookie'], undefined, `${url} sets a cookie`);
        }
      });
    });
  }
}
