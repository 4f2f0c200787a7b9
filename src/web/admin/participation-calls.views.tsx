import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEdition } from '../../core/conference/admin-conference.schema.js';
import { callStatuses, type ApplicationView, type CallInput, type CallSummary } from '../../core/participation/participation.schema.js';
import { countryName, formatDate, formatDateTime } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';
import { orDash, Th } from './conference-panels.views.js';
import { Csrf, LanguageFieldset, Notice, Select, TextArea, TextInput, valueOf, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary, FieldError } from './layout.js';
import { ParticipationNav, ScrollTable, participationBase, roleLabel, roleOptions } from './participation-shared.js';

/** Open calls of an edition: the list, the form of a call, and a call's applications with reviews and decisions. */

const callsUrl = (e: Pick<AdminEdition, 'year'>) => `${participationBase(e.year)}/calls`;

interface PageBase {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
}

/** The call's stored values as form values; the deadline as the day it ends (UTC). */
export function callValues(c: CallInput): Values {
  const v: Values = { role: c.role, status: c.status, deadline: c.deadline.slice(0, 10) };
  for (const l of ['en', 'sv'] as const) {
    v[`title_${l}`] = c.texts[l]?.title ?? '';
    v[`body_${l}`] = c.texts[l]?.body ?? '';
  }
  return v;
}

export const callFieldNames = ['role', 'status', 'deadline', 'title_en', 'body_en', 'title_sv', 'body_sv'];

const day = (ctx: ViewContext, iso: string) => formatDate(iso, ctx.locale, 'UTC');

function callStatusText(ctx: ViewContext, c: CallSummary): string {
  if (c.status === 'open' && !c.accepting) return ctx.t('padmin.calls.status.past-deadline');
  return ctx.t(`padmin.calls.status.${c.status}`);
}

