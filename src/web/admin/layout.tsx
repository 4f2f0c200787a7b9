import type { Children } from '@kitajs/html';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../core/accounts/accounts.schema.js';
import { roleAllows, type Permission } from '../../security/permissions.js';
import type { Locale } from '../../i18n/index.js';
import { asset } from '../assets.js';
import { viewContext, type ViewContext } from '../views/context.js';
import type { MessageKey } from '../../i18n/index.js';

/**
 * The workspace speaks the staff member's language: Swedish when the browser prefers it
 * over English, English otherwise. Its URLs stay the same in both.
 */
export function adminLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'] ?? '';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function adminContext(request: FastifyRequest, publicUrl: string): ViewContext {
  const path = request.url.split('?')[0] ?? '/admin';
  // English paths: the workspace has no /sv prefix, so href() must not add one.
  const ctx = viewContext(adminLocale(request), path, '', publicUrl);
  return { ...ctx, href: (p) => p };
}

const nav: [string, MessageKey, Permission][] = [
  ['/admin', 'admin.nav.dashboard', 'admin.access'],
  ['/admin/events', 'admin.nav.events', 'event.read-drafts'],
  ['/admin/conference', 'admin.nav.conference', 'conference.read-closed'],
  ['/admin/award', 'admin.nav.award', 'award.publish'],
  ['/admin/bootcamp', 'admin.nav.bootcamp', 'bootcamp.edit'],
  ['/admin/people', 'admin.nav.people', 'people.edit'],
  ['/admin/users', 'admin.nav.users', 'user.manage'],
  ['/admin/audit', 'admin.nav.audit', 'audit.read'],
  ['/admin/account', 'admin.nav.account', 'account.self'],
];

export interface AdminLayoutProps {
  ctx: ViewContext;
  title: string;
  /** absent on the sign-in pages */
  principal?: Principal | undefined;
  /** the CSRF token for the sign-out form */
  csrf?: string | undefined;
  children?: Children;
}

/** The frame of every /admin page: never indexed, never cached, no scripts needed. */
export function AdminLayout({ ctx, title, principal, csrf, children }: AdminLayoutProps): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title safe>{`${title} – ${ctx.t('admin.title')}`}</title>
          <link rel="stylesheet" href={asset('site.css')} />
          <link rel="icon" href={asset('favicon.svg')} type="image/svg+xml" />
        </head>
        <body class="admin">
          <a class="skip" href="#main" safe>
            {ctx.t('nav.skip')}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href="/admin" safe>
                {ctx.t('admin.title')}
              </a>
              {principal ? (
                <form method="post" action="/admin/logout" class="inline-form">
                  <input type="hidden" name="_csrf" value={csrf ?? ''} />
                  <span class="who" safe>
                    {ctx.t('admin.signed-in-as', { name: principal.displayName, role: ctx.t(`admin.role.${principal.role}` as MessageKey) })}
                  </span>
                  <button type="submit" class="link-button" safe>
                    {ctx.t('admin.signout')}
                  </button>
                </form>
              ) : (
                ''
              )}
            </div>
            {principal ? (
              <nav class="wrap" aria-label={ctx.t('admin.nav.label')}>
                <ul class="nav">
                  {nav
                    .filter(([, , permission]) => roleAllows(principal.role, permission))
                    .map(([href, key]) => (
                      <li>
                        <a href={href} aria-current={ctx.path === href ? 'page' : undefined} safe>
                          {ctx.t(key)}
                        </a>
                      </li>
                    ))}
                  <li>
                    <a href="/" safe>
                      {ctx.t('admin.nav.site')}
                    </a>
                  </li>
                </ul>
              </nav>
            ) : (
              ''
            )}
          </header>
          <main id="main" class="wrap" tabindex="-1">
            {children}
          </main>
        </body>
      </html>
    </>
  );
}

/** A form field's error message, linked to its input with aria-describedby="<id>-error". */
export function FieldError({ ctx, id, error }: { ctx: ViewContext; id: string; error: string | undefined }): JSX.Element {
  if (!error) return '';
  return (
    <p class="field-error" id={`${id}-error`} safe>
      {ctx.t(error as MessageKey)}
    </p>
  );
}

/** The summary at the top of a form that came back with errors; focus lands on it without JS via its id in the URL fragment. */
export function ErrorSummary({ ctx, fields }: { ctx: ViewContext; fields: Record<string, string> }): JSX.Element {
  const keys = Object.keys(fields);
  if (!keys.length) return '';
  return (
    <div class="banner banner-alert" role="alert" id="errors">
      <p safe>{ctx.t('admin.form.errors')}</p>
      <ul>
        {keys.map((k) => (
          <li>
            <a href={`#${k}`} safe>
              {ctx.t(fields[k] as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
