import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { hashToken } from '../../security/tokens.js';
import { REAUTH_MS } from '../accounts/accounts.schema.js';
import { asCredentialResponse, type RelyingParty } from '../accounts/webauthn.js';
import { invalid, notFound } from '../shared/errors.js';
import { ctx, ParticipationBase, type ParticipationDeps } from './participation.context.js';
import type { ParticipantRecord } from './participation.repository.js';
import type { PortalParticipant } from './participation.schema.js';
import type { PortalFactorsService } from './portal-factors.service.js';
import type { PortalService } from './portal.service.js';

/**
 * What the participant's device shows of a passkey (the relying party's and the account's
 * names): neutral, as the authenticator app's entry is, for a phone searched at a border.
 */
const PORTAL_RP_NAME = 'Portal';
const PORTAL_USER_NAME = 'sign-in';
const LABEL_MAX = 60;

/** What a participant sees of their passkey: never the key or the credential id. An empty label: the page names it. */
export interface PortalPasskeyView {
  id: number;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

/** The one answer to a failed passkey sign-in in the portal, whatever went wrong. */
export const portalPasskeyFailed = { passkey: 'portal.passkey.failed' };
const addFailed = (why: string) => invalid(why, { passkey: 'portal.passkey.add-failed' });

/**
 * A participant's passkeys (WebAuthn), next to or instead of the authenticator app: the
 * staff code's relying party (src/core/accounts/webauthn.ts), its own table
 * (participant_passkeys) and sessions, so a participant's passkey never signs in to a staff
 * account or to another participant. Adding one asks for the passphrase first (its options
 * come only after it, and the answer must follow within 5 minutes on the same session);
 * removing one asks for it too. Names are sealed under the edition's data key and every row
 * goes with the edition's erasure.
 */
export class PortalPasskeysService extends ParticipationBase {
  constructor(
    d: ParticipationDeps,
    private readonly party: RelyingParty,
    private readonly portal: PortalService,
    private readonly factors: PortalFactorsService,
  ) {
    super(d);
  }

  /** the only origin passkeys work on, and whether they can work there at all (not on an IP address) */
  get where(): { origin: string; usable: boolean } {
    return { origin: this.party.origin, usable: this.party.usable };
  }

  private labelContext = (row: Pick<ParticipantRecord, 'invitation_id'>, credentialId: string) => ctx.participant(row.invitation_id, `passkey:${credentialId}`);

  async list(p: PortalParticipant): Promise<PortalPasskeyView[]> {
    const row = await this.d.repo.participant(this.d.repo.db, p.id);
    if (!row || row.edition_id !== p.editionId) throw notFound('participant');
    const keys = await this.d.repo.passkeysOf(this.d.repo.db, p.id);
    if (!keys.length) return [];
    const key = await this.key(p.editionId);
    return keys.map((k) => ({
      id: k.id,
      label: k.label ? key.open(k.label, this.labelContext(row, k.credential_id)) : '',
      created_at: k.created_at,
      last_used_at: k.last_used_at,
    }));
  }

  /** The participant's own full session of this token, or not found. */
  private async session(p: PortalParticipant, sessionToken: string) {
    const s = await this.d.repo.sessionByHash(hashToken(sessionToken));
    if (!s || s.participant_id !== p.id || s.stage !== 'full') throw notFound('session');
    return s;
  }

  /**
   * Options for navigator.credentials.create(), only after the passphrase (throttled as at
   * sign-in; wrong: a field error). The challenge and the time of the passphrase are kept on
   * the session.
   */
  async registrationOptions(
    p: PortalParticipant,
    sessionToken: string,
    passphrase: string,
    deviceToken?: string,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    if (!this.party.usable) throw invalid('the site is on an IP address', { passkey: 'auth.passkey.origin-unusable' });
    const session = await this.session(p, sessionToken);
    await this.factors.confirm(p, passphrase, deviceToken);
    const options = await this.party.registrationOptions({
      rpName: PORTAL_RP_NAME,
      userName: PORTAL_USER_NAME,
      userDisplayName: PORTAL_USER_NAME,
      // Stable per participant, not the staff accounts' handle, and says nothing about the participant.
      userHandle: this.d.box.mac(`portal-webauthn-user:${p.id}`),
      existing: await this.d.repo.passkeysOf(this.d.repo.db, p.id),
    });
    await this.d.repo.setChallenge(session.id, options.challenge, this.now().toISOString());
    return options;
  }