export function CallsPage(p: PageBase & { calls: CallSummary[]; canEdit: boolean; notice?: string | undefined }): JSX.Element {
  const { ctx, edition } = p;
  const title = ctx.t('padmin.calls.title', { year: edition.year });
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <Notice text={p.notice} />
      <p safe>{ctx.t('padmin.calls.intro')}</p>
      {p.canEdit ? (
        <p class="actions">
          <a class="button" href={`${callsUrl(edition)}/new`} safe>
            {ctx.t('padmin.calls.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      {p.calls.length ? (
        <ScrollTable id="calls-caption" caption={ctx.t('padmin.calls.caption')}>
          <thead>
            <tr>
              <Th ctx={ctx} k="padmin.calls.col.title" />
              <Th ctx={ctx} k="padmin.calls.col.role" />
              <Th ctx={ctx} k="padmin.calls.col.status" />
              <Th ctx={ctx} k="padmin.calls.col.deadline" />
              <Th ctx={ctx} k="padmin.calls.col.applications" />
              {p.canEdit ? <Th ctx={ctx} k="padmin.calls.col.actions" /> : ''}
            </tr>
          </thead>
          <tbody>
            {p.calls.map((c) => {
              const n = c.applications ?? 0;
              return (
                <tr>
                  <th scope="row" lang={c.lang} safe>
                    {c.title}
                  </th>
                  <td safe>{roleLabel(ctx, c.role)}</td>
                  <td safe>{callStatusText(ctx, c)}</td>
                  <td safe>{day(ctx, c.deadline)}</td>
                  <td>
                    <a
                      href={`${callsUrl(edition)}/${c.id}/applications`}
                      aria-label={attr(ctx.t('padmin.calls.applications-label', { title: c.title, n }))}
                      safe
                    >
                      {ctx.t('padmin.calls.applications', { n })}
                    </a>
                  </td>
                  {p.canEdit ? (
                    <td>
                      <a href={`${callsUrl(edition)}/${c.id}`} aria-label={attr(ctx.t('padmin.calls.edit-label', { title: c.title }))} safe>
                        {ctx.t('padmin.calls.edit')}
                      </a>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      ) : (
        <p class="empty" safe>
          {ctx.t('padmin.calls.empty')}
        </p>
      )}
    </AdminLayout>
  );
}

function CallLanguage({ ctx, locale, values, errors }: { ctx: ViewContext; locale: 'en' | 'sv'; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors, lang: locale };
  return (
    <LanguageFieldset ctx={ctx} locale={locale} hint={ctx.t('padmin.call.swedish-hint')}>
      <TextInput
        {...common}
        name={`title_${locale}`}
        label={ctx.t('padmin.call.title') + (locale === 'en' ? ' *' : '')}
        maxlength={200}
        required={locale === 'en'}
      />
      <TextArea {...common} name={`body_${locale}`} label={ctx.t('padmin.call.body')} hint={ctx.t('padmin.call.body-hint')} rows={10} maxlength={5000} />
    </LanguageFieldset>
  );
}

export function CallFormPage(
  p: PageBase & { callId: number | undefined; callTitle: string | undefined; values: Values; errors: Errors; notice?: string | undefined },
): JSX.Element {
  const { ctx, edition, values, errors } = p;
  const title = p.callId === undefined ? ctx.t('padmin.call.new-title', { year: edition.year }) : ctx.t('padmin.call.edit-title', { title: p.callTitle ?? '' });
  const common = { ctx, values, errors };
  const action = p.callId === undefined ? `${callsUrl(edition)}/new` : `${callsUrl(edition)}/${p.callId}`;
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={errors} />
      <Notice text={p.notice} />
      <form method="post" action={action} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <fieldset>
          <legend safe>{ctx.t('padmin.call.basics')}</legend>
          <Select {...common} name="role" label={`${ctx.t('padmin.call.role')} *`} options={roleOptions(ctx)} />
          <Select
            {...common}
            name="status"
            label={`${ctx.t('padmin.call.status')} *`}
            hint={ctx.t('padmin.call.status-hint')}
            options={callStatuses.map((s) => ({ value: s, label: ctx.t(`padmin.calls.status.${s}`) }))}
          />
          <TextInput {...common} name="deadline" type="date" label={`${ctx.t('padmin.call.deadline')} *`} hint={ctx.t('padmin.call.deadline-hint')} required />
        </fieldset>
        <div class="lang-columns">
          <CallLanguage ctx={ctx} locale="en" values={values} errors={errors} />
          <CallLanguage ctx={ctx} locale="sv" values={values} errors={errors} />
        </div>
        <p>
          <button type="submit" safe>
            {ctx.t(p.callId === undefined ? 'padmin.call.create' : 'padmin.call.save')}
          </button>
        </p>
      </form>
      <p>
        <a href={callsUrl(edition)} safe>
          {ctx.t('padmin.call.back')}
        </a>
      </p>
    </AdminLayout>
  );
}

// ---- applications

/** Errors of one application's forms: their field names carry the application's id, so each form's fields are its own. */
export interface ApplicationErrors {
  applicationId: number;
  errors: Errors;
  values: Values;
}

const scoreFormat = (ctx: ViewContext, n: number) => n.toLocaleString(ctx.locale === 'sv' ? 'sv-SE' : 'en-GB');

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);

function Answers({ ctx, a, zone }: { ctx: ViewContext; a: ApplicationView; zone: string }): JSX.Element {
  const x = a.answers;
  return (
    <dl>
      <dt safe>{ctx.t('padmin.apps.name')}</dt>
      <dd safe>{x.name}</dd>
      <dt safe>{ctx.t('padmin.apps.email')}</dt>
      <dd safe>{x.email}</dd>
      <dt safe>{ctx.t('padmin.apps.country')}</dt>
      <dd safe>{x.country ? countryName(x.country, ctx.locale) : orDash(null)}</dd>
      <dt safe>{ctx.t('padmin.apps.organisation')}</dt>
      <dd safe>{orDash(x.organisation)}</dd>
      <dt safe>{ctx.t('padmin.apps.received')}</dt>
      <dd safe>{formatDateTime(a.createdAt, ctx.locale, zone)}</dd>
      <dt safe>{ctx.t('padmin.apps.status')}</dt>
      <dd safe>{ctx.t(`padmin.apps.status.${a.status}` as MessageKey)}</dd>
      {a.decidedAt ? (
        <>
          <dt safe>{ctx.t('padmin.apps.decided')}</dt>
          <dd safe>{formatDateTime(a.decidedAt, ctx.locale, zone)}</dd>
        </>
      ) : (
        ''
      )}
      <dt safe>{ctx.t('padmin.apps.motivation')}</dt>
      <dd>
        {paragraphs(x.motivation).map((para) => (
          <p safe>{para}</p>
        ))}
      </dd>
    </dl>
  );
}

function Reviews({ ctx, a, headingId }: { ctx: ViewContext; a: ApplicationView; headingId: string }): JSX.Element {
  return (
    <>
      <h3 id={headingId} safe>
        {ctx.t('padmin.apps.reviews')}
      </h3>
      {a.reviews.length ? (
        <>
          <p safe>{ctx.t('padmin.apps.mean', { score: scoreFormat(ctx, a.meanScore ?? 0), n: a.reviews.length })}</p>
          <ul class="plain-list">
            {a.reviews.map((r) => (
              <li>
                <strong safe>{ctx.t('padmin.apps.review-line', { name: r.reviewerName, score: r.score })}</strong>
                {r.comment ? (
                  <>
                    <br />
                    <span safe>{r.comment}</span>
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="empty" safe>
          {ctx.t('padmin.apps.no-reviews')}
        </p>
      )}
    </>
  );
}

function ReviewForm(p: { ctx: ViewContext; csrf: string; action: string; a: ApplicationView; values: Values; errors: Errors }): JSX.Element {
  const { ctx, a, values, errors } = p;
  const scoreId = `score-${a.id}`;
  const commentId = `comment-${a.id}`;
  const chosen = valueOf(values, 'score');
  const scoreError = errors[scoreId];
  const commentError = errors[commentId];
  return (
    <form method="post" action={p.action} class="form" novalidate>
      <Csrf token={p.csrf} />
      <fieldset>
        <legend safe>{ctx.t('padmin.apps.review.legend')}</legend>
        <fieldset class="checks" id={scoreId} aria-describedby={[`${scoreId}-hint`, scoreError ? `${scoreId}-error` : ''].filter(Boolean).join(' ')}>
          <legend safe>{ctx.t('padmin.apps.review.score')}</legend>
          <p class="hint" id={`${scoreId}-hint`} safe>
            {ctx.t('padmin.apps.review.score-hint')}
          </p>
          {[1, 2, 3, 4, 5].map((n) => (
            <div class="field-check">
              <input id={`${scoreId}-${n}`} name="score" type="radio" value={String(n)} checked={chosen === String(n)} />
              <label for={`${scoreId}-${n}`} safe>
                {String(n)}
              </label>
            </div>
          ))}
          <FieldError ctx={ctx} id={scoreId} error={scoreError} />
        </fieldset>
        <div class="field">
          <label for={commentId} safe>
            {ctx.t('padmin.apps.review.comment')}
          </label>
          <textarea
            id={commentId}
            name="comment"
            rows="3"
            maxlength="2000"
            aria-invalid={commentError ? 'true' : undefined}
            aria-describedby={commentError ? `${commentId}-error` : undefined}
            safe
          >
            {valueOf(values, 'comment')}
          </textarea>
          <FieldError ctx={ctx} id={commentId} error={commentError} />
        </div>
        <p>
          <button type="submit" safe>
            {ctx.t('padmin.apps.review.submit')}
          </button>
        </p>
      </fieldset>
    </form>
  );
}

function DecisionForm(p: { ctx: ViewContext; csrf: string; action: string; a: ApplicationView; errors: Errors }): JSX.Element {
  const { ctx, a } = p;
  const id = `decision-${a.id}`;
  const error = p.errors[`form-${a.id}`] ?? p.errors[id];
  return (
    <form method="post" action={p.action} id={`form-${a.id}`}>
      <Csrf token={p.csrf} />
      <fieldset id={id} aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}>
        <legend safe>{ctx.t('padmin.apps.decide.legend')}</legend>
        <p class="hint" id={`${id}-hint`} safe>
          {ctx.t('padmin.apps.decide.hint')}
        </p>
        <p class="actions">
          <button type="submit" name="decision" value="accept" safe>
            {ctx.t('padmin.apps.decide.accept')}
          </button>
          {a.status === 'submitted' ? (
            <button type="submit" name="decision" value="waitlist" class="secondary" safe>
              {ctx.t('padmin.apps.decide.waitlist')}
            </button>
          ) : (
            ''
          )}
          <button type="submit" name="decision" value="decline" class="secondary" safe>
            {ctx.t('padmin.apps.decide.decline')}
          </button>
        </p>
        <FieldError ctx={ctx} id={id} error={error} />
      </fieldset>
    </form>
  );
}

export function ApplicationsPage(
  p: PageBase & {
    call: CallSummary;
    applications: ApplicationView[];
    canDecide: boolean;
    failed?: ApplicationErrors | undefined;
    notice?: string | undefined;
  },
): JSX.Element {
  const { ctx, edition, call } = p;
  const title = ctx.t('padmin.apps.title', { title: call.title });
  const base = `${callsUrl(edition)}/${call.id}/applications`;
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.failed?.errors ?? {}} />
      <Notice text={p.notice} />
      <p class="hint" safe>
        {ctx.t('padmin.apps.private')}
      </p>
      <p safe>{ctx.t('padmin.apps.summary', { n: p.applications.length, status: callStatusText(ctx, call), deadline: day(ctx, call.deadline) })}</p>
      <p>
        <a href={callsUrl(edition)} safe>
          {ctx.t('padmin.call.back')}
        </a>
      </p>
      {p.applications.length ? (
        p.applications.map((a) => {
          const mine = a.reviews.find((r) => r.reviewerId === p.principal.userId);
          const failed = p.failed?.applicationId === a.id ? p.failed : undefined;
          const values: Values = failed ? failed.values : mine ? { score: String(mine.score), comment: mine.comment } : {};
          const undecided = a.status === 'submitted' || a.status === 'waitlisted';
          return (
            <section class="panel" id={`application-${a.id}`} aria-labelledby={`application-${a.id}-title`}>
              <h2 id={`application-${a.id}-title`} safe>
                {ctx.t('padmin.apps.heading', { name: a.answers.name })}
              </h2>
              <Answers ctx={ctx} a={a} zone={edition.timeZone} />
              <Reviews ctx={ctx} a={a} headingId={`application-${a.id}-reviews`} />
              <ReviewForm ctx={ctx} csrf={p.csrf} action={`${base}/${a.id}/review`} a={a} values={values} errors={failed?.errors ?? {}} />
              {p.canDecide && undecided ? (
                <DecisionForm ctx={ctx} csrf={p.csrf} action={`${base}/${a.id}/decide`} a={a} errors={failed?.errors ?? {}} />
              ) : failed?.errors[`form-${a.id}`] ? (
                <p class="field-error" id={`form-${a.id}`} safe>
                  {ctx.t(failed.errors[`form-${a.id}`] as MessageKey)}
                </p>
              ) : (
                ''
              )}
            </section>
          );
        })
      ) : (
        <p class="empty" safe>
          {ctx.t('padmin.apps.empty')}
        </p>
      )}
    </AdminLayout>
  );
}
