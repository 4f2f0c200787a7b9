import type { SiteLinks } from '../shared/site-links.js';
import type { Locale } from '../../i18n/index.js';
import { DataKeyGone, type DataKeys, type FieldKey } from '../../security/data-keys.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import { scrubAfterErasure, type ScrubErased } from '../shared/erasure.js';
import type { ConferenceService } from '../conference/conference.service.js';
import { participationMail, type ParticipationMailKind } from './participation.mails.js';
import type { EditionRef, ParticipationRepository } from './participation.repository.js';
import { editionScope, mailKeyPrefix } from './participation.schema.js';

export interface ParticipationDeps {
  repo: ParticipationRepository;
  dataKeys: DataKeys;
  /** the system box: keyed hashes for sign-in names and throttle keys */
  box: SecretBox;
  audit: AuditRepository;
  outbox: OutboxRepository;
  conference: ConferenceService;
  clock: Clock;
  /** the addresses written into mails and calendar files */
  links: SiteLinks;
  /** days after an edition's last day that its participants' data is destroyed */
  retentionDays: number;
  /** removes erased rows from the database files once the erasing transaction has committed */
  scrub: ScrubErased;
  onQueued?: () => void;
}

/**
 * What every participation service shares: the clock, permission checks, the edition's
 * data key and the mails. Contexts for sealing name the row and field, so a value copied
 * to another row or field does not open.
 */
export class ParticipationBase {
  constructor(protected readonly d: ParticipationDeps) {}

  protected now(): Date {
    return this.d.clock.now();
  }

  /**
   * The edition's data key, created on first use. Call before a transaction. Once the edition's
   * data is erased its key is destroyed and nothing new can be sealed for it: not found.
   */
  protected async key(editionId: number): Promise<FieldKey> {
    try {
      return await this.d.dataKeys.load(editionScope(editionId));
    } catch (e) {
      if (e instanceof DataKeyGone) throw notFound('edition data');
      throw e;
    }
  }

  /** The id of the edition of a year (staff pages address editions by year); not found otherwise. */
  async editionIdOf(year: number): Promise<number> {
    const e = await this.d.repo.editionByYear(this.d.repo.db, year);
    if (!e) throw notFound('edition');
    return e.id;
  }

  protected async edition(editionId: number): Promise<EditionRef> {
    const e = await this.d.repo.edition(this.d.repo.db, editionId);
    if (!e) throw notFound('edition');
    return e;
  }

  /** After an erasure has committed: its rows out of the database files too (`scrubAfterErasure`). */
  protected scrub(object: { type: string; id: number }, tables: Parameters<ScrubErased>[0]): Promise<boolean> {
    return scrubAfterErasure(this.d.scrub, this.d.audit, this.d.repo.db, this.now().toISOString(), object, tables);
  }

  protected async queueMail(
    tx: Parameters<OutboxRepository['enqueue']>[0],
    nowIso: string,
    editionId: number,
    key: string,
    m: { kind: ParticipationMailKind; to: string; locale: Locale; token?: string; expiresAt?: string },
  ): Promise<void> {
    await this.d.outbox.enqueue(tx, nowIso, 'mail', participationMail({ ...m, links: this.d.links }), `${mailKeyPrefix(editionId)}${key}`);
  }
}

export const ctx = {
  invitationLabel: (tokenHash: string) => `invitation:${tokenHash}:label`,
  invitationEmail: (tokenHash: string) => `invitation:${tokenHash}:email`,
  participant: (invitationId: number, field: string) => `participant:${invitationId}:${field}`,
  application: (callId: number, idempotencyKey: string) => `application:${callId}:${idempotencyKey}`,
  review: (applicationId: number, reviewerId: number) => `review:${applicationId}:${reviewerId}`,
};
