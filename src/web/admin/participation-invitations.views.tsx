import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEdition } from '../../core/conference/admin-conference.schema.js';
import { LIMITS, type InvitationSummary } from '../../core/participation/participation.schema.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { locales } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { orDash, Th } from './conference-panels.views.js';
import { Checkbox, Csrf, Notice, Select, TextInput, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';
import { ParticipationNav, ScrollTable, participationBase, roleLabel, roleOptions } from './participation-shared.js';

/** Invitations of an edition: the list, the form for a new one, the one-time link, the confirmation before revoking. */

const base = (e: Pick<AdminEdition, 'year'>) => `${participationBase(e.year)}/invitations`;

interface PageBase {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
}

const delivery = (ctx: ViewContext, i: InvitationSummary) =>
  ctx.t(i.fromApplication ? 'padmin.inv.delivery.application' : i.mailed ? 'padmin.inv.delivery.mailed' : 'padmin.inv.delivery.link');

function InvitationTable({ ctx, edition, invitations }: { ctx: ViewContext; edition: AdminEdition; invitations: InvitationSummary[] }): JSX.Element {
  if (!invitations.length)
    return (
      <p class="empty" safe>
        {ctx.t('padmin.inv.empty')}
      </p>
    );
  const zone = edition.timeZone;
  const sorted = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <ScrollTable id="invitations-caption" caption={ctx.t('padmin.inv.caption')}>
      <thead>
        <tr>
          <Th ctx={ctx} k="padmin.inv.col.for" />
          <Th ctx={ctx} k="padmin.inv.col.role" />
          <Th ctx={ctx} k="padmin.inv.col.status" />
          <Th ctx={ctx} k="padmin.inv.col.delivery" />
          <Th ctx={ctx} k="padmin.inv.col.created" />
          <Th ctx={ctx} k="padmin.inv.col.expires" />
          <Th ctx={ctx} k="padmin.inv.col.accepted" />
          <Th ctx={ctx} k="padmin.inv.col.actions" />
        </tr>
      </thead>
      <tbody>
        {sorted.map((i) => (
          <tr id={`invitation-${i.id}`}>
            <th scope="row" safe>
              {i.label}
            </th>
            <td safe>{roleLabel(ctx, i.role)}</td>
            <td safe>{ctx.t(`padmin.inv.status.${i.status}`)}</td>
            <td safe>{i.withCode ? `${delivery(ctx, i)}, ${ctx.t('padmin.inv.with-code')}` : delivery(ctx, i)}</td>
            <td safe>{formatDateTime(i.createdAt, ctx.locale, zone)}</td>
            <td safe>{formatDate(i.expiresAt, ctx.locale, zone)}</td>
            <td safe>{i.acceptedAt ? formatDateTime(i.acceptedAt, ctx.locale, zone) : orDash(null)}</td>
            <td>
              {i.status === 'open' ? (
                <a href={`${base(edition)}/${i.id}/revoke`} aria-label={ctx.t('padmin.inv.revoke-label', { label: i.label })} safe>
                  {ctx.t('padmin.inv.revoke')}
                </a>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function InvitationsPage(p: PageBase & { invitations: InvitationSummary[]; values: Values; errors: Errors; notice?: string | undefined }): JSX.Element {
  const { ctx, edition, values, errors } = p;
  const title = ctx.t('padmin.inv.title', { year: edition.year });
  const common = { ctx, values, errors };
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={errors} />
      <Notice text={p.notice} />
      <p safe>{ctx.t('padmin.inv.intro')}</p>
      <section class="panel" aria-labelledby="new-title">
        <h2 id="new-title" safe>
          {ctx.t('padmin.inv.new')}
        </h2>
        <form method="post" action={base(edition)} class="form" novalidate>
          <Csrf token={p.csrf} />
          <p class="hint" safe>
            {ctx.t('ae.event.required')}
          </p>
          <Select {...common} name="role" label={`${ctx.t('padmin.inv.role')} *`} options={roleOptions(ctx)} />
          <TextInput
            {...common}
            name="label"
            label={`${ctx.t('padmin.inv.label')} *`}
            hint={ctx.t('padmin.inv.label-hint')}
            maxlength={LIMITS.label}
            required
          />
          <TextInput {...common} name="email" type="email" label={ctx.t('padmin.inv.email')} hint={ctx.t('padmin.inv.email-hint')} maxlength={254} />
          <TextInput {...common} name="days" type="number" inputmode="numeric" label={ctx.t('padmin.inv.days')} hint={ctx.t('padmin.inv.days-hint')} />
          <Select {...common} name="locale" label={ctx.t('padmin.inv.locale')} options={locales.map((l) => ({ value: l, label: ctx.t(`lang.${l}`) }))} />
          <Checkbox {...common} name="require_code" label={ctx.t('padmin.inv.require-code')} hint={ctx.t('padmin.inv.require-code-hint')} />
          <p>
            <button type="submit" safe>
              {ctx.t('padmin.inv.submit')}
            </button>
          </p>
        </form>
      </section>
      <h2 safe>{ctx.t('padmin.inv.list')}</h2>
      <InvitationTable ctx={ctx} edition={edition} invitations={p.invitations} />
    </AdminLayout>
  );
}

/**
 * The link and the code, shown this once: neither is stored (only hashes), neither is shown
 * again. A mailed invitation with a code comes here for the code only (the link went by mail).
 */
export function InvitationLinkPage(p: PageBase & { link: string | null; code: string | null; label: string; expiresAt: string }): JSX.Element {
  const { ctx, edition } = p;
  const title = ctx.t(p.code ? 'padmin.inv.code.title' : 'padmin.inv.link.title');
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <div class="banner banner-alert" role="alert">
        {p.link ? (
          <p>
            <strong safe>{ctx.t('padmin.inv.link.warning')}</strong>
          </p>
        ) : (
          ''
        )}
        {p.code ? (
          <p>
            <strong safe>{ctx.t('padmin.inv.code.warning')}</strong>
          </p>
        ) : (
          ''
        )}
      </div>
      {p.link ? (
        <>
          <p>
            <label for="invitation-link" safe>
              {ctx.t('padmin.inv.link.label', { label: p.label })}
            </label>
          </p>
          <p>
            <output id="invitation-link" class="secret" safe>
              {p.link}
            </output>
          </p>
        </>
      ) : (
        <p safe>{ctx.t('padmin.inv.code.mailed')}</p>
      )}
      {p.code ? (
        <>
          <p>
            <label for="invitation-code" safe>
              {ctx.t('padmin.inv.code.label', { label: p.label })}
            </label>
          </p>
          <p>
            <output id="invitation-code" class="secret" safe>
              {p.code}
            </output>
          </p>
        </>
      ) : (
        ''
      )}
      <p safe>{ctx.t('padmin.inv.link.expires', { date: formatDateTime(p.expiresAt, ctx.locale, edition.timeZone) })}</p>
      <p>
        <a href={base(edition)} safe>
          {ctx.t('padmin.inv.link.back')}
        </a>
      </p>
    </AdminLayout>
  );
}

export function RevokePage(p: PageBase & { invitation: InvitationSummary; errors: Errors }): JSX.Element {
  const { ctx, edition, invitation: i } = p;
  const title = ctx.t('padmin.inv.revoke.title');
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <p safe>{ctx.t('padmin.inv.revoke.what', { label: i.label, role: roleLabel(ctx, i.role) })}</p>
      <form method="post" action={`${base(edition)}/${i.id}/revoke`} class="actions" id="form">
        <Csrf token={p.csrf} />
        <button type="submit" safe>
          {ctx.t('padmin.inv.revoke.confirm')}
        </button>
        <a href={base(edition)} safe>
          {ctx.t('padmin.inv.revoke.cancel')}
        </a>
      </form>
    </AdminLayout>
  );
}
