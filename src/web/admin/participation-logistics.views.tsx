import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEdition } from '../../core/conference/admin-conference.schema.js';
import type { Needs, ParticipantDetail, ParticipantRow, ParticipationTotals } from '../../core/participation/participation.schema.js';
import { countryName, formatDate, formatDateTime } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { orDash, Th } from './conference-panels.views.js';
import { ActionForm, Csrf, Notice, TextArea, TextInput, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';
import { ParticipationNav, ScrollTable, participationBase, roleLabel, yesNo } from './participation-shared.js';

/**
 * Logistics (participant.read-identity): the participants with their needs, one participant's
 * page with everything they told us and staff's notes, badges, visa letters, the export and
 * erasure. Every page says that opening it is audited (the service records each read).
 */

const participantsUrl = (e: Pick<AdminEdition, 'year'>) => `${participationBase(e.year)}/participants`;
export const eraseUrl = (year: number) => `${participationBase(year)}/participation/erase`;

interface PageBase {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
}

export interface Erasure {
  /** the conference is over: staff may erase now */
  over: boolean;
  /** the day the data is erased automatically (YYYY-MM-DD), if the edition has a last day */
  purgeDay: string | null;
}

const needKeys: [keyof Needs, MessageKey][] = [
  ['accommodation', 'padmin.needs.accommodation'],
  ['access', 'padmin.needs.access'],
  ['dietary', 'padmin.needs.dietary'],
  ['interpretation', 'padmin.needs.interpretation'],
];

const calendarDay = (ctx: ViewContext, day: string) => formatDate(`${day}T12:00:00Z`, ctx.locale, 'UTC');
const consentText = (ctx: ViewContext, consent: string) => ctx.t(`portal.consent-badge.${consent}` as MessageKey);

function NeedsList({ ctx, needs }: { ctx: ViewContext; needs: Needs }): JSX.Element {
  const given = needKeys.filter(([k]) => needs[k].trim());
  if (!given.length) return <span safe>{ctx.t('padmin.none')}</span>;
  return (
    <ul class="plain-list">
      {given.map(([k, label]) => (
        <li safe>{ctx.t('padmin.needs.line', { what: ctx.t(label), text: needs[k] })}</li>
      ))}
    </ul>
  );
}

function Totals({ ctx, totals }: { ctx: ViewContext; totals: ParticipationTotals[] }): JSX.Element {
  if (!totals.length) return '';
  const last =
    totals
      .map((x) => x.purgedAt)
      .sort()
      .at(-1) ?? '';
  return (
    <section class="panel" aria-labelledby="totals-title">
      <h2 id="totals-title" safe>
        {ctx.t('padmin.totals.title')}
      </h2>
      <p safe>{ctx.t('padmin.totals.hint', { date: formatDate(last, ctx.locale, 'UTC') })}</p>
      <ScrollTable id="totals-caption" caption={ctx.t('padmin.totals.caption')}>
        <thead>
          <tr>
            <Th ctx={ctx} k="padmin.totals.col.role" />
            <Th ctx={ctx} k="padmin.totals.col.participants" />
            <Th ctx={ctx} k="padmin.totals.col.applications" />
            <Th ctx={ctx} k="padmin.totals.col.picks" />
          </tr>
        </thead>
        <tbody>
          {totals.map((x) => (
            <tr>
              <th scope="row" safe>
                {roleLabel(ctx, x.role)}
              </th>
              <td safe>{String(x.participants)}</td>
              <td safe>{String(x.applications)}</td>
              <td safe>{String(x.picks)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

export function ParticipantsPage(
  p: PageBase & {
    participants: ParticipantRow[];
    totals: ParticipationTotals[];
    erasure: Erasure;
    canErase: boolean;
    notice?: string | undefined;
  },
): JSX.Element {
  const { ctx, edition } = p;
  const title = ctx.t('padmin.parts.title', { year: edition.year });
  const base = participantsUrl(edition);
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <Notice text={p.notice} />
      <p class="banner banner-notice">
        <strong safe>{ctx.t('padmin.parts.audited')}</strong>
      </p>
      <p safe>{ctx.t('padmin.parts.intro')}</p>
      <Totals ctx={ctx} totals={p.totals} />
      {p.participants.length ? (
        <ScrollTable id="participants-caption" caption={ctx.t('padmin.parts.caption')}>
          <thead>
            <tr>
              <Th ctx={ctx} k="padmin.parts.col.name" />
              <Th ctx={ctx} k="padmin.parts.col.role" />
              <Th ctx={ctx} k="padmin.parts.col.photos" />
              <Th ctx={ctx} k="padmin.parts.col.support" />
              <Th ctx={ctx} k="padmin.parts.col.visa" />
              <Th ctx={ctx} k="padmin.parts.col.needs" />
              <Th ctx={ctx} k="padmin.parts.col.picks" />
            </tr>
          </thead>
          <tbody>
            {p.participants.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`${base}/${r.id}`} safe>
                    {r.displayName}
                  </a>
                </th>
                <td safe>{roleLabel(ctx, r.role)}</td>
                <td safe>{consentText(ctx, r.photoConsent)}</td>
                <td safe>{yesNo(ctx, r.travelSupport)}</td>
                <td safe>{yesNo(ctx, r.visaLetter)}</td>
                <td>
                  <NeedsList ctx={ctx} needs={r.needs} />
                </td>
                <td safe>{String(r.picks)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p class="empty" safe>
          {ctx.t('padmin.parts.empty')}
        </p>
      )}
      <section class="panel" aria-labelledby="tools-title">
        <h2 id="tools-title" safe>
          {ctx.t('padmin.parts.tools')}
        </h2>
        <p>
          <a href={`${participationBase(edition.year)}/badges.pdf`} safe>
            {ctx.t('padmin.parts.badges')}
          </a>
        </p>
        <p class="hint" safe>
          {ctx.t('padmin.parts.badges-hint')}
        </p>
        <h3 id="export-title" safe>
          {ctx.t('padmin.parts.export.title')}
        </h3>
        <p class="hint" safe>
          {ctx.t('padmin.parts.export.hint')}
        </p>
        <ActionForm action={`${base}/export`} csrf={p.csrf} label={ctx.t('padmin.parts.export.submit')} />
      </section>
      <section class="panel" aria-labelledby="erase-title">
        <h2 id="erase-title" safe>
          {ctx.t('padmin.erase.heading')}
        </h2>
        <p safe>{p.erasure.purgeDay ? ctx.t('padmin.erase.auto', { date: calendarDay(ctx, p.erasure.purgeDay) }) : ctx.t('padmin.erase.no-end')}</p>
        {p.canErase && p.erasure.over ? (
          <p>
            <a href={eraseUrl(edition.year)} safe>
              {ctx.t('padmin.erase.link')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
    </AdminLayout>
  );
}

function Fact({ ctx, k, v, lang }: { ctx: ViewContext; k: MessageKey; v: string; lang?: string }): JSX.Element {
  return (
    <>
      <dt safe>{ctx.t(k)}</dt>
      <dd lang={lang} safe>
        {orDash(v)}
      </dd>
    </>
  );
}

/** Whether a visa letter can be made: asked for, with the identity it needs. */
export const visaLetterPossible = (d: ParticipantDetail): boolean => {
  const id = d.profile.identity;
  return d.visaLetter && !!id && !!id.passportNumber && !!id.dateOfBirth && !!id.nationality;
};

export function ParticipantPage(p: PageBase & { detail: ParticipantDetail; values: Values; errors: Errors; notice?: string | undefined }): JSX.Element {
  const { ctx, edition, detail: d } = p;
  const title = ctx.t('padmin.part.title', { name: d.displayName });
  const pr = d.profile;
  const id = pr.identity;
  const base = `${participantsUrl(edition)}/${d.id}`;
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      <p class="banner banner-notice">
        <strong safe>{ctx.t('padmin.part.audited')}</strong>
      </p>
      <p>
        <a href={participantsUrl(edition)} safe>
          {ctx.t('padmin.part.back')}
        </a>
      </p>
      <section class="panel" aria-labelledby="about-title">
        <h2 id="about-title" safe>
          {ctx.t('padmin.part.about')}
        </h2>
        <dl>
          <Fact ctx={ctx} k="padmin.part.display-name" v={pr.displayName} />
          <Fact ctx={ctx} k="padmin.part.role" v={roleLabel(ctx, d.role)} />
          <Fact ctx={ctx} k="padmin.part.locale" v={ctx.t(`lang.${d.locale}`)} />
          <Fact ctx={ctx} k="padmin.part.since" v={formatDateTime(d.createdAt, ctx.locale, edition.timeZone)} />
          <Fact ctx={ctx} k="padmin.part.photos" v={consentText(ctx, pr.photoConsent)} />
          <Fact ctx={ctx} k="padmin.part.support" v={yesNo(ctx, pr.travelSupport)} />
          <Fact ctx={ctx} k="padmin.part.visa" v={yesNo(ctx, pr.visaLetter)} />
          <Fact ctx={ctx} k="padmin.part.community" v={yesNo(ctx, pr.joinCommunity)} />
          <Fact ctx={ctx} k="padmin.part.picks" v={String(d.picks)} />
        </dl>
      </section>
      <section class="panel" aria-labelledby="identity-title">
        <h2 id="identity-title" safe>
          {ctx.t('padmin.part.identity')}
        </h2>
        {id ? (
          <dl>
            <Fact ctx={ctx} k="padmin.part.given-names" v={id.givenNames} />
            <Fact ctx={ctx} k="padmin.part.family-names" v={id.familyNames} />
            <Fact ctx={ctx} k="padmin.part.nationality" v={id.nationality ? countryName(id.nationality, ctx.locale) : ''} />
            <Fact ctx={ctx} k="padmin.part.passport" v={id.passportNumber} />
            <Fact ctx={ctx} k="padmin.part.born" v={id.dateOfBirth ? calendarDay(ctx, id.dateOfBirth) : ''} />
          </dl>
        ) : (
          <p safe>{ctx.t('padmin.part.no-identity')}</p>
        )}
      </section>
      <section class="panel" aria-labelledby="contact-title">
        <h2 id="contact-title" safe>
          {ctx.t('padmin.part.contact')}
        </h2>
        <dl>
          <Fact ctx={ctx} k="padmin.part.email" v={pr.contact.email} />
          <Fact ctx={ctx} k="padmin.part.emergency" v={pr.contact.emergency} />
        </dl>
      </section>
      <section class="panel" aria-labelledby="travel-title">
        <h2 id="travel-title" safe>
          {ctx.t('padmin.part.travel')}
        </h2>
        <dl>
          <Fact ctx={ctx} k="padmin.part.from" v={pr.travel.from} />
          <Fact ctx={ctx} k="padmin.part.arrival" v={pr.travel.arrival ? calendarDay(ctx, pr.travel.arrival) : ''} />
          <Fact ctx={ctx} k="padmin.part.departure" v={pr.travel.departure ? calendarDay(ctx, pr.travel.departure) : ''} />
          <Fact ctx={ctx} k="padmin.part.visa-notes" v={pr.travel.visa} />
        </dl>
      </section>
      <section class="panel" aria-labelledby="needs-title">
        <h2 id="needs-title" safe>
          {ctx.t('padmin.part.needs')}
        </h2>
        <dl>
          {needKeys.map(([k, label]) => (
            <Fact ctx={ctx} k={label} v={pr.needs[k]} />
          ))}
        </dl>
      </section>
      <section class="panel" aria-labelledby="documents-title">
        <h2 id="documents-title" safe>
          {ctx.t('padmin.part.documents')}
        </h2>
        <ul class="plain-list">
          <li>
            <a href={`${base}/badge.pdf`} safe>
              {ctx.t('padmin.part.badge')}
            </a>
          </li>
          {visaLetterPossible(d) ? (
            <>
              <li>
                <a href={`${base}/visa-letter.pdf`} safe>
                  {ctx.t('padmin.part.visa-letter')}
                </a>
              </li>
              <li>
                <a href={`${base}/visa-letter.pdf?lang=sv`} safe>
                  {ctx.t('padmin.part.visa-letter-sv')}
                </a>
              </li>
            </>
          ) : (
            <li safe>{ctx.t('padmin.part.no-visa-letter')}</li>
          )}
        </ul>
      </section>
      <section class="panel" aria-labelledby="notes-title">
        <h2 id="notes-title" safe>
          {ctx.t('padmin.part.notes')}
        </h2>
        <form method="post" action={`${base}/notes`} class="form" novalidate>
          <Csrf token={p.csrf} />
          <TextArea
            ctx={ctx}
            values={p.values}
            errors={p.errors}
            name="notes"
            label={ctx.t('padmin.part.notes')}
            hint={ctx.t('padmin.part.notes-hint')}
            rows={6}
            maxlength={5000}
          />
          <p>
            <button type="submit" safe>
              {ctx.t('padmin.part.notes-save')}
            </button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}

/** Asked for a visa letter that cannot be made: says why, and leads back. */
export function NoVisaLetterPage(p: PageBase & { participantId: number }): JSX.Element {
  const { ctx, edition } = p;
  const title = ctx.t('padmin.visa.title');
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('padmin.part.no-visa-letter')}</p>
      <p>
        <a href={`${participantsUrl(edition)}/${p.participantId}`} safe>
          {ctx.t('padmin.visa.back')}
        </a>
      </p>
    </AdminLayout>
  );
}

export function ErasePage(p: PageBase & { erasure: Erasure; values: Values; errors: Errors; notice?: string | undefined }): JSX.Element {
  const { ctx, edition } = p;
  const title = ctx.t('padmin.erase.title', { year: edition.year });
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <ParticipationNav ctx={ctx} year={edition.year} principal={p.principal} />
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      <div class="banner banner-alert">
        <p safe>{ctx.t('padmin.erase.explain')}</p>
      </div>
      <p safe>{ctx.t('padmin.erase.reauth')}</p>
      {p.erasure.over ? (
        <form method="post" action={eraseUrl(edition.year)} class="form" novalidate>
          <Csrf token={p.csrf} />
          <TextInput
            ctx={ctx}
            values={p.values}
            errors={p.errors}
            name="confirm"
            label={ctx.t('padmin.erase.confirm', { year: edition.year })}
            inputmode="numeric"
            maxlength={4}
            required
          />
          <p>
            <button type="submit" safe>
              {ctx.t('padmin.erase.submit')}
            </button>
          </p>
        </form>
      ) : (
        <p id="confirm" safe>
          {ctx.t('padmin.erase.not-over')}
        </p>
      )}
      <p>
        <a href={participantsUrl(edition)} safe>
          {ctx.t('padmin.erase.cancel')}
        </a>
      </p>
    </AdminLayout>
  );
}
