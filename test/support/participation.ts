import type { Principal } from '../../src/core/accounts/accounts.schema.js';
import type { ParticipantRole, PortalParticipant } from '../../src/core/participation/participation.schema.js';
import type { Role } from '../../src/security/permissions.js';
import type { TestApp } from './app.js';

/**
 * Participants made the way real ones are: a staff member invites (through the service),
 * the invitee accepts (a word for the sign-in name, passphrase, display name), and gets a portal session.
 * Everything personal is sealed by the services, so no factory writes ciphertext by hand.
 */

let counter = 0;

/** A staff principal for calling services directly (no HTTP, no second factor needed here). */
export async function staffPrincipal(t: TestApp, role: Role = 'admin', reauthAt: string | null = null): Promise<Principal> {
  counter++;
  const email = `principal${counter}-${role}@example.org`;
  const { userId } = await t.services.accounts.createUser(null, { email, displayName: `Principal ${counter}`, role });
  return { userId, sessionId: 0, role, displayName: `Principal ${counter}`, email, reauthAt };
}

export interface TestParticipant {
  participantId: number;
  invitationId: number;
  /** the portal session token (cookie value) */
  sessionToken: string;
  /** a Cookie header with the portal session */
  cookie: string;
  signIn: string;
  passphrase: string;
  displayName: string;
  portal: PortalParticipant;
}

/** The one-time link's token, from the link the service shows when it does not mail it. */
export const tokenOfLink = (link: string) => link.split('/').pop() as string;

/** Creates an invitation (shown as a link, not mailed) and returns its token. */
export async function invite(t: TestApp, editionId: number, opts: { role?: ParticipantRole; label?: string; principal?: Principal; days?: number } = {}) {
  const principal = opts.principal ?? (await staffPrincipal(t));
  const { id, link } = await t.services.invitations.create(principal, editionId, {
    role: opts.role ?? 'defender',
    label: opts.label ?? `Invitee ${++counter}`,
    days: String(opts.days ?? 30),
    locale: 'en',
  });
  if (!link) throw new Error('expected a link');
  return { invitationId: id, token: tokenOfLink(link) };
}

/** Invites and accepts: a participant with a portal session. */
export async function participant(
  t: TestApp,
  editionId: number,
  opts: { role?: ParticipantRole; displayName?: string; principal?: Principal } = {},
): Promise<TestParticipant> {
  const { invitationId, token } = await invite(t, editionId, opts);
  counter++;
  const passphrase = `correct horse battery ${counter} staple`;
  const displayName = opts.displayName ?? `Swallow ${counter}`;
  // The service adds random characters to the word typed: the sign-in name is what it returns.
  const { sessionToken, participantId, signIn } = await t.services.invitations.accept(
    token,
    { sign_in: `participant-${counter}`, passphrase, passphrase_again: passphrase, display_name: displayName },
    'en',
  );
  const portal = await t.services.portal.authenticate(sessionToken);
  if (!portal) throw new Error('no portal session after accepting');
  return {
    participantId,
    invitationId,
    sessionToken,
    cookie: `dd_portal=${sessionToken}`,
    signIn,
    passphrase,
    displayName,
    portal,
  };
}
