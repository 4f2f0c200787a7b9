import type { EventSummary, ImageRef, Page } from '../../core/events/events.schema.js';
import type { ViewContext } from './context.js';
import { formatRange } from '../../i18n/format.js';
import { attr } from './attr.js';
import { groupedSecret } from './qr.js';

/** lang attribute only where the text fell back to another language than the page's. */
export const langAttr = (ctx: ViewContext, lang: string): string | undefined => (lang === ctx.locale ? undefined : lang);

/** `base` is where the files are served: /media for visitors, /admin/media for the workspace's previews of drafts. */
export function Picture({ image, sizes, eager, base = '/media' }: { image: ImageRef; sizes: string; eager?: boolean; base?: string }): JSX.Element {
  const srcset = image.variants.map((w) => `${base}/${image.key}/${w}.webp ${w}w`).join(', ');
  const fallback = image.variants.length ? `${base}/${image.key}/${Math.min(...image.variants)}.webp` : '';
  const ratio = image.width && image.height ? image.height / image.width : 0.5625;
  const w = Math.min(...image.variants, 800);
  return (
    <img
      src={fallback}
      srcset={srcset}
      sizes={sizes}
      alt={attr(image.alt)}
      lang={image.altLang}
      width={String(w)}
      height={String(Math.round(w * ratio))}
      loading={eager ? undefined : 'lazy'}
      decoding="async"
    />
  );
}

export function EventCard({ ctx, event, headingLevel = 2 }: { ctx: ViewContext; event: EventSummary; headingLevel?: 2 | 3 }): JSX.Element {
  const href = ctx.href(`/events/${event.slug}`);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="card">
      {event.image ? <Picture image={event.image} sizes="(min-width: 50em) 12em, 100vw" /> : ''}
      <div class="card-body">
        <p class="kicker">
          <span safe>{ctx.t(`event.type.${event.type}`)}</span>
          {event.status === 'cancelled' ? (
            <strong class="badge badge-alert" safe>
              {ctx.t('event.cancelled')}
            </strong>
          ) : (
            ''
          )}
        </p>
        <Heading class="card-title" lang={langAttr(ctx, event.lang)}>
          <a href={href} safe>
            {event.title}
          </a>
        </Heading>
        <p class="when">
          <time datetime={event.startsAt} safe>
            {formatRange(event.startsAt, event.endsAt, ctx.locale, event.timeZone)}
          </time>
          {event.online ? <span safe>{` · ${ctx.t('event.online')}`}</span> : ''}
          {event.venueName ? <span safe>{` · ${event.venueName}${event.city ? `, ${event.city}` : ''}`}</span> : ''}
        </p>
        <p class="summary" lang={langAttr(ctx, event.lang)} safe>
          {event.summary}
        </p>
      </div>
    </article>
  );
}

export function EventList({ ctx, events, headingLevel = 2 }: { ctx: ViewContext; events: EventSummary[]; headingLevel?: 2 | 3 }): JSX.Element {
  return (
    <ul class="cards">
      {events.map((e) => (
        <li>
          <EventCard ctx={ctx} event={e} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}

/** Previous/next links that keep the other query parameters. */
export function Pager({ ctx, page, params }: { ctx: ViewContext; page: Page<unknown>; params: URLSearchParams }): JSX.Element {
  if (page.pages <= 1) return '';
  const link = (n: number) => {
    const p = new URLSearchParams(params);
    if (n === 1) p.delete('page');
    else p.set('page', String(n));
    const qs = p.toString();
    return ctx.href(ctx.path) + (qs ? `?${qs}` : '');
  };
  return (
    <nav class="pager" aria-label={ctx.t('pager.label')}>
      {page.page > 1 ? (
        <a href={link(page.page - 1)} rel="prev" safe>
          {ctx.t('pager.prev')}
        </a>
      ) : (
        ''
      )}
      <span safe>{ctx.t('pager.status', { page: page.page, pages: page.pages })}</span>
      {page.page < page.pages ? (
        <a href={link(page.page + 1)} rel="next" safe>
          {ctx.t('pager.next')}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

/** Plain text written by organisers, shown as paragraphs; never interpreted as HTML. */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }): JSX.Element {
  return (
    <div class="prose" lang={lang}>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p safe>{p}</p>
        ))}
    </div>
  );
}

/** An authenticator app's key: its QR code (an SVG made on the server) and the same key as grouped text, to type in. */
export function AuthenticatorKey({ label, qrSvg, secret }: { label: string; qrSvg: string; secret: string }): JSX.Element {
  const safeQr = qrSvg;
  return (
    <>
      <div class="qr">{safeQr}</div>
      <p>
        <span safe>{label}</span>
        {': '}
        <code class="secret" id="secret" safe>
          {groupedSecret(secret)}
        </code>
      </p>
    </>
  );
}
