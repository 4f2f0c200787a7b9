import { isLocale, locales, type Locale } from '../../i18n/index.js';
import { randomToken } from '../../security/tokens.js';
import { normaliseEmail, type Principal } from '../accounts/accounts.schema.js';
import { pickText } from '../conference/conference.schema.js';
import { isUniqueViolation } from '../shared/db-errors.js';
import { invalid, notFound } from '../shared/errors.js';
import type { RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import { ctx, ParticipationBase, type ParticipationDeps } from './participation.context.js';
import type { InvitationsService } from './invitations.service.js';
import type { CallRow } from './participation.repository.js';
import {
  INVITATION_DAYS,
  isDecision,
  parseApplicationForm,
  parseCallForm,
  parseReviewForm,
  RECEIPT_INTERVAL_MS,
  RECEIPTS_PER_CALL_HOUR,
  type ApplicationAnswers,
  type ApplicationView,
  type CallInput,
  type CallSummary,
} from './participation.schema.js';

/**
 * Open calls: a call has a form and a deadline; anyone may apply while it
 * is open. Reviewers (participant.review) score and comment; staff who invite
 * (participant.invite) accept, decline or put on the waiting list. Accepting turns the
 * application into an invitation mailed to the applicant, in the same transaction.
 */
export class CallsService extends ParticipationBase {
  constructor(
    d: ParticipationDeps,
    private readonly invitations: InvitationsService,
  ) {
    super(d);
  }

  private summary(row: CallRow, locale: Locale, applications?: number): CallSummary {
    const texts = JSON.parse(row.texts) as Record<string, unknown>;
    const title = pickText(texts, locale, 'title');
    const body = pickText(texts, title.lang, 'body');
    return {
      id: row.id,
      editionId: row.edition_id,
      editionYear: row.edition_year,
      role: row.role,
      status: row.status,
      deadline: row.deadline,
      title: title.text,
      body: body.text,
      lang: title.lang,
      accepting: row.status === 'open' && row.deadline >= this.now().toISOString(),
      ...(applications === undefined ? {} : { applications }),
    };
  }

  // ---- staff: calls

  async calls(p: Principal, editionId: number, locale: Locale): Promise<CallSummary[]> {
    requirePermission(p, 'participant.review');
    await this.edition(editionId);
    const [rows, counts] = await Promise.all([this.d.repo.calls(editionId), this.d.repo.applicationCounts(editionId)]);
    return rows.map((r) => this.summary(r, locale, counts.get(r.id) ?? 0));
  }

  /** The call's stored values, for the edit form. */
  async callForEdit(p: Principal, editionId: number, callId: number): Promise<CallInput & { id: number }> {
    requirePermission(p, 'participant.invite');
    const row = await this.d.repo.call(this.d.repo.db, callId);
    if (!row || row.edition_id !== editionId) throw notFound('call');
    return { id: row.id, role: row.role, status: row.status, deadline: row.deadline, texts: JSON.parse(row.texts) as CallInput['texts'] };
  }

  async saveCall(p: Principal, editionId: number, callId: number | null, raw: RawForm): Promise<number> {
    requirePermission(p, 'participant.invite');
    await this.edition(editionId);
    const input = parseCallForm(raw, locales);
    const nowIso = this.now().toISOString();
    return this.d.repo.transaction(async (tx) => {
      const values = { role: input.role, status: input.status, deadline: input.deadline, texts: JSON.stringify(input.texts), updated_at: nowIso };
      const id = await this.d.repo.saveCall(tx, editionId, callId, values, nowIso);
      if (id === undefined) throw notFound('call');
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: callId === null ? 'call.created' : 'call.updated',
        objectType: 'call',
        objectId: id,
        details: { edition: editionId, status: input.status },
      });
      return id;
    });
  }

  // ---- visitors: applying

  /** Open calls before their deadline, for the public list. */
  async openCalls(locale: Locale): Promise<CallSummary[]> {
    return (await this.d.repo.openCalls(this.now().toISOString())).map((r) => this.summary(r, locale));
  }

  /** A call as the public sees it: only open ones exist (a draft or closed one is not found). */
  async publicCall(callId: number, locale: Locale): Promise<CallSummary & { idempotencyKey: string }> {
    const row = await this.d.repo.call(this.d.repo.db, callId);
    // Only an open call of a published edition exists for the public (a draft edition stays unseen).
    if (!row || row.status !== 'open' || row.edition_status !== 'published') throw notFound('call');
    return { ...this.summary(row, locale), idempotencyKey: randomToken().slice(0, 32) };
  }

  /**
   * Stores an application, sealed, and mails a receipt: at most one an hour to the same address
   * for this call, and at most RECEIPTS_PER_CALL_HOUR an hour for the call. The same form twice
   * stores it once.
   */
  async apply(callId: number, raw: RawForm, locale: Locale): Promise<void> {
    const row = await this.d.repo.call(this.d.repo.db, callId);
    // Only an open call of a published edition exists for the public (a draft edition stays unseen).
    if (!row || row.status !== 'open' || row.edition_status !== 'published') throw notFound('call');
    const { answers, idempotencyKey } = parseApplicationForm(raw);
    if (row.deadline < this.now().toISOString()) throw invalid('call closed', { form: 'participation.call-closed' });
    const key = await this.key(row.edition_id);
    const now = this.now();
    const nowIso = now.toISOString();
    // Receipts are limited per address (keyed by an HMAC of the call and the address, never the
    // address itself) and per call; the application is stored either way.
    const emailHash = this.d.box.mac(`application-email:${callId}:${normaliseEmail(answers.email)}`);
    const since = new Date(now.getTime() - RECEIPT_INTERVAL_MS).toISOString();
    try {
      const mailed = await this.d.repo.transaction(async (tx) => {
        if (await this.d.repo.applicationByKey(tx, callId, idempotencyKey)) return false;
        const sent = await this.d.repo.receiptsSince(tx, callId, emailHash, since);
        const receipt = sent.address === 0 && sent.call < RECEIPTS_PER_CALL_HOUR;
        const id = await this.d.repo.insertApplication(tx, {
          call_id: callId,
          edition_id: row.edition_id,
          answers_sealed: key.seal(JSON.stringify(answers), ctx.application(callId, idempotencyKey)),
          idempotency_key: idempotencyKey,
          locale,
          email_hash: emailHash,
          receipt_sent_at: receipt ? nowIso : null,
          nowIso,
        });
        if (receipt)
          await this.queueMail(tx, nowIso, row.edition_id, `application:${id}:received`, { kind: 'application-received', to: answers.email, locale });
        await this.d.audit.record(tx, nowIso, {
          actorId: null,
          action: 'application.submitted',
          objectType: 'application',
          objectId: id,
          details: { call: callId, receipt: receipt ? 'mailed' : 'limited' },
        });
        return receipt;
      });
      if (mailed) this.d.onQueued?.();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // the same form at the same moment: stored once
    }
  }

  // ---- reviewers and deciders

  async applications(p: Principal, editionId: number, callId: number, locale: Locale): Promise<{ call: CallSummary; applications: ApplicationView[] }> {
    requirePermission(p, 'participant.review');
    const row = await this.d.repo.call(this.d.repo.db, callId);
    if (!row || row.edition_id !== editionId) throw notFound('call');
    const apps = await this.d.repo.applications(callId);
    const reviews = await this.d.repo.reviews(apps.map((a) => a.id));
    const key = apps.length ? await this.key(editionId) : undefined;
    const nowIso = this.now().toISOString();
    await this.d.audit.record(this.d.repo.db, nowIso, {
      actorId: p.userId,
      action: 'application.list-read',
      objectType: 'call',
      objectId: callId,
      details: { count: apps.length },
    });
    return {
      call: this.summary(row, locale, apps.length),
      applications: apps.map((a) => {
        const mine = reviews.filter((r) => r.application_id === a.id);
        return {
          id: a.id,
          callId,
          status: a.status,
          answers: JSON.parse(key!.open(a.answers_sealed, ctx.application(callId, a.idempotency_key))) as ApplicationAnswers,
          createdAt: a.created_at,
          decidedAt: a.decided_at,
          reviews: mine.map((r) => ({
            reviewerId: r.reviewer_id,
            reviewerName: r.display_name,
            score: r.score,
            comment: r.comment_sealed ? key!.open(r.comment_sealed, ctx.review(a.id, r.reviewer_id)) : '',
          })),
          meanScore: mine.length ? Math.round((mine.reduce((s, r) => s + r.score, 0) / mine.length) * 10) / 10 : null,
          invitationId: a.invitation_id,
        };
      }),
    };
  }

  private async applicationOf(editionId: number, callId: number, applicationId: number) {
    const a = await this.d.repo.application(this.d.repo.db, applicationId);
    if (!a || a.call_id !== callId || a.edition_id !== editionId) throw notFound('application');
    return a;
  }

  async review(p: Principal, editionId: number, callId: number, applicationId: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'participant.review');
    await this.applicationOf(editionId, callId, applicationId);
    const input = parseReviewForm(raw);
    const key = await this.key(editionId);
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.saveReview(tx, {
        applicationId,
        reviewerId: p.userId,
        score: input.score,
        commentSealed: input.comment ? key.seal(input.comment, ctx.review(applicationId, p.userId)) : null,
        nowIso,
      });
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'application.reviewed',
        objectType: 'application',
        objectId: applicationId,
        details: { score: input.score },
      });
    });
  }

  /**
   * Accept (an invitation is made and mailed), decline (a neutral mail) or waiting list. A
   * waiting-list application can still be accepted or declined later; a decided one cannot change.
   */
  async decide(p: Principal, editionId: number, callId: number, applicationId: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'participant.invite');
    const a = await this.applicationOf(editionId, callId, applicationId);
    const decision = typeof raw.decision === 'string' ? raw.decision : '';
    if (!isDecision(decision)) throw invalid('decision', { decision: 'form.choice-invalid' });
    const call = await this.d.repo.call(this.d.repo.db, callId);
    if (!call) throw notFound('call');
    const key = await this.key(editionId);
    const answers = JSON.parse(key.open(a.answers_sealed, ctx.application(callId, a.idempotency_key))) as ApplicationAnswers;
    const locale: Locale = isLocale(a.locale) ? a.locale : 'en';
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      const status = decision === 'accept' ? 'accepted' : decision === 'decline' ? 'declined' : 'waitlisted';
      const decided = await this.d.repo.decideApplication(tx, applicationId, status, nowIso);
      if (!decided || (a.status === 'waitlisted' && decision === 'waitlist')) throw invalid('decided', { form: 'participation.already-decided' });
      if (decision === 'accept') {
        const invitationId = await this.invitations.createIn(tx, key, {
          editionId,
          role: call.role,
          label: answers.name,
          email: answers.email,
          days: INVITATION_DAYS,
          createdBy: p.userId,
          applicationId,
          locale,
        });
        await this.d.repo.linkInvitation(tx, applicationId, invitationId);
      } else {
        await this.queueMail(tx, nowIso, editionId, `application:${applicationId}:${status}`, {
          kind: decision === 'decline' ? 'application-declined' : 'application-waitlisted',
          to: answers.email,
          locale,
        });
      }
      await this.d.audit.record(tx, nowIso, { actorId: p.userId, action: `application.${status}`, objectType: 'application', objectId: applicationId });
    });
    this.d.onQueued?.();
  }
}
