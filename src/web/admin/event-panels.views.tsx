import { LIMITS, type AdminEvent } from '../../core/events/admin-events.schema.js';
import type { RegistrantCounts } from '../../core/registrations/registrations.schema.js';
import type { ViewContext } from '../views/context.js';
import { formatBytes, formatDateTime } from '../../i18n/format.js';
import { ActionForm, Csrf, FileInput, TextArea, TextInput, type Errors, type Values } from './form-fields.js';
import { FieldError } from './layout.js';
import { attr } from '../views/attr.js';

/** The parts of an event's edit page that have their own forms: status, image, documents, notices. */

export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif,image/tiff';

function Status({ ctx, event, csrf, errors }: { ctx: ViewContext; event: AdminEvent; csrf: string; errors: Errors }): JSX.Element {
  const base = `/admin/events/${event.id}`;
  const isPublic = event.status !== 'draft' && !event.hidden;
  return (
    <section class="panel" aria-labelledby="status-title">
      <h2 id="status-title" safe>
        {ctx.t('ae.state.title')}
      </h2>
      <p>
        <strong safe>{ctx.t('ae.state.now', { status: ctx.t(`ae.status.${event.status}`) + (event.hidden ? ` (${ctx.t('ae.status.hidden')})` : '') })}</strong>{' '}
        <span safe>{ctx.t(isPublic ? 'ae.state.public-yes' : 'ae.state.public-no')}</span>
      </p>
      <FieldError ctx={ctx} id="publish" error={errors.publish} />
      <div class="actions" id="publish">
        <a href={`${base}/preview`} safe>
          {ctx.t('ae.preview')}
        </a>
        {isPublic ? (
          <a href={`/events/${event.slug}`} safe>
            {ctx.t('ae.view-public')}
          </a>
        ) : (
          ''
        )}
        {event.status !== 'published' ? <ActionForm action={`${base}/publish`} csrf={csrf} label={ctx.t('ae.state.publish')} /> : ''}
        {event.status === 'published' ? <ActionForm action={`${base}/cancel`} csrf={csrf} label={ctx.t('ae.state.cancel')} cls="secondary" /> : ''}
        {event.status !== 'draft' ? <ActionForm action={`${base}/unpublish`} csrf={csrf} label={ctx.t('ae.state.unpublish')} cls="secondary" /> : ''}
        <ActionForm
          action={`${base}/${event.hidden ? 'unhide' : 'hide'}`}
          csrf={csrf}
          label={ctx.t(event.hidden ? 'ae.state.unhide' : 'ae.state.hide')}
          cls="secondary"
        />
      </div>
      {event.status === 'published' ? (
        <p class="hint" safe>
          {ctx.t('ae.state.cancel-hint')}
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function Image({ ctx, event, csrf, values, errors }: { ctx: ViewContext; event: AdminEvent; csrf: string; values: Values; errors: Errors }): JSX.Element {
  const img = event.image;
  const common = { ctx, values, errors };
  return (
    <section class="panel" aria-labelledby="image-title">
      <h2 id="image-title" safe>
        {ctx.t('ae.image.title')}
      </h2>
      {img ? (
        <figure class="thumb">
          <img src={`/admin/media/${img.key}/${Math.min(...img.variants)}.webp`} alt={attr(img.alt.en)} lang="en" width="400" loading="lazy" />
          <figcaption safe>{img.credit}</figcaption>
        </figure>
      ) : (
        <p class="muted" safe>
          {ctx.t('ae.image.none')}
        </p>
      )}
      <form method="post" action={`/admin/events/${event.id}/image`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf token={csrf} />
        <FileInput
          ctx={ctx}
          errors={errors}
          name="file"
          label={ctx.t('ae.image.file')}
          hint={ctx.t('ae.image.file-hint')}
          accept={IMAGE_ACCEPT}
          required={!img}
        />
        <TextInput {...common} name="alt_en" lang="en" label={ctx.t('ae.image.alt-en')} hint={ctx.t('ae.image.alt-hint')} maxlength={LIMITS.alt} required />
        <TextInput
          {...common}
          name="alt_sv"
          lang="sv"
          label={ctx.t('ae.image.alt-sv') + (event.texts.sv ? ' *' : '')}
          maxlength={LIMITS.alt}
          required={Boolean(event.texts.sv)}
        />
        <TextInput {...common} name="credit" label={ctx.t('ae.image.credit')} maxlength={LIMITS.credit} required />
        <p>
          <button type="submit" safe>
            {ctx.t('ae.image.save')}
          </button>
        </p>
      </form>
      {img ? <ActionForm action={`/admin/events/${event.id}/image/remove`} csrf={csrf} label={ctx.t('ae.image.remove')} cls="secondary" /> : ''}
    </section>
  );
}

function Documents({ ctx, event, csrf, values, errors }: { ctx: ViewContext; event: AdminEvent; csrf: string; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <section class="panel" aria-labelledby="docs-title">
      <h2 id="docs-title" safe>
        {ctx.t('ae.docs.title')}
      </h2>
      {event.documents.length ? (
        <ul class="plain-list">
          {event.documents.map((d) => (
            <li>
              <a href={`/admin/media/${d.key}/file`} lang="en" safe>
                {d.titles.en}
              </a>
              {d.titles.sv ? <span lang="sv" safe>{` / ${d.titles.sv}`}</span> : ''}
              <span class="muted" safe>{` (PDF, ${formatBytes(d.bytes, ctx.locale)})`}</span>{' '}
              <ActionForm
                action={`/admin/events/${event.id}/documents/${d.id}/remove`}
                csrf={csrf}
                label={ctx.t('ae.docs.remove')}
                ariaLabel={ctx.t('ae.docs.remove-label', { title: d.titles.en })}
                cls="link-button"
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" safe>
          {ctx.t('ae.docs.none')}
        </p>
      )}
      <form method="post" action={`/admin/events/${event.id}/documents`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf token={csrf} />
        <FileInput
          ctx={ctx}
          errors={errors}
          name="document"
          label={ctx.t('ae.docs.file')}
          hint={ctx.t('ae.docs.file-hint')}
          accept="application/pdf"
          required
        />
        <TextInput {...common} name="doc_title_en" lang="en" label={ctx.t('ae.docs.title-en')} maxlength={LIMITS.docTitle} required />
        <TextInput {...common} name="doc_title_sv" lang="sv" label={ctx.t('ae.docs.title-sv')} maxlength={LIMITS.docTitle} />
        <p>
          <button type="submit" safe>
            {ctx.t('ae.docs.add')}
          </button>
        </p>
      </form>
    </section>
  );
}

function Notices({ ctx, event, csrf, values, errors }: { ctx: ViewContext; event: AdminEvent; csrf: string; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <section class="panel" aria-labelledby="notices-title">
      <h2 id="notices-title" safe>
        {ctx.t('ae.notices.title')}
      </h2>
      <p class="hint" safe>
        {ctx.t('ae.notices.intro')}
      </p>
      {event.notices.length ? (
        <ul class="plain-list">
          {event.notices.map((n) => (
            <li>
              <span class="muted" safe>
                {ctx.t('ae.notices.posted', { date: formatDateTime(n.createdAt, ctx.locale, event.timeZone) })}
              </span>
              <br />
              <span lang="en" safe>
                {n.texts.en}
              </span>
              {n.texts.sv ? (
                <>
                  <br />
                  <span lang="sv" safe>
                    {n.texts.sv}
                  </span>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" safe>
          {ctx.t('ae.notices.none')}
        </p>
      )}
      <form method="post" action={`/admin/events/${event.id}/notices`} class="form" novalidate>
        <Csrf token={csrf} />
        <div class="lang-columns">
          <TextArea {...common} name="notice_en" lang="en" label={ctx.t('ae.notices.en')} rows={3} maxlength={LIMITS.notice} required />
          <TextArea {...common} name="notice_sv" lang="sv" label={ctx.t('ae.notices.sv')} rows={3} maxlength={LIMITS.notice} />
        </div>
        <p>
          <button type="submit" safe>
            {ctx.t('ae.notices.add')}
          </button>
        </p>
      </form>
    </section>
  );
}

/** What the edit page shows about registration: counts only (no personal data), and links. */
export interface RegistrationSummary {
  counts: RegistrantCounts;
  /** whether the viewer may open the registrants (registrations.read) */
  canReadRegistrants: boolean;
}

function Registration({ ctx, event, summary }: { ctx: ViewContext; event: AdminEvent; summary: RegistrationSummary }): JSX.Element {
  const base = `/admin/events/${event.id}`;
  const { confirmed, waitlisted } = summary.counts;
  return (
    <section class="panel" aria-labelledby="registration-title">
      <h2 id="registration-title" safe>
        {ctx.t('rega.panel.title')}
      </h2>
      <div class="actions">
        <a href={`${base}/registration`} safe>
          {ctx.t('rega.panel.settings')}
        </a>
        {summary.canReadRegistrants ? (
          <a href={`${base}/registrants`} safe>
            {ctx.t('rega.panel.registrants', { confirmed, waitlisted })}
          </a>
        ) : (
          <span safe>{ctx.t('rega.panel.counts', { confirmed, waitlisted })}</span>
        )}
      </div>
    </section>
  );
}

export const EventPanels = { Status, Registration, Image, Documents, Notices };
