import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEvent } from '../../core/events/admin-events.schema.js';
import { LIMITS, type Question, type Registrant, type RegistrantCounts, type RegistrationSettings } from '../../core/registrations/registrations.schema.js';
import { utcToZonedInput } from '../../core/shared/zoned-time.js';
import { formatDateTime, formatRange } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';
import { ActionForm, Checkbox, Csrf, Notice, TextArea, TextInput, valueOf, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';

/**
 * The organisers' side of registration: the settings form, the registrants with their
 * counts, the printable check-in list and the message to everyone registered.
 */

const base = (event: Pick<AdminEvent, 'id'>) => `/admin/events/${event.id}`;

/** The names of the settings form's fields, as parseSettingsForm reads them. */
export const questionFields = (n: number) => ({
  labelEn: `q${n}_label_en`,
  purposeEn: `q${n}_purpose_en`,
  labelSv: `q${n}_label_sv`,
  purposeSv: `q${n}_purpose_sv`,
  retention: `q${n}_retention`,
  required: `q${n}_required`,
  id: `q${n}_id`,
});

export const settingsFieldNames: string[] = [
  'enabled',
  'capacity',
  'waitlist',
  'deadline',
  'alias_allowed',
  ...Array.from({ length: LIMITS.questions }, (_, n) => Object.values(questionFields(n))).flat(),
];

/** The stored settings as form values; the deadline in the event's own time zone. */
export function settingsValues(s: RegistrationSettings, timeZone: string): Values {
  const v: Values = {
    enabled: s.enabled ? '1' : '',
    capacity: s.capacity === null ? '' : String(s.capacity),
    waitlist: s.waitlist ? '1' : '',
    deadline: s.deadline ? utcToZonedInput(new Date(s.deadline), timeZone) : '',
    alias_allowed: s.aliasAllowed ? '1' : '',
  };
  s.questions.slice(0, LIMITS.questions).forEach((q, n) => {
    const f = questionFields(n);
    v[f.labelEn] = q.texts.en.label;
    v[f.purposeEn] = q.texts.en.purpose;
    v[f.labelSv] = q.texts.sv?.label ?? '';
    v[f.purposeSv] = q.texts.sv?.purpose ?? '';
    v[f.retention] = String(q.retentionDays);
    v[f.required] = q.required ? '1' : '';
    v[f.id] = String(q.id);
  });
  return v;
}

/** A question's text in the page's language, English when there is no Swedish. */
const questionText = (ctx: ViewContext, q: Question) => (ctx.locale === 'sv' && q.texts.sv ? q.texts.sv : q.texts.en);
const questionLang = (ctx: ViewContext, q: Question) => (ctx.locale === 'sv' && q.texts.sv ? 'sv' : 'en');

const statusText = (ctx: ViewContext, status: string) => ctx.t(`rega.status.${status}` as MessageKey);

function QuestionRow({ ctx, n, values, errors }: { ctx: ViewContext; n: number; values: Values; errors: Errors }): JSX.Element {
  const f = questionFields(n);
  const common = { ctx, values, errors };
  const id = valueOf(values, f.id);
  return (
    <fieldset id={`question-${n}`}>
      <legend safe>{ctx.t('rega.q.legend', { n: n + 1 })}</legend>
      {id ? <input type="hidden" id={f.id} name={f.id} value={attr(id)} /> : ''}
      <div class="pair">
        <TextInput {...common} name={f.labelEn} label={ctx.t('rega.q.label-en')} lang="en" maxlength={LIMITS.label} />
        <TextInput {...common} name={f.purposeEn} label={ctx.t('rega.q.purpose-en')} hint={ctx.t('rega.q.purpose-hint')} lang="en" maxlength={LIMITS.purpose} />
      </div>
      <div class="pair">
        <TextInput {...common} name={f.labelSv} label={ctx.t('rega.q.label-sv')} lang="sv" maxlength={LIMITS.label} />
        <TextInput {...common} name={f.purposeSv} label={ctx.t('rega.q.purpose-sv')} hint={ctx.t('rega.q.purpose-hint')} lang="sv" maxlength={LIMITS.purpose} />
      </div>
      <div class="pair">
        <TextInput
          {...common}
          name={f.retention}
          type="number"
          inputmode="numeric"
          label={ctx.t('rega.q.retention')}
          hint={ctx.t('rega.q.retention-hint')}
          value={valueOf(values, f.retention) || '0'}
        />
        <Checkbox {...common} name={f.required} label={ctx.t('rega.q.required')} />
      </div>
    </fieldset>
  );
}

export interface SettingsPageProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  event: AdminEvent;
  settings: RegistrationSettings;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
  canReadRegistrants: boolean;
}

