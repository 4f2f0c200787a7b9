/**
 * The page cache (src/web/page-cache.ts) keys public pages on the content version, which
 * triggers bump on every insert, update and delete of a table public pages show
 * (src/db/migrations/0003-content-version.ts). A new public table without its triggers
 * would let a cached page outlive its data. This test serves every cached public page it
 * can reach on the demo content, records every table the app reads while it does, and
 * demands the three triggers on each; a dropped trigger shows the check failing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type KyselyPlugin, type OperationNode, type RootOperationNode } from 'kysely';
import { loadDemoIfEmpty } from '../../../src/db/demo/load.js';
import type { Db, Dialect } from '../../../src/db/database.js';
import type { RouteEntry } from '../../../src/web/routing.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';
import { localLinks } from '../web/markup.js';

/** Read by cached pages, and rightly without a trigger: the content version itself. */
const EXEMPT = new Set(['settings']);
const START = ['/', '/sv', '/events', '/events/past', '/videos', '/defenders-days', '/award', '/bootcamp', '/calls', '/feed.xml', '/sitemap.xml'];

/** Every table a query reads or writes (from, joins, subqueries, writes), without its aliases and CTE names. */
function tablesOf(root: RootOperationNode): Set<string> {
  const named = new Set<string>();
  const local = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as OperationNode & { table?: { identifier?: { name?: string } }; alias?: { kind?: string; name?: string } };
    if (n.kind === 'TableNode' && n.table?.identifier?.name) named.add(n.table.identifier.name);
    if (n.kind === 'AliasNode' && n.alias?.kind === 'IdentifierNode' && n.alias.name) local.add(n.alias.name);
    if (n.kind === 'CommonTableExpressionNameNode' && n.table?.identifier?.name) local.add(n.table.identifier.name);
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(root);
  return new Set([...named].filter((t) => !local.has(t)));
}

/** A plugin that collects the tables of every query the app builds into `into.current`. */
function tableRecorder(into: { current: Set<string> }): KyselyPlugin {
  return {
    transformQuery: (args) => {
      for (const table of tablesOf(args.node)) into.current.add(table);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

/** The route an address is served by: the route table's pattern that matches it, static segments first. */
function routeOf(routes: readonly RouteEntry[], url: string): RouteEntry | undefined {
  const pathname = url.split('?')[0] ?? url;
  const matching = routes.filter(
    (r) => r.method === 'GET' && new RegExp(`^${r.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`).test(pathname),
  );
  return matching.sort((a, b) => (a.url.match(/:/g)?.length ?? 0) - (b.url.match(/:/g)?.length ?? 0))[0];
}

/** Tables with all three content-version triggers (insert, update, delete). */
async function triggeredTables(db: Db, dialect: Dialect): Promise<Set<string>> {
  if (dialect === 'postgres') {
    const rows = await sql<{ table: string }>`
      SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgname = 'cv_' || c.relname AND (t.tgtype & 28) = 28`.execute(db);
    return new Set(rows.rows.map((r) => r.table));
  }
  const rows = await sql<{ table: string; name: string }>`SELECT tbl_name AS "table", name FROM sqlite_master WHERE type = 'trigger'`.execute(db);
  const ops = new Map<string, Set<string>>();
  for (const r of rows.rows) {
    const op =
      r.name === `cv_${r.table}_insert` ? 'insert' : r.name === `cv_${r.table}_update` ? 'update' : r.name === `cv_${r.table}_delete` ? 'delete' : undefined;
    if (op) ops.set(r.table, (ops.get(r.table) ?? new Set()).add(op));
  }
  return new Set([...ops].filter(([, o]) => o.size === 3).map(([t]) => t));
}

/** The tables cached pages read that have no triggers (and are not exempt). */
const untriggered = (read: ReadonlySet<string>, triggered: ReadonlySet<string>) => [...read].filter((t) => !triggered.has(t) && !EXEMPT.has(t)).sort();

for (const dialect of testDialects()) {
  describe(`content-version triggers on every table cached pages read (${dialect})`, () => {
    let t: TestApp;
    const recorded = { current: new Set<string>() };
    const read = new Set<string>();
    const pages: string[] = [];

    before(async () => {
      t = await testApp({ dialect, observe: tableRecorder(recorded), seed: async (db, mediaRoot) => void (await loadDemoIfEmpty(db, mediaRoot)) });
      const queue = [...START];
      const seen = new Set<string>();
      while (queue.length && seen.size < 400) {
        const url = queue.shift() as string;
        if (seen.has(url)) continue;
        seen.add(url);
        const route = routeOf(t.routes, url);
        if (!route?.cache) continue;
        recorded.current = new Set();
        const res = await t.app.inject({ method: 'GET', url });
        if (res.statusCode !== 200) continue;
        pages.push(url);
        for (const table of recorded.current) read.add(table);
        if (/html|xml/.test(String(res.headers['content-type']))) queue.push(...localLinks(res.body, 'http://events.test').filter((u) => !seen.has(u)));
      }
    });
    after(async () => t?.close());

    it('every table a cached page reads bumps the content version on insert, update and delete', async () => {
      assert.ok(pages.length >= 50, `cached pages served: ${pages.length}`);
      for (const table of ['events', 'event_translations', 'conference_sessions', 'award_recipients']) assert.ok(read.has(table), `never read: ${table}`);
      const missing = untriggered(read, await triggeredTables(t.database.db, dialect));
      assert.deepEqual(missing, [], `tables read by cached pages without content-version triggers: ${missing.join(', ')}`);
    });

    it('a table whose trigger is dropped is found', async () => {
      const before = await triggeredTables(t.database.db, dialect);
      assert.ok(before.has('topics'));
      if (dialect === 'postgres') await sql`DROP TRIGGER cv_topics ON topics`.execute(t.database.db);
      else await sql`DROP TRIGGER cv_topics_update`.execute(t.database.db);
      assert.deepEqual(untriggered(new Set(['topics', 'events', 'settings']), await triggeredTables(t.database.db, dialect)), ['topics']);
    });
  });
}
