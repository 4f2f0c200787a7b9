import type { Tx } from '../../db/database.js';
import { isLocale, type Locale } from '../../i18n/index.js';
import type { FieldKey } from '../../security/data-keys.js';
import { hashPassword } from '../../security/passwords.js';
import { hashToken, normaliseCode, randomCode, randomToken, safeEqual } from '../../security/tokens.js';
import type { Principal } from '../accounts/accounts.schema.js';
import { isUniqueViolation } from '../shared/db-errors.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { field, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import { ctx, ParticipationBase } from './participation.context.js';
import type { InvitationRow } from './participation.repository.js';
import {
  emptyProfile,
  INVITATION_CODE_LENGTH,
  INVITATION_CODE_TRIES,
  mailKeyPrefix,
  normaliseSignIn,
  parseAcceptForm,
  parseInvitationForm,
  PORTAL_ABSOLUTE_MS,
  SIGN_IN_SUFFIX_LENGTH,
  type InvitationOffer,
  type InvitationSummary,
  type ParticipantRole,
} from './participation.schema.js';
import { sealProfile } from './profile-sealing.js';

/** A link that cannot be used: unknown, used, forwarded and used by someone else, expired or revoked. One answer for all. */
export const linkUnusable = () => new DomainError('not-found', 'invitation link unusable', { form: 'participation.link-unusable' });

export const loginHash = (box: { mac(v: string): string }, signIn: string) => box.mac(`participant-login:${normaliseSignIn(signIn)}`);

/** The second secret's keyed hash, bound to its invitation: a seized database alone cannot test codes. */
const codeHash = (box: { mac(v: string): string }, tokenHash: string, code: string) => box.mac(`invitation-code:${tokenHash}:${normaliseCode(code)}`);

/** How often accepting tries another random sign-in name suffix before giving up (a clash is already rare). */
const SIGN_IN_ATTEMPTS = 3;

/** What an invitation is made of, whoever makes it (staff, or an accepted application). */
interface NewInvitation {
  editionId: number;
  role: ParticipantRole;
  label: string;
  email: string;
  days: number;
  createdBy: number | null;
  applicationId: number | null;
}

/**
 * Invitations to the closed part. Staff create one per person, edition and
 * role, and mail it or pass the link on themselves. The link works once: accepting binds it
 * to the sign-in name and passphrase the invitee sets, in one transaction with a conditional
 * update, so two people with the same link cannot both get in.
 */
export class InvitationsService extends ParticipationBase {
  private async insert(
    tx: Tx,
    key: FieldKey,
    v: NewInvitation & { requireCode?: boolean },
  ): Promise<{ id: number; token: string; expiresAt: string; code: string | null }> {
    const now = this.now();
    const token = randomToken();
    const hash = hashToken(token);
    const expiresAt = new Date(now.getTime() + v.days * 86_400_000).toISOString();
    const code = v.requireCode ? randomCode(INVITATION_CODE_LENGTH) : null;
    const id = await this.d.repo.insertInvitation(tx, {
      edition_id: v.editionId,
      role: v.role,
      status: 'open',
      token_hash: hash,
      label_sealed: key.seal(v.label, ctx.invitationLabel(hash)),
      email_sealed: v.email ? key.seal(v.email, ctx.invitationEmail(hash)) : null,
      application_id: v.applicationId,
      created_by: v.createdBy,
      expires_at: expiresAt,
      created_at: now.toISOString(),
      code_hash: code ? codeHash(this.d.box, hash, code) : null,
      frozen_at: null,
    });
    return { id, token, expiresAt, code };
  }

  /** Used by the calls service when an application is accepted: the invitation is mailed to the applicant. */
  async createIn(tx: Tx, key: FieldKey, v: NewInvitation & { locale: Locale }): Promise<number> {
    const made = await this.insert(tx, key, v);
    if (v.email) {
      await this.queueMail(tx, this.now().toISOString(), v.editionId, `invitation:${made.id}`, {
        kind: 'invitation',
        to: v.email,
        locale: v.locale,
        token: made.token,
        expiresAt: made.expiresAt,
      });
    }
    return made.id;
  }

