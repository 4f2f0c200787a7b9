import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AuditRow } from '../../core/audit/audit.repository.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import type { ViewContext } from '../views/context.js';
import type { AdminDeps } from './index.js';
import { AdminLayout, adminContext } from './layout.js';
import { attr } from '../views/attr.js';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

const AuditQuery = Type.Object({
  /** an action (auth.login) or a prefix of one ending in a dot (auth.) */
  action: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{0,63}$' })),
  actor: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  /** show entries older than this id ("older" pagination) */
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
});
type AuditQuery = Static<typeof AuditQuery>;

interface Option {
  value: string;
  label: string;
}

/** "auth." for every auth action, then each action itself, so one can narrow step by step. */
function actionOptions(ctx: ViewContext, actions: string[]): Option[] {
  const prefixes = [...new Set(actions.filter((a) => a.includes('.')).map((a) => a.slice(0, a.indexOf('.') + 1)))];
  const out: Option[] = [];
  for (const prefix of prefixes.sort()) {
    out.push({ value: prefix, label: ctx.t('audit.filter.group', { prefix: prefix.slice(0, -1) }) });
    for (const a of actions.filter((x) => x.startsWith(prefix))) out.push({ value: a, label: `\u2003${a}` });
  }
  for (const a of actions.filter((x) => !x.includes('.'))) out.push({ value: a, label: a });
  return out;
}

function Select({ id, label, value, options, anyLabel }: { id: string; label: string; value: string; options: Option[]; anyLabel: string }): JSX.Element {
  return (
    <div class="field">
      <label for={id} safe>
        {label}
      </label>
      <select id={id} name={id}>
        <option value="" safe>
          {anyLabel}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The stored details as "key: value" pairs; anything unreadable is shown as it is, escaped. */
function detailPairs(details: string): [string, string][] {
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  } catch {
    // fall through
  }
  return details && details !== '{}' ? [['', details]] : [];
}

function Details({ details }: { details: string }): JSX.Element {
  const pairs = detailPairs(details);
  if (!pairs.length) return '';
  return (
    <ul class="inline-list details">
      {pairs.map(([k, v]) => (
        <li>
          {k ? <span class="muted" safe>{`${k}: `}</span> : ''}
          <code safe>{v}</code>
        </li>
      ))}
    </ul>
  );
}

function actorLabel(ctx: ViewContext, row: AuditRow): string {
  if (row.actorId === null) return ctx.t('audit.actor.none');
  return row.actorName ?? ctx.t('audit.actor.deleted', { id: row.actorId });
}

/** "user 12", "route GET /admin/users", or nothing. */
function objectLabel(row: AuditRow): string {
  if (!row.objectType) return '';
  return row.objectId === null ? row.objectType : `${row.objectType} ${row.objectId}`;
}

/** 2025-03-01 14:05:09: precise to the second, the same in every language. */
const utcTime = (iso: string) => iso.slice(0, 19).replace('T', ' ');

function AuditTable({ ctx, rows }: { ctx: ViewContext; rows: AuditRow[] }): JSX.Element {
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted" safe>
          {ctx.t('audit.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {ctx.t('audit.col.time')}
            </th>
            <th scope="col" safe>
              {ctx.t('audit.col.actor')}
            </th>
            <th scope="col" safe>
              {ctx.t('audit.col.action')}
            </th>
            <th scope="col" safe>
              {ctx.t('audit.col.object')}
            </th>
            <th scope="col" safe>
              {ctx.t('audit.col.details')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr id={`entry-${row.id}`}>
              <td>
                <time datetime={row.at} safe>
                  {utcTime(row.at)}
                </time>
              </td>
              <td safe>{actorLabel(ctx, row)}</td>
              <td>
                <code safe>{row.action}</code>
              </td>
              <td safe>{objectLabel(row)}</td>
              <td>
                <Details details={row.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function queryString(q: Partial<Record<'action' | 'actor' | 'before', string | number | undefined>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The filter form: an action (or a group of them) and a staff member. */
function AuditFilters(p: { ctx: ViewContext; query: AuditQuery; actions: string[]; actors: { id: number; name: string }[] }): JSX.Element {
  const { ctx, query } = p;
  return (
    <form class="filters" method="get" action="/admin/audit" role="search">
      <fieldset>
        <legend safe>{ctx.t('audit.filter.legend')}</legend>
        <Select
          id="action"
          label={ctx.t('audit.filter.action')}
          value={attr(query.action ?? '')}
          anyLabel={ctx.t('audit.filter.any')}
          options={actionOptions(ctx, p.actions)}
        />
        <Select
          id="actor"
          label={ctx.t('audit.filter.actor')}
          value={query.actor ? String(query.actor) : ''}
          anyLabel={ctx.t('audit.filter.any')}
          options={p.actors.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <div class="actions">
          <button type="submit" safe>
            {ctx.t('audit.filter.apply')}
          </button>
          <a href="/admin/audit" safe>
            {ctx.t('audit.filter.clear')}
          </a>
        </div>
      </fieldset>
    </form>
  );
}

/** The entries of this page, or a note that there are none (and that filters may be why). */
function AuditEntries({ ctx, query, page }: { ctx: ViewContext; query: AuditQuery; page: AuditRow[] }): JSX.Element {
  if (page.length) return <AuditTable ctx={ctx} rows={page} />;
  return (
    <div class="empty" role="status">
      <p safe>{ctx.t('audit.empty')}</p>
      {query.action || query.actor || query.before ? <p safe>{ctx.t('audit.empty.hint')}</p> : ''}
    </div>
  );
}

/** Links to the newest entries (when on an older page) and to older ones (`olderThan`, the id of this page's last entry). */
function AuditPager({ ctx, query, olderThan }: { ctx: ViewContext; query: AuditQuery; olderThan: number | undefined }): JSX.Element {
  if (olderThan === undefined && !query.before) return '';
  const filters = { action: query.action, actor: query.actor };
  return (
    <nav class="pager" aria-label={ctx.t('audit.pager')}>
      {query.before ? (
        <a href={`/admin/audit${queryString(filters)}`} safe>
          {ctx.t('audit.newest')}
        </a>
      ) : (
        ''
      )}
      {olderThan !== undefined ? (
        <a href={`/admin/audit${queryString({ ...filters, before: olderThan })}`} rel="next" safe>
          {ctx.t('audit.older')}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

/** /admin/audit: the audit trail, newest first, filtered by action (or prefix) and staff member. Administrators only. */
export function registerAuditPage(app: FastifyInstance, { config, services }: AdminDeps): void {
  app.get('/admin/audit', { config: { permission: 'audit.read' }, schema: { querystring: AuditQuery } }, async (request, reply) => {
    const query = request.query as AuditQuery;
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const filter = { action: query.action, actorId: query.actor, before: query.before };
    const { rows: page, hasOlder, actions, actors } = await services.auditTrail.page(principal, filter, AUDIT_PAGE_SIZE);
    const olderThan = hasOlder ? page[page.length - 1]?.id : undefined;
    const title = ctx.t('audit.title');
    const children = (
      <>
        <h1 safe>{title}</h1>
        <p class="lead" safe>
          {ctx.t('audit.intro')}
        </p>
        <AuditFilters ctx={ctx} query={query} actions={actions} actors={actors} />
        <AuditEntries ctx={ctx} query={query} page={page} />
        <AuditPager ctx={ctx} query={query} olderThan={olderThan} />
      </>
    );
    const html = await AdminLayout({ ctx, title, principal, csrf: reply.generateCsrf(), children });
    return sendHtml(reply, html);
  });
}
