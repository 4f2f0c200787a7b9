import type { FastifyInstance } from 'fastify';
import type { DashboardFigures } from '../../core/events/admin-events.schema.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import type { ViewContext } from '../views/context.js';
import { formatDateTime } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { statusLabel } from './events.views.js';
import type { AdminDeps } from './index.js';
import { AdminLayout, adminContext } from './layout.js';

/** The counts of drafts, upcoming and cancelled events, each a link to that list. */
function EventCounts({ ctx, figures }: { ctx: ViewContext; figures: DashboardFigures }): JSX.Element {
  const counts: [status: string, label: MessageKey, count: number][] = [
    ['draft', 'ae.dash.drafts', figures.drafts],
    ['published', 'ae.dash.upcoming', figures.upcoming],
    ['cancelled', 'ae.dash.cancelled', figures.cancelled],
  ];
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title" safe>
        {ctx.t('ae.dash.figures')}
      </h2>
      <dl class="figures">
        {counts.map(([status, label, count]) => (
          <div>
            <dt>
              <a href={`/admin/events?status=${status}`} safe>
                {ctx.t(label)}
              </a>
            </dt>
            <dd safe>{String(count)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The next events, and the way to a new one for those who may make it. */
function NextEvents({ ctx, figures, canEdit }: { ctx: ViewContext; figures: DashboardFigures; canEdit: boolean }): JSX.Element {
  return (
    <section aria-labelledby="next-title">
      <h2 id="next-title" safe>
        {ctx.t('ae.dash.next')}
      </h2>
      {figures.next.length ? (
        <ul class="plain-list">
          {figures.next.map((e) => (
            <li>
              <a href={canEdit ? `/admin/events/${e.id}` : `/admin/events/${e.id}/preview`} lang="en" safe>
                {e.title}
              </a>
              <span class="muted" safe>{` – ${formatDateTime(e.startsAt, ctx.locale, e.timeZone)} – ${statusLabel(ctx, e)}`}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" safe>
          {ctx.t('ae.dash.none')}
        </p>
      )}
      {canEdit ? (
        <p>
          <a class="button" href="/admin/events/new" safe>
            {ctx.t('ae.events.new')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function Figures({ ctx, figures, canEdit }: { ctx: ViewContext; figures: DashboardFigures; canEdit: boolean }): JSX.Element {
  return (
    <>
      <EventCounts ctx={ctx} figures={figures} />
      <NextEvents ctx={ctx} figures={figures} canEdit={canEdit} />
    </>
  );
}

/** For reviewers, who do not read the closed part: the way to each edition's open calls. */
function ReviewLinks({ ctx, editions }: { ctx: ViewContext; editions: { year: number; theme: string }[] }): JSX.Element {
  return (
    <section aria-labelledby="calls-title">
      <h2 id="calls-title" safe>
        {ctx.t('admin.dash.calls')}
      </h2>
      <p class="hint" safe>
        {ctx.t('admin.dash.calls-hint')}
      </p>
      <ul>
        {editions.map((e) => (
          <li>
            <a href={`/admin/conference/${e.year}/calls`} safe>
              {ctx.t('admin.dash.calls-of', { theme: e.theme || String(e.year), year: e.year })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function registerDashboard(app: FastifyInstance, { config, services }: AdminDeps): void {
  app.get('/admin', { config: { permission: 'admin.access' } }, async (request, reply) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    // Staff who may not read drafts (award secretariat, board) see no event figures.
    const figures = roleAllows(principal.role, 'event.read-drafts') ? await services.adminEvents.dashboard(principal) : undefined;
    // Reviewers reach the calls from here; those who read the closed part, from the conference pages.
    const reviewOnly = roleAllows(principal.role, 'participant.review') && !roleAllows(principal.role, 'conference.read-closed');
    const reviewEditions = reviewOnly ? await services.adminConference.reviewEditions(principal) : [];
    const html = await AdminLayout({
      ctx,
      title: ctx.t('admin.nav.dashboard'),
      principal,
      csrf: reply.generateCsrf(),
      children: (
        <>
          <h1 safe>{ctx.t('admin.nav.dashboard')}</h1>
          {figures ? <Figures ctx={ctx} figures={figures} canEdit={roleAllows(principal.role, 'event.edit')} /> : ''}
          {reviewEditions.length ? <ReviewLinks ctx={ctx} editions={reviewEditions} /> : ''}
        </>
      ),
    });
    return sendHtml(reply, html);
  });
}
