import { isLocale, t, type Locale } from '../../i18n/index.js';
import { dummyHash, verifyPassword } from '../../security/passwords.js';
import { hashToken, randomToken } from '../../security/tokens.js';
import { PENDING_MS } from '../accounts/accounts.schema.js';
import { isTotpCode, spendRecoveryCode, totpStep } from '../accounts/second-factor.js';
import type { Admission, SignInThrottle } from '../accounts/sign-in-throttle.js';
import type { Programme } from '../conference/conference.schema.js';
import { icsCalendar, PROD_ID, type IcsEvent } from '../events/ical.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import type { RawForm } from '../shared/form-input.js';
import { ctx, ParticipationBase, type ParticipationDeps } from './participation.context.js';
import { loginHash } from './invitations.service.js';
import { HOLDS_IDENTITY, type ParticipantRecord } from './participation.repository.js';
import { parseProfileForm, PORTAL_ABSOLUTE_MS, PORTAL_IDLE_MS, type PortalParticipant, type Profile } from './participation.schema.js';
import { openProfile, sealProfile } from './profile-sealing.js';

/** A passphrase accepted: signed in, or (with a second factor set) a pending session for the code step. */
export type PortalSignIn = { pending: false; token: string; device: string } | { pending: true; token: string };

/** A portal sign-in past the passphrase, waiting for the second factor; `challenge` is the WebAuthn challenge it waits for, if any. */
export interface PendingSignIn {
  sessionId: number;
  challenge: string | null;
  row: ParticipantRecord;
}

export const portalLoginFailed = () => new DomainError('unauthenticated', 'portal login failed', { form: 'participation.login-failed' });

/** The personal programme: what the participant may see of the programme, with seats and their own picks. */
export interface PersonalProgramme {
  programme: Programme;
  picked: Set<number>;
  /** seats left per session with a capacity; absent: no limit */
  seatsLeft: Map<number, number>;
}

/**
 * The participant's side: signing in with the sign-in name and
 * passphrase set on accepting, the portal form, the personal programme and its calendar.
 * A participant reaches only their own row: every method takes the signed-in participant,
 * never an id from the request.
 */
export class PortalService extends ParticipationBase {
  constructor(
    d: ParticipationDeps,
    private readonly throttle: SignInThrottle,
  ) {
    super(d);
  }

  // ---- signing in

  /**
   * Same answer and one argon2 verification for unknown names, wrong passphrases and
   * attempts the throttle refused (security requirement R8); the throttle is the staff sign-in's
   * (src/core/accounts/sign-in-throttle.ts): a browser that signed in before keeps its own
   * allowance, others are slowed down, nothing locks. Returns the device cookie's value too.
   */
  async login(signIn: string, passphrase: string, deviceToken?: string): Promise<PortalSignIn> {
    const hash = loginHash(this.d.box, signIn.slice(0, 200));
    const admission = await this.throttle.admit(`portal:${hash}`, deviceToken);
    const now = this.now();
    const row = signIn.trim() && admission.via !== 'refused' ? await this.d.repo.participantByLogin(hash) : undefined;
    const ok = await verifyPassword(row ? row.passphrase_hash : await dummyHash(), passphrase);
    if (!row || !ok) {
      await this.loginFailed(admission, hash, 'password');
      throw portalLoginFailed();
    }
    const token = randomToken();
    if (row.totp_enabled || (await this.d.repo.hasPasskeys(row.id))) {
      // A second factor is set: the passphrase opens a pending session that only the second step can finish.
      await this.throttle.passed(admission);
      await this.d.repo.insertSession(this.d.repo.db, {
        participantId: row.id,
        hash: hashToken(token),
        nowIso: now.toISOString(),
        expiresAt: new Date(now.getTime() + PENDING_MS).toISOString(),
        stage: 'password',
      });
      return { pending: true, token };
    }
    const device = await this.throttle.succeeded(admission, deviceToken);
    await this.d.repo.insertSession(this.d.repo.db, {
      participantId: row.id,
      hash: hashToken(token),
      nowIso: now.toISOString(),
      expiresAt: new Date(now.getTime() + PORTAL_ABSOLUTE_MS).toISOString(),
    });
    await this.d.audit.record(this.d.repo.db, now.toISOString(), { actorId: null, action: 'portal.login', objectType: 'participant', objectId: row.id });
    return { pending: false, token, device };
  }

  /** A portal sign-in that passed the passphrase and waits for the second factor (10 minutes). */
  async pending(token: string): Promise<PendingSignIn | undefined> {
    const session = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.d.repo.sessionByHash(hashToken(token)) : undefined;
    if (!session || session.stage !== 'password' || session.expires_at <= this.now().toISOString()) return undefined;
    const row = await this.d.repo.participant(this.d.repo.db, session.participant_id);
    return row ? { sessionId: session.id, challenge: session.challenge, row } : undefined;
  }