  /**
   * Checks the authenticator's answer to this session's challenge (used up here: one
   * challenge, one try), given within 5 minutes of the passphrase, and stores the passkey.
   * Ends the participant's other sessions, as a new authenticator app does.
   */
  async register(p: PortalParticipant, sessionToken: string, response: unknown, label: string): Promise<number> {
    const name = label.replace(/\s+/g, ' ').trim();
    if (name.length > LABEL_MAX) throw invalid('label too long', { label: 'auth.passkey.label-invalid' });
    const session = await this.session(p, sessionToken);
    const fresh = !!session.reauth_at && this.now().getTime() - new Date(session.reauth_at).getTime() <= REAUTH_MS;
    const challenge = session.challenge;
    const parsed = asCredentialResponse(response);
    if (!challenge || !(await this.d.repo.takeChallenge(session.id, challenge)) || !parsed || !fresh) throw addFailed('no passkey registration under way');
    const credential = await this.party.verifyRegistration(parsed, challenge);
    if (!credential) throw addFailed('passkey registration failed');
    const row = await this.d.repo.participant(this.d.repo.db, p.id);
    if (!row) throw notFound('participant');
    const key = await this.key(p.editionId);
    const nowIso = this.now().toISOString();
    return this.d.repo.transaction(async (tx) => {
      if (await this.d.repo.credentialTaken(tx, credential.credentialId)) throw addFailed('passkey already added');
      const sealed = name ? key.seal(name, this.labelContext(row, credential.credentialId)) : '';
      const id = await this.d.repo.insertPasskey(tx, { participantId: p.id, ...credential, label: sealed, now: nowIso });
      await this.d.repo.deleteOtherSessions(tx, p.id, session.token_hash);
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'portal.passkey-added',
        objectType: 'participant',
        objectId: p.id,
        details: { passkey: id },
      });
      return id;
    });
  }

  /** Removes one of the participant's passkeys after the passphrase; somebody else's or a missing one: not found. */
  async remove(p: PortalParticipant, id: number, passphrase: string, deviceToken?: string): Promise<void> {
    if (!(await this.d.repo.passkeysOf(this.d.repo.db, p.id)).some((k) => k.id === id)) throw notFound('passkey');
    await this.factors.confirm(p, passphrase, deviceToken);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      if (!(await this.d.repo.deletePasskey(tx, id, p.id))) throw notFound('passkey');
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'portal.passkey-removed',
        objectType: 'participant',
        objectId: p.id,
        details: { passkey: id },
      });
    });
  }

  /** Whether this pending sign-in's participant has a passkey (the second step then offers it). */
  async offered(pendingToken: string): Promise<boolean> {
    const pending = await this.portal.pending(pendingToken);
    return !!pending && (await this.d.repo.hasPasskeys(pending.row.id));
  }

  /**
   * Options for navigator.credentials.get() in the second step: only the passkeys of the
   * participant whose passphrase was just given. No pending sign-in, or no passkey: not found.
   */
  async authenticationOptions(pendingToken: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const pending = await this.portal.pending(pendingToken);
    if (!pending) throw notFound('pending sign-in');
    const keys = await this.d.repo.passkeysOf(this.d.repo.db, pending.row.id);
    if (!keys.length) throw notFound('passkey');
    const options = await this.party.authenticationOptions(keys);
    await this.d.repo.setChallenge(pending.sessionId, options.challenge, null);
    return options;
  }

  /**
   * The second step with a passkey: the answer must sign the pending session's challenge
   * (used up here) with a passkey of that participant. Failures are throttled and audited
   * like wrong codes; success ends like an app code's sign-in, with method "passkey".
   */
  completeLogin(pendingToken: string, response: unknown, deviceToken?: string): Promise<{ token: string; device: string }> {
    return this.portal.completeLoginWith(
      pendingToken,
      async ({ sessionId, challenge, row }) => {
        const parsed = asCredentialResponse(response);
        if (!challenge || !(await this.d.repo.takeChallenge(sessionId, challenge)) || !parsed) return undefined;
        const key = await this.d.repo.passkeyByCredentialId(row.id, parsed.id);
        if (!key) return undefined;
        const counter = await this.party.verifyAuthentication(parsed, challenge, key);
        if (counter === undefined) return undefined;
        return (await this.d.repo.usePasskey(key.id, key.counter, counter, this.now().toISOString())) ? 'passkey' : undefined;
      },
      portalPasskeyFailed,
      deviceToken,
    );
  }
}
