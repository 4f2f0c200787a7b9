import type { Children } from '@kitajs/html';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEdition } from '../../core/conference/admin-conference.schema.js';
import { participantRoles, type ParticipantRole } from '../../core/participation/participation.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { roleAllows, type Permission } from '../../security/permissions.js';
import type { Services } from '../../services.js';
import { doneNotice } from '../forms.js';
import { principalOf } from '../session.js';
import type { ViewContext } from '../views/context.js';
import { conferenceBase } from './conference-panels.views.js';
import { yearParam } from './conference-request.js';

/**
 * What the participation pages of the workspace share: the edition of the URL, messages after
 * a redirect, the small navigation between invitations, calls and participants (each link
 * only for those who may open it), and labels of roles and states.
 */

/** The edition of the URL's year (404 if there is none), with its time zone and dates for the pages. */
export async function editionOf(services: Services, request: FastifyRequest): Promise<AdminEdition> {
  return services.adminConference.get(principalOf(request), yearParam(request));
}

/** The edition of an open call's pages for reviewers, who may not read the closed part. */
export async function editionForReview(services: Services, request: FastifyRequest): Promise<AdminEdition> {
  return services.adminConference.forReview(principalOf(request), yearParam(request));
}

export const participationBase = (year: number) => conferenceBase(year);

/** Messages shown after a redirect, named in the query (?done=saved); never text from the URL. */
const doneMessages: Record<string, MessageKey> = {
  saved: 'admin.saved',
  mailed: 'padmin.inv.mailed-done',
  revoked: 'padmin.inv.revoked-done',
  created: 'padmin.call.created',
  reviewed: 'padmin.apps.reviewed-done',
  decided: 'padmin.apps.decided-done',
  reauth: 'padmin.parts.export.reauth-done',
  'reauth-erase': 'padmin.erase.reauth-done',
  erased: 'padmin.erase.done',
};

export const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);

export const roleLabel = (ctx: ViewContext, role: string): string =>
  (participantRoles as readonly string[]).includes(role) ? ctx.t(`portal.role.${role as ParticipantRole}`) : role;

export const roleOptions = (ctx: ViewContext) => participantRoles.map((r) => ({ value: r, label: roleLabel(ctx, r) }));

export const yesNo = (ctx: ViewContext, v: boolean) => ctx.t(v ? 'padmin.yes' : 'padmin.no');

const links: [string, MessageKey, Permission][] = [
  ['invitations', 'padmin.nav.invitations', 'participant.invite'],
  ['calls', 'padmin.nav.calls', 'participant.review'],
  ['participants', 'padmin.nav.participants', 'participant.read-identity'],
];

/** The links between the participation pages of an edition, for those who may open each. */
export function ParticipationNav({ ctx, year, principal }: { ctx: ViewContext; year: number; principal: Principal }): JSX.Element {
  const base = participationBase(year);
  return (
    <nav aria-label={ctx.t('padmin.nav.label')}>
      <ul class="inline-list">
        {roleAllows(principal.role, 'conference.read-closed') ? (
          <li>
            <a href={base} safe>
              {ctx.t('padmin.nav.edition', { year })}
            </a>
          </li>
        ) : (
          ''
        )}
        {links
          .filter(([, , permission]) => roleAllows(principal.role, permission))
          .map(([path, key]) => {
            const href = `${base}/${path}`;
            return (
              <li>
                <a href={href} aria-current={ctx.path === href ? 'page' : undefined} safe>
                  {ctx.t(key)}
                </a>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}

/**
 * The panel on an edition's page in the programme editor: links only, no participant data,
 * and only those the staff member may open (an editor sees the calls, not the participants).
 */
export function ParticipationLinksPanel({ ctx, year, principal }: { ctx: ViewContext; year: number; principal: Principal }): JSX.Element {
  const allowed = links.filter(([, , permission]) => roleAllows(principal.role, permission));
  if (!allowed.length) return '';
  const base = participationBase(year);
  return (
    <section class="panel" aria-labelledby="participation-title">
      <h2 id="participation-title" safe>
        {ctx.t('padmin.panel.title')}
      </h2>
      <p class="hint" safe>
        {ctx.t('padmin.panel.hint')}
      </p>
      <ul class="inline-list">
        {allowed.map(([path, key]) => (
          <li>
            <a href={`${base}/${path}`} safe>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A table that scrolls sideways inside its own box on a narrow screen. The box can take focus
 * (so the keyboard can scroll it even when no cell holds a link) and is named by the caption.
 */
export function ScrollTable({ id, caption, children }: { id: string; caption: string; children?: Children }): JSX.Element {
  return (
    <div class="table-wrap" role="region" tabindex="0" aria-labelledby={id}>
      <table>
        <caption id={id} safe>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