  /**
   * The second step with an app code (each time step once) or a recovery code (once). On
   * success the session gets a new token (so the pending token is worthless) and the full stage.
   */
  completeLogin(pendingToken: string, code: string, deviceToken?: string): Promise<{ token: string; device: string }> {
    return this.completeLoginWith(pendingToken, (p) => this.checkFactor(p.row, code.slice(0, 64)), { code: 'login.code-wrong' }, deviceToken);
  }

  /**
   * The second step with any second factor (an app or recovery code, a passkey): `check`
   * answers the method used, or undefined when the factor failed. Throttled like the
   * passphrase, under the same key; a refused attempt is not even checked. `failure` is the
   * field error thrown when it fails; the audit entry names the method on success.
   */
  async completeLoginWith(
    pendingToken: string,
    check: (p: PendingSignIn) => Promise<string | undefined>,
    failure: Record<string, string>,
    deviceToken?: string,
  ): Promise<{ token: string; device: string }> {
    const p = await this.pending(pendingToken);
    if (!p) throw portalLoginFailed();
    const admission = await this.throttle.admit(`portal:${p.row.login_hash}`, deviceToken);
    const method = admission.via === 'refused' ? undefined : await check(p);
    if (!method) {
      await this.loginFailed(admission, p.row.login_hash, 'second-factor');
      throw new DomainError('unauthenticated', 'second factor failed', failure);
    }
    const device = await this.throttle.succeeded(admission, deviceToken);
    const token = randomToken();
    const now = this.now();
    const nowIso = now.toISOString();
    await this.d.repo.transaction(async (tx) => {
      const finished = await this.d.repo.finishSession(tx, p.sessionId, {
        hash: hashToken(token),
        nowIso,
        expiresAt: new Date(now.getTime() + PORTAL_ABSOLUTE_MS).toISOString(),
      });
      if (!finished) throw portalLoginFailed();
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.login', objectType: 'participant', objectId: p.row.id, details: { method } });
    });
    return { token, device };
  }

