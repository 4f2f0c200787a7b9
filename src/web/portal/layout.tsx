import type { Children } from '@kitajs/html';
import { locales, localePath, type Locale, type MessageKey } from '../../i18n/index.js';
import { asset } from '../assets.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';

/**
 * The frame of the invitation and portal pages. Unlike the public layout it does not put the
 * conference's name in the <title>: a browser history or an open tab on a searched phone
 * should say little. Never indexed; no scripts.
 */

const nav: [string, MessageKey][] = [
  ['/portal', 'portal.nav.overview'],
  ['/portal/profile', 'portal.nav.profile'],
  ['/portal/programme', 'portal.nav.programme'],
  ['/portal/calendar', 'portal.nav.calendar'],
  ['/portal/account', 'portal.nav.account'],
];

export interface PortalLayoutProps {
  ctx: ViewContext;
  title: string;
  /** signed in: the portal's navigation and the sign-out form, which needs a CSRF token */
  signedIn?: { csrf: string } | undefined;
  /** the language switch keeps the query (e.g. a notice) only where it is harmless; '' drops it */
  search?: string;
  /** false on pages that must not repeat their address (a refused invitation link) */
  languageSwitch?: boolean;
  /** a page meant for paper: the whole header is left out of the print */
  printable?: boolean;
  mainAttrs?: Record<`data-${string}`, string>;
  children?: Children;
}

export function PortalLayout({ ctx, title, signedIn, search, languageSwitch = true, printable, mainAttrs, children }: PortalLayoutProps): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title safe>{title}</title>
          <link rel="stylesheet" href={asset('site.css')} />
          <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        </head>
        <body class="portal">
          <a class="skip" href="#main" safe>
            {ctx.t('nav.skip')}
          </a>
          <header class={printable ? 'site-header no-print' : 'site-header'}>
            <div class="wrap header-row">
              <a class="brand" href={ctx.href('/portal')} safe>
                {ctx.t('portal.brand')}
              </a>
              {languageSwitch ? <LanguageSwitch ctx={ctx} search={search ?? ''} /> : ''}
            </div>
            {signedIn ? (
              <nav class="wrap" aria-label={ctx.t('portal.nav.label')}>
                <ul class="nav">
                  {nav.map(([href, key]) => (
                    <li>
                      <a href={ctx.href(href)} aria-current={ctx.path === href ? 'page' : undefined} safe>
                        {ctx.t(key)}
                      </a>
                    </li>
                  ))}
                  <li>
                    <form method="post" action={ctx.href('/portal/logout')} class="inline-form">
                      <input type="hidden" name="_csrf" value={signedIn.csrf} />
                      <button type="submit" class="link-button" safe>
                        {ctx.t('portal.nav.signout')}
                      </button>
                    </form>
                  </li>
                </ul>
              </nav>
            ) : (
              ''
            )}
          </header>
          <main id="main" class="wrap" tabindex="-1" {...(mainAttrs ?? {})}>
            {children}
          </main>
        </body>
      </html>
    </>
  );
}

function LanguageSwitch({ ctx, search }: { ctx: ViewContext; search: string }): JSX.Element {
  return (
    <ul class="lang-switch" aria-label={ctx.t('lang.switch')}>
      {locales.map((l: Locale) => (
        <li>
          <a href={attr(localePath(l, ctx.path) + search)} hreflang={l} lang={l} aria-current={l === ctx.locale ? 'true' : undefined} safe>
            {ctx.t(`lang.${l}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}
