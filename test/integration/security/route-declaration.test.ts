/**
 * Every route declares its permission, or the server does not start (docs/requirements.md,
 * security requirement R3; src/web/routing.ts). The route table the access matrix reads is the one
 * this same hook records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { isPermission } from '../../../src/security/permissions.js';
import { enforceDeclaredPermissions, type RouteEntry } from '../../../src/web/routing.js';
import { testApp, type TestApp } from '../../support/app.js';

function guardedApp(): { app: FastifyInstance; table: RouteEntry[] } {
  const app = Fastify({ logger: false });
  const table: RouteEntry[] = [];
  enforceDeclaredPermissions(app, table);
  return { app, table };
}

describe('a route that declares no permission stops the server from starting', () => {
  it('refuses a route without config.permission, naming it', async () => {
    const { app } = guardedApp();
    await assert.rejects(async () => {
      app.get('/admin/forgotten', async () => 'secret');
      await app.ready();
    }, /Route GET(,HEAD)? \/admin\/forgotten declares no permission/);
    await app.close().catch(() => undefined);
  });

  it('refuses a permission that is not one of the named permissions', async () => {
    const { app } = guardedApp();
    await assert.rejects(async () => {
      // A typo, or a made-up permission, must not pass as "declared".
      app.post('/admin/typo', { config: { permission: 'event.edti' as never } }, async () => 'x');
      await app.ready();
    }, /Route POST \/admin\/typo declares no permission/);
    await app.close().catch(() => undefined);
  });

  it('refuses it inside a plugin too: loading fails, so the server never listens', async () => {
    const { app } = guardedApp();
    const area: FastifyPluginAsync = async (scope) => {
      scope.get('/admin/area/ok', { config: { permission: 'admin.access' } }, async () => 'ok');
      scope.route({ method: ['GET', 'POST'], url: '/admin/area/forgotten', handler: async () => 'x' });
    };
    await assert.rejects(async () => {
      await app.register(area);
      await app.ready();
    }, /Route GET,POST \/admin\/area\/forgotten declares no permission/);
    assert.equal(app.server.listening, false);
    await app.close().catch(() => undefined);
  });

  it('accepts declared routes and records each method with its permission', async () => {
    const { app, table } = guardedApp();
    app.get('/', { config: { permission: 'public', locale: 'en' } }, async () => 'home');
    app.route({ method: ['GET', 'POST'], url: '/admin/both', config: { permission: 'event.edit' }, handler: async () => 'x' });
    await app.ready();
    assert.deepEqual(
      table.map((r) => `${r.method} ${r.url} ${r.permission}`),
      ['GET / public', 'HEAD / public', 'GET /admin/both event.edit', 'POST /admin/both event.edit', 'HEAD /admin/both event.edit'],
    );
    await app.close();
  });
});

describe('the application is built with that guard', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(async () => t?.close());

  it('records every route it serves with a named permission', async () => {
    assert.ok(t.routes.length > 20, `only ${t.routes.length} routes recorded`);
    for (const r of t.routes) {
      assert.ok(isPermission(r.permission), `${r.method} ${r.url}: ${String(r.permission)}`);
      assert.ok(t.app.hasRoute({ method: r.method, url: r.url }), `${r.method} ${r.url} is in the table but not served`);
    }
    // Spot checks across areas: the table is the running app's, not a copy.
    const has = (method: string, url: string) => t.routes.some((r) => r.method === method && r.url === url);
    assert.ok(has('GET', '/healthz') && has('GET', '/admin') && has('GET', '/admin/audit') && has('GET', '/events'));
  });
});
