import type { Children } from '@kitajs/html';
import { locales, localePath, type Locale } from '../../i18n/index.js';
import { asset } from '../assets.js';
import type { ViewContext } from './context.js';
import { attr } from './attr.js';

export interface LayoutProps {
  ctx: ViewContext;
  title: string;
  description?: string;
  /** pages behind a login or with personal data are never indexed */
  noindex?: boolean;
  /** extra <head> content, already escaped (e.g. JSON-LD from jsonLd()) */
  head?: string;
  /** data-* attributes on <main>, for tests and styles (e.g. a registration's outcome) */
  mainAttrs?: Record<`data-${string}`, string>;
  children?: Children;
}

const navItems = [
  ['/', 'nav.home'],
  ['/events', 'nav.events'],
  ['/events/past', 'nav.past'],
  ['/videos', 'nav.videos'],
  ['/defenders-days', 'nav.conference'],
  ['/award', 'nav.award'],
  ['/bootcamp', 'nav.bootcamp'],
] as const;

function isCurrent(ctx: ViewContext, href: string): boolean {
  return href === '/' ? ctx.path === '/' : ctx.path === href;
}

export function Layout({ ctx, title, description, noindex, head: safeHead, mainAttrs, children }: LayoutProps): JSX.Element {
  const fullTitle = title === ctx.t('site.name') ? title : `${title} – ${ctx.t('site.name')}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          {description ? <meta name="description" content={attr(description)} /> : ''}
          {noindex ? <meta name="robots" content="noindex, nofollow" /> : ''}
          <link rel="stylesheet" href={asset('site.css')} />
          <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
          <link rel="canonical" href={ctx.publicUrl + ctx.href(ctx.path) + ctx.search} />
          {locales.map((l) => (
            <link rel="alternate" hreflang={l} href={ctx.publicUrl + localePath(l, ctx.path) + ctx.search} />
          ))}
          <link rel="alternate" type="application/atom+xml" title={ctx.t('footer.atom')} href={ctx.href('/events.atom')} />
          {safeHead ?? ''}
        </head>
        <body>
          <a class="skip" href="#main" safe>
            {ctx.t('nav.skip')}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href={ctx.href('/')} safe>
                {ctx.t('site.name')}
              </a>
              <LanguageSwitch ctx={ctx} />
            </div>
            <nav class="wrap" aria-label={ctx.t('nav.label')}>
              <ul class="nav">
                {navItems.map(([href, key]) => (
                  <li>
                    <a href={ctx.href(href)} aria-current={isCurrent(ctx, href) ? 'page' : undefined} safe>
                      {ctx.t(key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="main" class="wrap" tabindex="-1" {...(mainAttrs ?? {})}>
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <h2 class="footer-title" safe>
                {ctx.t('footer.feeds')}
              </h2>
              <ul class="inline-list">
                <li>
                  <a href={ctx.href('/events.ics')} safe>
                    {ctx.t('footer.ics')}
                  </a>
                </li>
                <li>
                  <a href={ctx.href('/events.atom')} safe>
                    {ctx.t('footer.atom')}
                  </a>
                </li>
              </ul>
              <p class="muted" safe>
                {ctx.t('footer.privacy')}
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

function LanguageSwitch({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <ul class="lang-switch" aria-label={ctx.t('lang.switch')}>
      {locales.map((l: Locale) => (
        <li>
          <a href={localePath(l, ctx.path) + ctx.search} hreflang={l} lang={l} aria-current={l === ctx.locale ? 'true' : undefined} safe>
            {ctx.t(`lang.${l}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}