/** Registration on or off, seats, waiting list, deadline, alias, and up to five questions with their purpose and retention. */
export function SettingsPage(p: SettingsPageProps): JSX.Element {
  const { ctx, event, settings: s, values, errors } = p;
  const title = ctx.t('rega.settings.title', { title: event.title });
  const common = { ctx, values, errors };
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={errors} />
      <Notice text={p.notice} />
      <p safe>{ctx.t('rega.settings.intro')}</p>
      <p safe>
        {s.capacity === null
          ? ctx.t('rega.settings.taken-unlimited', { taken: s.taken })
          : ctx.t('rega.settings.taken', { taken: s.taken, capacity: s.capacity })}
      </p>
      <p class="actions">
        <a href={base(event)} safe>
          {ctx.t('rega.back-to-event')}
        </a>
        {p.canReadRegistrants ? (
          <a href={`${base(event)}/registrants`} safe>
            {ctx.t('rega.list.heading')}
          </a>
        ) : (
          ''
        )}
      </p>
      <form method="post" action={`${base(event)}/registration`} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <fieldset>
          <legend safe>{ctx.t('rega.settings.basics')}</legend>
          <Checkbox {...common} name="enabled" label={ctx.t('rega.settings.enabled')} hint={ctx.t('rega.settings.enabled-hint')} />
          <TextInput
            {...common}
            name="capacity"
            type="number"
            inputmode="numeric"
            label={ctx.t('rega.settings.capacity')}
            hint={ctx.t('rega.settings.capacity-hint')}
          />
          <Checkbox {...common} name="waitlist" label={ctx.t('rega.settings.waitlist')} />
          <TextInput
            {...common}
            name="deadline"
            type="datetime-local"
            label={ctx.t('rega.settings.deadline')}
            hint={ctx.t('rega.settings.deadline-hint', { zone: event.timeZone })}
          />
          <Checkbox {...common} name="alias_allowed" label={ctx.t('rega.settings.alias')} hint={ctx.t('rega.settings.alias-hint')} />
        </fieldset>
        <fieldset>
          <legend safe>{ctx.t('rega.settings.questions')}</legend>
          <p class="hint" safe>
            {ctx.t('rega.settings.questions-hint')}
          </p>
          {Array.from({ length: LIMITS.questions }, (_, n) => (
            <QuestionRow ctx={ctx} n={n} values={values} errors={errors} />
          ))}
        </fieldset>
        <p>
          <button type="submit" safe>
            {ctx.t('rega.settings.save')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

function Counts({ ctx, counts }: { ctx: ViewContext; counts: RegistrantCounts }): JSX.Element {
  const items: [MessageKey, number][] = [
    ['rega.count.confirmed', counts.confirmed],
    ['rega.count.waitlisted', counts.waitlisted],
    ['rega.count.cancelled', counts.cancelled],
    ['rega.count.anonymised', counts.anonymised],
  ];
  return (
    <dl class="figures" aria-label={ctx.t('rega.count.label')}>
      {items.map(([key, n]) => (
        <div>
          <dt safe>{ctx.t(key)}</dt>
          <dd safe>{String(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function QuestionList({ ctx, questions }: { ctx: ViewContext; questions: Question[] }): JSX.Element {
  if (!questions.length) return '';
  return (
    <>
      <h2 safe>{ctx.t('rega.questions.title')}</h2>
      <ul class="plain-list">
        {questions.map((q) => {
          const text = questionText(ctx, q);
          return (
            <li lang={questionLang(ctx, q)}>
              <strong safe>{text.label}</strong>
              <br />
              <span safe>{ctx.t('rega.questions.purpose', { purpose: text.purpose })}</span>
              <br />
              <span class="hint" lang={ctx.locale} safe>
                {`${q.retentionDays ? ctx.t('rega.questions.kept', { days: q.retentionDays }) : ctx.t('rega.questions.kept-end')} ${ctx.t(
                  q.required ? 'rega.questions.required' : 'rega.questions.optional',
                )}`}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export interface RegistrantsPageProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  event: AdminEvent;
  counts: RegistrantCounts;
  registrants: Registrant[];
  questions: Question[];
  notice?: string | undefined;
  canMessage: boolean;
  canEditSettings: boolean;
}

/** Counts, the tools (check-in list, message, export) and the table of everyone registered. */
export function RegistrantsPage(p: RegistrantsPageProps): JSX.Element {
  const { ctx, event } = p;
  const title = ctx.t('rega.list.title', { title: event.title });
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <Notice text={p.notice} />
      <p class="hint" safe>
        {ctx.t('rega.list.private')}
      </p>
      <Counts ctx={ctx} counts={p.counts} />
      <h2 safe>{ctx.t('rega.list.tools')}</h2>
      <p class="actions">
        <a href={`${base(event)}/registrants/check-in`} safe>
          {ctx.t('rega.checkin.link')}
        </a>
        {p.canMessage ? (
          <a href={`${base(event)}/registrants/message`} safe>
            {ctx.t('rega.message.link')}
          </a>
        ) : (
          ''
        )}
        {p.canEditSettings ? (
          <a href={`${base(event)}/registration`} safe>
            {ctx.t('rega.to-settings')}
          </a>
        ) : (
          ''
        )}
      </p>
      <h2 id="export-title" safe>
        {ctx.t('rega.export.title')}
      </h2>
      <p class="hint" safe>
        {ctx.t('rega.export.hint')}
      </p>
      <ActionForm action={`${base(event)}/registrants.csv`} csrf={p.csrf} label={ctx.t('rega.export.submit')} />
      <h2 safe>{ctx.t('rega.list.heading')}</h2>
      {p.registrants.length ? (
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('rega.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {ctx.t('rega.col.name')}
                </th>
                <th scope="col" safe>
                  {ctx.t('rega.col.status')}
                </th>
                <th scope="col" safe>
                  {ctx.t('rega.col.email')}
                </th>
                <th scope="col" safe>
                  {ctx.t('rega.col.registered')}
                </th>
                {p.questions.map((q) => (
                  <th scope="col" lang={questionLang(ctx, q)} safe>
                    {questionText(ctx, q).label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.registrants.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.name}
                  </th>
                  <td safe>{statusText(ctx, r.status)}</td>
                  <td safe>{r.email}</td>
                  <td safe>{formatDateTime(r.createdAt, ctx.locale, event.timeZone)}</td>
                  {p.questions.map((q) => (
                    <td safe>{r.answers[q.id] ?? ctx.t('rega.answer.none')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('rega.list.empty')}
        </p>
      )}
      <QuestionList ctx={ctx} questions={p.questions} />
      <p>
        <a href={base(event)} safe>
          {ctx.t('rega.back-to-event')}
        </a>
      </p>
    </AdminLayout>
  );
}

/**
 * The list for the door: confirmed registrants only, by name, with an empty box to tick on
 * paper. Names only: the addresses are not needed at the door and a printed page gets lost.
 */
export function CheckInPage(p: { ctx: ViewContext; principal: Principal; csrf: string; event: AdminEvent; registrants: Registrant[] }): JSX.Element {
  const { ctx, event } = p;
  const title = ctx.t('rega.checkin.title', { title: event.title });
  const collator = new Intl.Collator(ctx.locale === 'sv' ? 'sv-SE' : 'en-GB', { sensitivity: 'base', numeric: true });
  const confirmed = p.registrants.filter((r) => r.status === 'confirmed').sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <div class="check-in">
        <h1 safe>{title}</h1>
        <p safe>{`${formatRange(event.startsAt, event.endsAt, ctx.locale, event.timeZone)} · ${ctx.t('rega.checkin.count', { n: confirmed.length })}`}</p>
        <p class="hint no-print" safe>
          {ctx.t('rega.checkin.hint')}
        </p>
        <p class="no-print">
          <a href={`${base(event)}/registrants`} safe>
            {ctx.t('rega.to-registrants')}
          </a>
        </p>
        {confirmed.length ? (
          <table>
            <caption safe>{ctx.t('rega.checkin.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="tick" safe>
                  {ctx.t('rega.col.arrived')}
                </th>
                <th scope="col" class="number" safe>
                  {ctx.t('rega.col.number')}
                </th>
                <th scope="col" safe>
                  {ctx.t('rega.col.name')}
                </th>
              </tr>
            </thead>
            <tbody>
              {confirmed.map((r, i) => (
                <tr>
                  <td class="tick">
                    <span class="tick-box" />
                  </td>
                  <td class="number" safe>
                    {String(i + 1)}
                  </td>
                  <th scope="row" safe>
                    {r.name}
                  </th>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty" safe>
            {ctx.t('rega.checkin.empty')}
          </p>
        )}
      </div>
    </AdminLayout>
  );
}

export interface MessagePageProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  event: AdminEvent;
  /** confirmed and waiting: who the message goes to */
  recipients: number;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}

/** The message form: how many people it reaches, both languages, and a box to tick before it goes. */
export function MessagePage(p: MessagePageProps): JSX.Element {
  const { ctx, event, values, errors } = p;
  const title = ctx.t('rega.message.title', { title: event.title });
  const common = { ctx, values, errors };
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={errors} />
      <Notice text={p.notice} />
      <p safe>{ctx.t('rega.message.intro')}</p>
      <p>
        <strong safe>{p.recipients ? ctx.t('rega.message.recipients', { n: p.recipients }) : ctx.t('rega.message.recipients-none')}</strong>
      </p>
      <form method="post" action={`${base(event)}/registrants/message`} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="idem" value={attr(valueOf(values, 'idem'))} />
        <div class="lang-columns">
          <TextArea
            {...common}
            name="message_en"
            label={ctx.t('rega.message.en')}
            hint={ctx.t('rega.message.en-hint')}
            lang="en"
            rows={10}
            maxlength={LIMITS.message}
            required
          />
          <TextArea {...common} name="message_sv" label={ctx.t('rega.message.sv')} lang="sv" rows={10} maxlength={LIMITS.message} />
        </div>
        <Checkbox {...common} name="confirm" label={ctx.t('rega.message.confirm')} hint={ctx.t('rega.message.confirm-hint')} />
        <p>
          <button type="submit" safe>
            {ctx.t('rega.message.submit')}
          </button>
        </p>
      </form>
      <p>
        <a href={`${base(event)}/registrants`} safe>
          {ctx.t('rega.to-registrants')}
        </a>
      </p>
    </AdminLayout>
  );
}