  /**
   * Creates an invitation. With an address it is mailed and the link is not shown; without
   * one the link is returned once, to be passed on by another channel, and never again. When
   * staff ask for a second secret, its code is returned once too (never mailed, never stored
   * but as a keyed hash), shown as two groups of four.
   */
  async create(
    p: Principal,
    editionId: number,
    raw: RawForm,
  ): Promise<{ id: number; link: string | null; code: string | null; label: string; expiresAt: string }> {
    requirePermission(p, 'participant.invite');
    await this.edition(editionId);
    const input = parseInvitationForm(raw, (v): v is Locale => isLocale(v));
    const key = await this.key(editionId);
    const nowIso = this.now().toISOString();
    const made = await this.d.repo.transaction(async (tx) => {
      const m = await this.insert(tx, key, { editionId, ...input, createdBy: p.userId, applicationId: null });
      if (input.email) {
        await this.queueMail(tx, nowIso, editionId, `invitation:${m.id}`, {
          kind: 'invitation',
          to: input.email,
          locale: input.locale,
          token: m.token,
          expiresAt: m.expiresAt,
        });
      }
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'invitation.created',
        objectType: 'invitation',
        objectId: m.id,
        details: { edition: editionId, role: input.role, mailed: !!input.email, code: input.requireCode },
      });
      return m;
    });
    if (input.email) this.d.onQueued?.();
    return {
      id: made.id,
      link: input.email ? null : this.d.links.invitation(input.locale, made.token),
      code: made.code ? `${made.code.slice(0, 4)}-${made.code.slice(4)}` : null,
      label: input.label,
      expiresAt: made.expiresAt,
    };
  }

  private summaries(key: FieldKey, rows: InvitationRow[]): InvitationSummary[] {
    const nowIso = this.now().toISOString();
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      status: r.status === 'open' && r.expires_at <= nowIso ? 'expired' : r.status,
      label: key.open(r.label_sealed, ctx.invitationLabel(r.token_hash)),
      mailed: r.email_sealed !== null,
      fromApplication: r.application_id !== null,
      expiresAt: r.expires_at,
      createdAt: r.created_at,
      acceptedAt: r.accepted_at,
      withCode: r.code_hash !== null,
    }));
  }

  /** The edition's invitations with staff's sealed notes opened; every call is one audited read (ids and a count only). */
  async list(p: Principal, editionId: number): Promise<InvitationSummary[]> {
    requirePermission(p, 'participant.invite');
    await this.edition(editionId);
    const rows = await this.d.repo.invitations(editionId);
    const key = rows.length ? await this.key(editionId) : undefined;
    await this.d.audit.record(this.d.repo.db, this.now().toISOString(), {
      actorId: p.userId,
      action: 'invitation.list-read',
      objectType: 'edition',
      objectId: editionId,
      details: { count: rows.length },
    });
    return key ? this.summaries(key, rows) : [];
  }

  /** One invitation of the edition with its note opened (the page before revoking), audited. */
  async one(p: Principal, editionId: number, invitationId: number): Promise<InvitationSummary> {
    requirePermission(p, 'participant.invite');
    const row = await this.d.repo.invitation(this.d.repo.db, invitationId);
    if (!row || row.edition_id !== editionId) throw notFound('invitation');
    const key = await this.key(editionId);
    await this.d.audit.record(this.d.repo.db, this.now().toISOString(), {
      actorId: p.userId,
      action: 'invitation.read',
      objectType: 'invitation',
      objectId: invitationId,
    });
    return this.summaries(key, [row])[0]!;
  }

  async revoke(p: Principal, editionId: number, invitationId: number): Promise<void> {
    requirePermission(p, 'participant.invite');
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      const row = await this.d.repo.invitation(tx, invitationId);
      if (!row || row.edition_id !== editionId) throw notFound('invitation');
      if (!(await this.d.repo.closeInvitation(tx, invitationId, 'revoked', nowIso))) throw invalid('not open', { form: 'participation.invitation-not-open' });
      // Mail with the link that is still queued is not sent any more.
      await this.d.repo.withdrawMail(tx, `${mailKeyPrefix(editionId)}invitation:${invitationId}`);
      await this.d.audit.record(tx, nowIso, { actorId: p.userId, action: 'invitation.revoked', objectType: 'invitation', objectId: invitationId });
    });
  }

  private usable(row: InvitationRow | undefined): row is InvitationRow {
    return !!row && row.status === 'open' && row.expires_at > this.now().toISOString();
  }

  /** What the link's page shows before accepting; a link that cannot be used gets the one neutral answer. */
  async offer(token: string): Promise<InvitationOffer> {
    const row = await this.d.repo.invitationByHash(this.d.repo.db, hashToken(token));
    if (!this.usable(row)) throw linkUnusable();
    const edition = await this.edition(row.edition_id);
    return { editionYear: edition.year, role: row.role, expiresAt: row.expires_at, needsCode: row.code_hash !== null };
  }

  /**
   * Checks the second secret of an invitation that needs one. A wrong or missing code counts
   * against the invitation (in its own transaction, kept even though the accept fails); at
   * INVITATION_CODE_TRIES it is frozen, and from then on the link gets the neutral answer.
   */
  private async checkCode(row: InvitationRow, raw: RawForm): Promise<void> {
    if (row.code_hash === null) return;
    const typed = field(raw, 'code');
    if (typed && safeEqual(codeHash(this.d.box, row.token_hash, typed), row.code_hash)) return;
    const nowIso = this.now().toISOString();
    const frozen = await this.d.repo.transaction(async (tx) => {
      const failures = await this.d.repo.countCodeFailure(tx, row.id);
      if (failures === undefined) return true; // no longer open: used, revoked or frozen meanwhile
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'invitation.code-failed',
        objectType: 'invitation',
        objectId: row.id,
        details: { failures },
      });
      if (failures < INVITATION_CODE_TRIES) return false;
      await this.d.repo.freezeInvitation(tx, row.id, nowIso);
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'invitation.frozen', objectType: 'invitation', objectId: row.id, details: { failures } });
      return true;
    });
    if (frozen) throw linkUnusable();
    throw invalid('invitation code wrong', { code: typed ? 'participation.code-wrong' : 'participation.code-missing' });
  }

  /**
   * Accepts: checks the second secret when the invitation needs one, sets the sign-in name and
   * passphrase, creates the participant and a portal session, and closes the invitation, all in
   * one transaction. Returns the session token and the sign-in name, to be shown this once.
   *
   * The sign-in name is the word the invitee picked, a dash and random characters: the form
   * never says a name is taken, so a holder of an unused link cannot test which names exist.
   * A clash (same word, same suffix) only means another suffix is tried.
   */
  async accept(token: string, raw: RawForm, locale: Locale): Promise<{ sessionToken: string; participantId: number; signIn: string }> {
    const hash = hashToken(token);
    const first = await this.d.repo.invitationByHash(this.d.repo.db, hash);
    if (!this.usable(first)) throw linkUnusable();
    await this.checkCode(first, raw);
    const input = parseAcceptForm(raw);
    const passphraseHash = await hashPassword(input.passphrase);
    const key = await this.key(first.edition_id);
    const badgeToken = randomToken();
    const sessionToken = randomToken();
    const now = this.now();
    const nowIso = now.toISOString();
    for (let attempt = 1; ; attempt++) {
      const signIn = `${input.signIn}-${randomCode(SIGN_IN_SUFFIX_LENGTH).toLowerCase()}`;
      try {
        const participantId = await this.d.repo.transaction(async (tx) => {
          const row = await this.d.repo.invitationByHash(tx, hash);
          // The conditional update is the single point where a link is spent.
          if (!this.usable(row) || !(await this.d.repo.closeInvitation(tx, row.id, 'accepted', nowIso))) throw linkUnusable();
          const sealed = sealProfile(key, row.id, emptyProfile(input.displayName));
          const id = await this.d.repo.insertParticipant(tx, {
            edition_id: row.edition_id,
            invitation_id: row.id,
            role: row.role,
            login_hash: loginHash(this.d.box, signIn),
            passphrase_hash: passphraseHash,
            ...sealed,
            notes_sealed: null,
            badge_token_hash: hashToken(badgeToken),
            badge_token_sealed: key.seal(badgeToken, ctx.participant(row.id, 'badge')),
            calendar_token_hash: null,
            calendar_token_sealed: null,
            locale,
            created_at: nowIso,
            updated_at: nowIso,
          });
          await this.d.repo.insertSession(tx, {
            participantId: id,
            hash: hashToken(sessionToken),
            nowIso,
            expiresAt: new Date(now.getTime() + PORTAL_ABSOLUTE_MS).toISOString(),
          });
          await this.d.audit.record(tx, nowIso, {
            actorId: null,
            action: 'invitation.accepted',
            objectType: 'participant',
            objectId: id,
            details: { invitation: row.id },
          });
          return id;
        });
        return { sessionToken, participantId, signIn };
      } catch (e) {
        // The same word and suffix exist already: try another suffix (the link is still unused).
        if (isUniqueViolation(e) && attempt < SIGN_IN_ATTEMPTS) continue;
        throw e;
      }
    }
  }
}
