import type { RecipientDetail, RecipientSummary } from '../../core/award/award.schema.js';
import { countryName, formatBytes } from '../../i18n/format.js';
import { Paragraphs, Picture, langAttr } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/layout.js';

/** Where a recipient's photo and report are served: /award/media for visitors, /admin/award/media for the workspace's preview. */
export const AWARD_MEDIA_BASE = '/award/media';

/** /award: what the award is, who can receive it, how the recipient is chosen, and the recipients so far. */
export function AwardPage({ ctx, recipients }: { ctx: ViewContext; recipients: RecipientSummary[] }): JSX.Element {
  return (
    <Layout ctx={ctx} title={ctx.t('award.title')} description={ctx.t('award.lead')}>
      <article class="award">
        <h1 safe>{ctx.t('award.title')}</h1>
        <p class="lead" safe>
          {ctx.t('award.lead')}
        </p>
        <p safe>{ctx.t('award.about')}</p>
        <section aria-labelledby="criteria-title">
          <h2 id="criteria-title" safe>
            {ctx.t('award.criteria.title')}
          </h2>
          <ul>
            <li safe>{ctx.t('award.criteria.nonviolent')}</li>
            <li safe>{ctx.t('award.criteria.independent')}</li>
            <li safe>{ctx.t('award.criteria.risk')}</li>
          </ul>
        </section>
        <section aria-labelledby="process-title">
          <h2 id="process-title" safe>
            {ctx.t('award.process.title')}
          </h2>
          <ol>
            <li safe>{ctx.t('award.process.nominate')}</li>
            <li safe>{ctx.t('award.process.shortlist')}</li>
            <li safe>{ctx.t('award.process.decide')}</li>
          </ol>
          <p safe>{ctx.t('award.process.confidential')}</p>
        </section>
        <section aria-labelledby="recipients-title">
          <h2 id="recipients-title" safe>
            {ctx.t('award.recipients.title')}
          </h2>
          {recipients.length ? (
            <ul class="recipients">
              {recipients.map((r) => (
                <li>
                  <span class="recipient-year" safe>
                    {String(r.year)}
                  </span>
                  <span class="recipient-who">
                    <a href={ctx.href(`/award/${r.year}`)} safe>
                      {r.name}
                    </a>
                    <span class="muted" safe>
                      {[countryName(r.countryCode, ctx.locale), r.organisation].filter(Boolean).join(' · ')}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty" safe>
              {ctx.t('award.recipients.empty')}
            </p>
          )}
        </section>
      </article>
    </Layout>
  );
}

/** How the workspace shows a draft with this view: a banner on top, never indexed, files from /admin/award/media. */
export interface RecipientPreview {
  banner: JSX.Element;
  mediaBase: string;
}

/** /award/{year}: the recipient, the motivation, the ceremony and the country report. */
export function RecipientPage({ ctx, recipient: r, preview }: { ctx: ViewContext; recipient: RecipientDetail; preview?: RecipientPreview }): JSX.Element {
  const mediaBase = preview?.mediaBase ?? AWARD_MEDIA_BASE;
  const country = countryName(r.countryCode, ctx.locale);
  const kicker = ctx.t('award.recipient.kicker', { year: r.year });
  // rendered by the workspace's own JSX, already escaped
  const safeBanner = preview?.banner ?? '';
  return (
    <Layout
      ctx={ctx}
      title={`${r.name} – ${kicker}`}
      description={ctx.t('award.recipient.description', { year: r.year, name: r.name, country })}
      noindex={Boolean(preview)}
    >
      {safeBanner}
      <article class="award-recipient">
        <p class="kicker" safe>
          {kicker}
        </p>
        <h1 safe>{r.name}</h1>
        <dl class="facts">
          <dt safe>{ctx.t('award.recipient.country')}</dt>
          <dd safe>{country}</dd>
          {r.organisation ? (
            <>
              <dt safe>{ctx.t('award.recipient.organisation')}</dt>
              <dd safe>{r.organisation}</dd>
            </>
          ) : (
            ''
          )}
          <dt safe>{ctx.t('award.recipient.year')}</dt>
          <dd safe>{String(r.year)}</dd>
          {r.editionYear ? (
            <>
              <dt safe>{ctx.t('award.recipient.presented-at')}</dt>
              <dd safe>{ctx.t('award.recipient.edition', { year: r.editionYear })}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {r.photo ? (
          <figure class="lead-image recipient-photo">
            <Picture image={r.photo} sizes="(min-width: 40em) 30rem, 100vw" eager base={mediaBase} />
            {r.photo.credit ? <figcaption safe>{ctx.t('award.recipient.photo', { credit: r.photo.credit })}</figcaption> : ''}
          </figure>
        ) : (
          ''
        )}
        <section aria-labelledby="motivation-title">
          <h2 id="motivation-title" safe>
            {ctx.t('award.recipient.motivation')}
          </h2>
          <Paragraphs text={r.motivation} lang={langAttr(ctx, r.lang)} />
        </section>
        {r.ceremony ? (
          <section aria-labelledby="ceremony-title">
            <h2 id="ceremony-title" safe>
              {ctx.t('award.recipient.ceremony')}
            </h2>
            <Paragraphs text={r.ceremony} lang={langAttr(ctx, r.ceremonyLang)} />
          </section>
        ) : (
          ''
        )}
        {r.report ? (
          <section aria-labelledby="report-title">
            <h2 id="report-title" safe>
              {ctx.t('award.recipient.report')}
            </h2>
            <p>
              {r.report.title ? (
                <a href={`${mediaBase}/${r.report.key}/file`} lang={langAttr(ctx, r.report.lang)} download="" safe>
                  {r.report.title}
                </a>
              ) : (
                <a href={`${mediaBase}/${r.report.key}/file`} download="" safe>
                  {ctx.t('award.recipient.report-default', { country })}
                </a>
              )}{' '}
              <span class="muted" safe>
                {ctx.t('award.recipient.pdf', { size: formatBytes(r.report.bytes, ctx.locale) })}
              </span>
            </p>
          </section>
        ) : (
          ''
        )}
        <p class="actions">
          <a href={ctx.href('/award')} safe>
            {ctx.t('award.recipient.back')}
          </a>
        </p>
      </article>
    </Layout>
  );
}
