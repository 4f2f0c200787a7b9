import { verifyPassword } from '../../security/passwords.js';
import { hashToken } from '../../security/tokens.js';
import { makeRecoveryCodes, newTotpSecret, storedRecoveryCodes, totpStep, totpUri } from '../accounts/second-factor.js';
import type { SignInThrottle } from '../accounts/sign-in-throttle.js';
import { invalid, notFound } from '../shared/errors.js';
import { ctx, ParticipationBase, type ParticipationDeps } from './participation.context.js';
import type { ParticipantRecord } from './participation.repository.js';
import type { PortalParticipant } from './participation.schema.js';

/**
 * What the participant's authenticator app shows as the entry's name. Neutral on purpose:
 * a phone searched at a border must not show the conference or the organisation.
 */
const PORTAL_TOTP_ISSUER = 'Portal';
const PORTAL_TOTP_LABEL = 'sign-in';

const enrolContext = (participantId: number) => `portal-totp-enrol:${participantId}`;

/** The participant's second factor as the account page shows it. */
export interface FactorStatus {
  totp: boolean;
  recoveryLeft: number;
}

/**
 * A participant's own second factor (an authenticator app, with recovery codes), the same
 * code as staff's (src/core/accounts/second-factor.ts). Adding or removing it asks for the
 * passphrase again, throttled like a sign-in, so a session left open cannot change it. The
 * secret is sealed under the edition's data key, so it goes with the edition's erasure.
 */
export class PortalFactorsService extends ParticipationBase {
  constructor(
    d: ParticipationDeps,
    private readonly throttle: SignInThrottle,
  ) {
    super(d);
  }

  private async own(p: PortalParticipant): Promise<ParticipantRecord> {
    const row = await this.d.repo.participant(this.d.repo.db, p.id);
    if (!row || row.edition_id !== p.editionId) throw notFound('participant');
    return row;
  }

  async status(p: PortalParticipant): Promise<FactorStatus> {
    const row = await this.own(p);
    return { totp: row.totp_enabled === 1, recoveryLeft: row.recovery_codes.split(' ').filter(Boolean).length };
  }

  /** A fresh secret to show (text and QR code) and its sealed copy for the form; `keepSealed` keeps the one the app already holds. */
  async startTotp(p: PortalParticipant, keepSealed?: string): Promise<{ secret: string; uri: string; sealedSecret: string }> {
    await this.own(p);
    let secret: string | undefined;
    if (keepSealed) {
      try {
        secret = this.d.box.open(keepSealed, enrolContext(p.id));
      } catch {
        secret = undefined;
      }
    }
    secret ??= newTotpSecret();
    return { secret, uri: totpUri(PORTAL_TOTP_LABEL, secret, PORTAL_TOTP_ISSUER), sealedSecret: this.d.box.seal(secret, enrolContext(p.id)) };
  }

  /** The signed-in participant's passphrase again (for their passkeys): their row, or a field error. */
  async confirm(p: PortalParticipant, passphrase: string, deviceToken: string | undefined): Promise<ParticipantRecord> {
    const row = await this.own(p);
    await this.confirmPassphrase(row, passphrase, deviceToken);
    return row;
  }

  /** The passphrase again, throttled as at sign-in; a wrong one is a field error. */
  private async confirmPassphrase(row: ParticipantRecord, passphrase: string, deviceToken: string | undefined): Promise<void> {
    const admission = await this.throttle.admit(`portal:${row.login_hash}`, deviceToken);
    const ok = admission.via !== 'refused' && (await verifyPassword(row.passphrase_hash, passphrase));
    if (ok) return this.throttle.passed(admission);
    await this.throttle.failed(admission);
    await this.d.audit.record(this.d.repo.db, this.now().toISOString(), {
      actorId: null,
      action: 'portal.reauth-failed',
      objectType: 'participant',
      objectId: row.id,
    });
    throw invalid('passphrase wrong', { passphrase: 'portal.factor.passphrase-wrong' });
  }

  /**
   * Turns the app on: the passphrase, the sealed secret from the form and a current code.
   * Ends the participant's other sessions. Returns the recovery codes, shown once.
   */
  async addTotp(
    p: PortalParticipant,
    sessionToken: string,
    form: { passphrase: string; sealedSecret: string; code: string },
    deviceToken?: string,
  ): Promise<string[]> {
    const row = await this.own(p);
    if (row.totp_enabled) throw invalid('already on', { form: 'portal.factor.already-on' });
    let secret: string | undefined;
    try {
      secret = this.d.box.open(form.sealedSecret, enrolContext(p.id));
    } catch {
      throw invalid('secret changed', { code: 'enrol.secret-invalid' });
    }
    await this.confirmPassphrase(row, form.passphrase, deviceToken);
    const step = await totpStep(secret, form.code, this.now());
    if (step === undefined) throw invalid('code wrong', { code: 'login.code-wrong' });
    const codes = makeRecoveryCodes();
    const key = await this.key(p.editionId);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, {
        totp_secret: key.seal(secret, ctx.participant(row.invitation_id, 'totp')),
        totp_enabled: 1,
        totp_last_step: step,
        recovery_codes: storedRecoveryCodes(this.d.box, codes),
        updated_at: nowIso,
      });
      await this.d.repo.deleteOtherSessions(tx, row.id, hashToken(sessionToken));
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.totp-added', objectType: 'participant', objectId: row.id });
    });
    return codes;
  }

  /** Turns the app off (and its recovery codes), after the passphrase. */
  async removeTotp(p: PortalParticipant, passphrase: string, deviceToken?: string): Promise<void> {
    const row = await this.own(p);
    if (!row.totp_enabled) return;
    await this.confirmPassphrase(row, passphrase, deviceToken);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, { totp_secret: null, totp_enabled: 0, totp_last_step: 0, recovery_codes: '', updated_at: nowIso });
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.totp-removed', objectType: 'participant', objectId: row.id });
    });
  }
}