  /** An app code of the participant's authenticator, or one of their recovery codes (used up). */
  private async checkFactor(row: ParticipantRecord, code: string): Promise<'totp' | 'recovery' | undefined> {
    if (!row.totp_enabled || !row.totp_secret) return undefined;
    if (isTotpCode(code)) {
      const key = await this.key(row.edition_id);
      const step = await totpStep(key.open(row.totp_secret, ctx.participant(row.invitation_id, 'totp')), code, this.now(), row.totp_last_step);
      return step !== undefined && (await this.d.repo.advanceTotpStep(row.id, step)) ? 'totp' : undefined;
    }
    const left = spendRecoveryCode(this.d.box, row.recovery_codes, code);
    if (left === undefined) return undefined;
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, { recovery_codes: left, updated_at: nowIso });
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.recovery-code-used', objectType: 'participant', objectId: row.id });
    });
    return 'recovery';
  }

  /**
   * A failed sign-in: audited; when unknown browsers keep failing (at most once a day) the
   * participant is told by mail if their invitation had an address, and on the overview.
   */
  private async loginFailed(admission: Admission, hash: string, step: 'password' | 'second-factor'): Promise<void> {
    const nowIso = this.now().toISOString();
    // The row is looked up here even when the attempt was refused, for the audit entry only.
    const row = await this.d.repo.participantByLogin(hash);
    const notify = (await this.throttle.failed(admission)) && !!row;
    const address = notify && row ? await this.invitationAddress(row) : undefined;
    await this.d.repo.transaction(async (tx) => {
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'portal.login-failed',
        objectType: row ? 'participant' : null,
        objectId: row?.id ?? null,
        details: { step, throttled: admission.via === 'refused', knownBrowser: admission.via === 'device' },
      });
      if (!notify || !row) return;
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'portal.failures-notice',
        objectType: 'participant',
        objectId: row.id,
        details: { mailed: !!address },
      });
      if (address) {
        const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
        await this.queueMail(tx, nowIso, row.edition_id, `sign-in-failures:${row.id}:${nowIso}`, { kind: 'sign-in-failures', to: address, locale });
      }
    });
    if (address) this.d.onQueued?.();
  }

  /** The address the participant's invitation was mailed to, if it was. */
  private async invitationAddress(row: ParticipantRecord): Promise<string | undefined> {
    const invitation = await this.d.repo.invitation(this.d.repo.db, row.invitation_id);
    if (!invitation?.email_sealed) return undefined;
    const key = await this.key(row.edition_id);
    return key.open(invitation.email_sealed, ctx.invitationEmail(invitation.token_hash));
  }

  /** Whether unknown browsers failed to sign in to this participant's account many times lately (shown on the overview). */
  async strangerFailures(p: PortalParticipant): Promise<boolean> {
    const row = await this.own(p);
    return this.throttle.recentStrangerFailures(`portal:${row.login_hash}`);
  }

  /** The participant a session token belongs to, or undefined when it ended (idle, too old, signed out, erased). */
  async authenticate(token: string): Promise<PortalParticipant | undefined> {
    const session = await this.d.repo.sessionByHash(hashToken(token));
    const now = this.now();
    const nowIso = now.toISOString();
    if (!session || session.stage !== 'full' || session.expires_at <= nowIso || new Date(session.last_seen_at).getTime() + PORTAL_IDLE_MS <= now.getTime())
      return undefined;
    const row = await this.d.repo.participant(this.d.repo.db, session.participant_id);
    if (!row) return undefined;
    const edition = await this.d.repo.edition(this.d.repo.db, row.edition_id);
    if (!edition) return undefined;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) await this.d.repo.touchSession(session.id, nowIso);
    return { id: row.id, editionId: row.edition_id, editionYear: edition.year, role: row.role, locale: isLocale(row.locale) ? row.locale : 'en' };
  }

  async logout(token: string): Promise<void> {
    await this.d.repo.deleteSession(hashToken(token));
  }

  /** Ended portal sessions; main.ts runs it with the other hourly jobs. */
  async purgeSessions(): Promise<void> {
    const now = this.now();
    await this.d.repo.deleteStaleSessions(new Date(now.getTime() - PORTAL_IDLE_MS).toISOString(), now.toISOString());
  }

  private async own(p: PortalParticipant): Promise<ParticipantRecord> {
    const row = await this.d.repo.participant(this.d.repo.db, p.id);
    if (!row || row.edition_id !== p.editionId) throw notFound('participant');
    return row;
  }

  // ---- the portal form

  async profile(p: PortalParticipant): Promise<{ profile: Profile; retentionDays: number; editionEndsOn: string | null }> {
    const row = await this.own(p);
    const key = await this.key(p.editionId);
    const edition = await this.edition(p.editionId);
    return { profile: openProfile(key, row), retentionDays: this.d.retentionDays, editionEndsOn: edition.ends_on };
  }

  /** Saves the whole form; legal identity is kept only while travel support or a visa letter is asked for. */
  async saveProfile(p: PortalParticipant, raw: RawForm): Promise<void> {
    const profile = parseProfileForm(raw);
    const row = await this.own(p);
    const key = await this.key(p.editionId);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, { ...sealProfile(key, row.invitation_id, profile), updated_at: nowIso });
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.profile-saved', objectType: 'participant', objectId: row.id });
    });
    // The legal identity was removed (no travel support or visa letter any more): out of the database files too.
    if (row.identity_sealed !== null && !profile.identity) await this.scrub({ type: 'participant', id: row.id }, HOLDS_IDENTITY);
  }

  // ---- the personal programme

  async programme(p: PortalParticipant, locale: Locale): Promise<PersonalProgramme> {
    const programme = await this.d.conference.programme({ kind: 'participant', editionIds: [p.editionId] }, p.editionYear, locale);
    const [picks, seatsLeft] = await Promise.all([this.d.repo.picks(this.d.repo.db, p.id), this.d.repo.seatsLeft(p.editionId)]);
    return { programme, picked: new Set(picks.map((x) => x.session_id)), seatsLeft };
  }

  /** The sessions the participant may pick: those of their edition they may see, in a published programme. */
  private async pickable(p: PortalParticipant, sessionId: number) {
    const programme = await this.d.conference.programme({ kind: 'participant', editionIds: [p.editionId] }, p.editionYear, p.locale);
    const session = programme.published ? programme.all.find((s) => s.id === sessionId) : undefined;
    if (!session) throw notFound('session');
    const row = await this.d.repo.session(p.editionId, sessionId);
    if (!row || row.type === 'break') throw notFound('session');
    return row;
  }

  /**
   * Picks a session: within its capacity (one conditional UPDATE), part 2 only with part 1,
   * never two sessions at once. Picking one already picked changes nothing.
   */
  async pick(p: PortalParticipant, sessionId: number): Promise<void> {
    const session = await this.pickable(p, sessionId);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      // One participant's picks run one at a time (the row lock), so two tabs cannot create a clash.
      // The lock also checks that the participant is of the session's edition (as own() does elsewhere).
      if (!(await this.d.repo.lockParticipant(tx, p.id, p.editionId, nowIso))) throw notFound('participant');
      const picks = await this.d.repo.picks(tx, p.id);
      if (picks.some((x) => x.session_id === session.id)) return;
      if (session.requires_session_id !== null && !picks.some((x) => x.session_id === session.requires_session_id)) {
        throw invalid('part 1 first', { form: 'participation.needs-part-1' });
      }
      if (picks.some((x) => x.starts_at < session.ends_at && x.ends_at > session.starts_at)) throw invalid('clash', { form: 'participation.session-clash' });
      if (!(await this.d.repo.takeSeat(tx, session.id, session.capacity)))
        throw new DomainError('conflict', 'session full', { form: 'participation.session-full' });
      await this.d.repo.insertPick(tx, p.id, session.id, nowIso);
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'portal.session-picked',
        objectType: 'session',
        objectId: session.id,
        details: { participant: p.id },
      });
    });
  }

  async unpick(p: PortalParticipant, sessionId: number): Promise<void> {
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      if (!(await this.d.repo.lockParticipant(tx, p.id, p.editionId, nowIso))) throw notFound('participant');
      const picks = await this.d.repo.picks(tx, p.id);
      if (!picks.some((x) => x.session_id === sessionId)) throw notFound('pick');
      if (picks.some((x) => x.requires_session_id === sessionId)) throw invalid('part 2 chosen', { form: 'participation.part-2-chosen' });
      await this.d.repo.deletePick(tx, p.id, sessionId);
      await this.d.repo.releaseSeat(tx, sessionId);
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'portal.session-unpicked',
        objectType: 'session',
        objectId: sessionId,
        details: { participant: p.id },
      });
    });
  }

  // ---- the personal calendar

  /** The feed's address, or null when there is none (never made, or revoked). */
  async calendarUrl(p: PortalParticipant): Promise<string | null> {
    const row = await this.own(p);
    if (!row.calendar_token_sealed) return null;
    const key = await this.key(p.editionId);
    return this.feedUrl(key.open(row.calendar_token_sealed, ctx.participant(row.invitation_id, 'calendar')));
  }

  private feedUrl(token: string): string {
    return this.d.links.portalCalendar(token);
  }

  /** Makes a new secret address for the feed; the old one stops working at once. */
  async newCalendarUrl(p: PortalParticipant): Promise<string> {
    const row = await this.own(p);
    const key = await this.key(p.editionId);
    const token = randomToken();
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, {
        calendar_token_hash: hashToken(token),
        calendar_token_sealed: key.seal(token, ctx.participant(row.invitation_id, 'calendar')),
        updated_at: nowIso,
      });
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.calendar-link-made', objectType: 'participant', objectId: row.id });
    });
    return this.feedUrl(token);
  }

  async revokeCalendarUrl(p: PortalParticipant): Promise<void> {
    const row = await this.own(p);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateParticipant(tx, row.id, { calendar_token_hash: null, calendar_token_sealed: null, updated_at: nowIso });
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'portal.calendar-link-revoked', objectType: 'participant', objectId: row.id });
    });
  }

  /** The iCalendar feed behind a secret address: the participant's picked sessions. Unknown or revoked: not found. */
  async calendarFeed(token: string): Promise<string> {
    const row = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.d.repo.participantByCalendar(hashToken(token)) : undefined;
    if (!row) throw notFound('calendar');
    const edition = await this.edition(row.edition_id);
    const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
    const p: PortalParticipant = { id: row.id, editionId: row.edition_id, editionYear: edition.year, role: row.role, locale };
    const { programme, picked } = await this.programme(p, locale);
    const host = this.d.links.host;
    const where = [programme.edition.venueName, programme.edition.city].filter(Boolean).join(', ');
    const events: IcsEvent[] = programme.all
      .filter((s) => picked.has(s.id))
      .map((s) => ({
        // Neither the participant's nor the session's row id: a searched phone shows no count.
        uid: `${hashToken(`${token}:${s.publicId}`).slice(0, 22)}@${host}`,
        start: new Date(s.startsAt),
        end: new Date(s.endsAt),
        stamp: new Date(s.updatedAt),
        lastModified: new Date(s.updatedAt),
        summary: s.partNumber && s.partCount ? `${s.title} (${s.partNumber}/${s.partCount})` : s.title,
        description: s.description || null,
        location: [s.room, where].filter(Boolean).join(', ') || null,
        url: null,
        status: 'CONFIRMED',
      }));
    return icsCalendar({ name: t(locale, 'portal.calendar.name'), prodId: PROD_ID, ttlSeconds: 3600, events });
  }
}
