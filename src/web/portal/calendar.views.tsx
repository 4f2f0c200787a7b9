import { Notice } from '../admin/form-fields.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';
import { PortalLayout } from './layout.js';

/** The personal calendar feed: its secret address, a new one, and stopping it (after a confirmation step). */

function ButtonForm({
  ctx,
  action,
  csrf,
  label,
  cls,
  confirm,
}: {
  ctx: ViewContext;
  action: string;
  csrf: string;
  label: string;
  cls?: string;
  confirm?: boolean;
}): JSX.Element {
  return (
    <form method="post" action={ctx.href(action)} class="inline-form">
      <input type="hidden" name="_csrf" value={csrf} />
      {confirm ? <input type="hidden" name="confirm" value="1" /> : ''}
      <button type="submit" class={cls} safe>
        {label}
      </button>
    </form>
  );
}

export function CalendarPage({ ctx, csrf, url, done }: { ctx: ViewContext; csrf: string; url: string | null; done: string }): JSX.Element {
  const title = ctx.t('portal.cal.title');
  const notice = done === 'new' ? ctx.t('portal.cal.done-new') : done === 'revoked' ? ctx.t('portal.cal.done-revoked') : undefined;
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'calendar', 'data-feed': url ? 'on' : 'off' }}>
      <h1 safe>{title}</h1>
      <Notice text={notice} />
      <p safe>{ctx.t('portal.cal.intro')}</p>
      <p class="banner banner-notice" safe>
        {ctx.t('portal.cal.secret')}
      </p>
      {url ? (
        <>
          <div class="field">
            <label for="feed-url" safe>
              {ctx.t('portal.cal.url')}
            </label>
            <p class="hint" id="feed-url-hint" safe>
              {ctx.t('portal.cal.url-hint')}
            </p>
            <input id="feed-url" type="url" readonly value={attr(url)} aria-describedby="feed-url-hint" autocomplete="off" />
          </div>
          <p>
            <a href={attr(url)} class="feed-link" safe>
              {ctx.t('portal.cal.open')}
            </a>
          </p>
          <section aria-labelledby="renew-title">
            <h2 id="renew-title" safe>
              {ctx.t('portal.cal.renew-title')}
            </h2>
            <p safe>{ctx.t('portal.cal.renew-text')}</p>
            <ButtonForm ctx={ctx} action="/portal/calendar/new" csrf={csrf} label={ctx.t('portal.cal.renew')} />
          </section>
          <section aria-labelledby="revoke-title">
            <h2 id="revoke-title" safe>
              {ctx.t('portal.cal.revoke-title')}
            </h2>
            <p safe>{ctx.t('portal.cal.revoke-text')}</p>
            <ButtonForm ctx={ctx} action="/portal/calendar/revoke" csrf={csrf} label={ctx.t('portal.cal.revoke')} cls="secondary" />
          </section>
        </>
      ) : (
        <>
          <p class="empty" safe>
            {ctx.t('portal.cal.none')}
          </p>
          <ButtonForm ctx={ctx} action="/portal/calendar/new" csrf={csrf} label={ctx.t('portal.cal.make')} />
        </>
      )}
    </PortalLayout>
  );
}

/** The confirmation step before the feed is stopped: the answer to the first press of the button. */
export function RevokeConfirmPage({ ctx, csrf }: { ctx: ViewContext; csrf: string }): JSX.Element {
  const title = ctx.t('portal.cal.confirm-title');
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'calendar-confirm' }}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('portal.cal.confirm-text')}</p>
      <div class="actions">
        <ButtonForm ctx={ctx} action="/portal/calendar/revoke" csrf={csrf} label={ctx.t('portal.cal.confirm')} confirm />
        <a href={ctx.href('/portal/calendar')} safe>
          {ctx.t('portal.cal.cancel')}
        </a>
      </div>
    </PortalLayout>
  );
}
