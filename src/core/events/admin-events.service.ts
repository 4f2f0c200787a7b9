import type { SiteLinks } from '../shared/site-links.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Tx } from '../../db/database.js';
import { t, type Locale } from '../../i18n/index.js';
import type { Permission } from '../../security/permissions.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditEntry, AuditRepository } from '../audit/audit.repository.js';
import { storeDocument, storeImage } from '../media/media.store.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { field, FormErrors, type RawForm } from '../shared/form-input.js';
import { duplicateAsFieldError } from '../shared/db-errors.js';
import { requirePermission } from '../shared/permission.js';
import type { AdminEventsRepository } from './admin-events.repository.js';
import {
  LIMITS,
  parseEventForm,
  type AdminEvent,
  type AdminEventRow,
  type AdminStatusFilter,
  type DashboardFigures,
  type DocumentUpload,
  type EventFormOptions,
  type EventInput,
  type ImageUpload,
} from './admin-events.schema.js';
import type { EventsRepository } from './events.repository.js';
import { eventTypes, speakerRoles, type EventDetail } from './events.schema.js';
import { timeZones } from '../shared/zoned-time.js';

/**
 * Who registered for an event and is to hear of a change to it: implemented by the
 * registrations service. Both methods run in the caller's transaction, so the mails exist
 * exactly when the notice or the cancellation does.
 */
export interface RegistrantSource {
  /** confirmed and waiting registrants, one row each */
  forEvent(tx: Tx, eventId: number): Promise<{ id: number; email: string; locale: Locale }[]>;
  /** queues the event-cancelled mail to each of them; returns how many */
  eventCancelled(tx: Tx, eventId: number, nowIso: string): Promise<number>;
}

export interface AdminEventsDeps {
  repo: AdminEventsRepository;
  /** the public read side, whose previewDetail shows a draft as visitors will see it */
  preview: EventsRepository;
  audit: AuditRepository;
  outbox: OutboxRepository;
  clock: Clock;
  mediaRoot: string;
  /** the addresses written into mails */
  links: SiteLinks;
  registrants: RegistrantSource;
  onQueued?: () => void;
}

/**
 * The organiser's side of events. Every method checks the caller's permission again
 * (default deny); every change runs in one transaction with a named audit entry holding
 * ids only; uploaded files are written before the transaction and removed if it fails.
 */
export class AdminEventsService {
  constructor(private readonly d: AdminEventsDeps) {}

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  private audit(tx: Tx, p: Principal, nowIso: string, action: string, eventId: number, details?: AuditEntry['details']): Promise<void> {
    return this.d.audit.record(tx, nowIso, { actorId: p.userId, action, objectType: 'event', objectId: eventId, ...(details ? { details } : {}) });
  }

  list(p: Principal, filter: AdminStatusFilter): Promise<AdminEventRow[]> {
    requirePermission(p, 'event.read-drafts');
    return this.d.repo.list(filter, 500);
  }

  dashboard(p: Principal): Promise<DashboardFigures> {
    requirePermission(p, 'event.read-drafts');
    return this.d.repo.dashboard(this.now(), 5);
  }

  async get(p: Principal, id: number): Promise<AdminEvent> {
    requirePermission(p, 'event.read-drafts');
    const event = await this.d.repo.get(id);
    if (!event) throw notFound('event');
    return event;
  }

  async preview(p: Principal, id: number, locale: Locale): Promise<EventDetail> {
    requirePermission(p, 'event.read-drafts');
    const event = await this.d.preview.previewDetail(id, locale);
    if (!event) throw notFound('event');
    return event;
  }

  /** A file of some event, for the workspace's previews of drafts. */
  async media(p: Principal, key: string): Promise<{ key: string; kind: string; mime: string; variants: string }> {
    requirePermission(p, 'event.read-drafts');
    const media = await this.d.repo.attachedMedia(key);
    if (!media) throw notFound('media');
    return media;
  }

  async formOptions(p: Principal): Promise<EventFormOptions> {
    requirePermission(p, 'event.edit');
    return { ...(await this.d.repo.formOptions()), types: eventTypes, roles: speakerRoles, timeZones: timeZones() };
  }

  /** Series, venue, topics, people and partners named by the form must exist. */
  private async checkReferences(tx: Tx, input: EventInput, eventId: number | null): Promise<void> {
    const errors = new FormErrors();
    const check = async (name: string, table: 'series' | 'venues' | 'topics' | 'people' | 'partners', ids: number[]) => {
      if (ids.length && (await this.d.repo.countExisting(tx, table, ids)) !== new Set(ids).size) errors.add(name, 'form.choice-invalid');
    };
    await check('series_id', 'series', input.seriesId ? [input.seriesId] : []);
    await check('venue_id', 'venues', input.venueId ? [input.venueId] : []);
    await check('topic_ids', 'topics', input.topicIds);
    await check('partner_ids', 'partners', input.partnerIds);
    await check(
      'speaker_person_0',
      'people',
      input.people.map((x) => x.personId),
    );
    if (await this.d.repo.slugTaken(tx, input.slug, eventId)) errors.add('slug', 'event.slug-taken');
    errors.throwIfAny('event references');
  }

  /** Creates a draft from the event form; returns its id. */
  async create(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'event.edit');
    const input = parseEventForm(raw);
    const nowIso = this.now();
    return duplicateAsFieldError('slug', 'event.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkReferences(tx, input, null);
        const id = await this.d.repo.insert(tx, input, nowIso);
        await this.audit(tx, p, nowIso, 'event.created', id);
        return id;
      }),
    );
  }

  async update(p: Principal, id: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'event.edit');
    await this.get(p, id);
    const input = parseEventForm(raw);
    const nowIso = this.now();
    await duplicateAsFieldError('slug', 'event.slug-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkReferences(tx, input, id);
        await this.d.repo.update(tx, id, input, nowIso);
        await this.audit(tx, p, nowIso, 'event.updated', id);
      }),
    );
  }

  private async transition(
    p: Principal,
    id: number,
    permission: Permission,
    allowed: (e: AdminEvent) => boolean,
    change: (tx: Tx, e: AdminEvent, nowIso: string) => Promise<void>,
  ): Promise<void> {
    requirePermission(p, permission);
    const event = await this.get(p, id);
    if (!allowed(event)) throw new DomainError('conflict', 'not possible in this state');
    const nowIso = this.now();
    await this.d.repo.transaction((tx) => change(tx, event, nowIso));
  }

  /** Publishes a draft (or a cancelled event again). Every language version needs the image's alt text. */
  async publish(p: Principal, id: number): Promise<void> {
    await this.transition(
      p,
      id,
      'event.publish',
      (e) => e.status !== 'published',
      async (tx, e, nowIso) => {
        if (e.image && (!e.image.alt.en || (e.texts.sv && !e.image.alt.sv))) throw invalid('image alt text missing', { publish: 'event.publish-alt-missing' });
        await this.d.repo.setState(tx, id, { status: 'published', publishedAt: nowIso }, nowIso);
        await this.audit(tx, p, nowIso, 'event.published', id);
      },
    );
  }

  async unpublish(p: Principal, id: number): Promise<void> {
    await this.transition(
      p,
      id,
      'event.publish',
      (e) => e.status !== 'draft',
      async (tx, _e, nowIso) => {
        await this.d.repo.setState(tx, id, { status: 'draft' }, nowIso);
        await this.audit(tx, p, nowIso, 'event.unpublished', id);
      },
    );
  }

  /** Cancels a published event; each registrant gets a mail saying so. */
  async cancel(p: Principal, id: number): Promise<void> {
    let mails = 0;
    await this.transition(
      p,
      id,
      'event.publish',
      (e) => e.status === 'published',
      async (tx, _e, nowIso) => {
        await this.d.repo.setState(tx, id, { status: 'cancelled' }, nowIso);
        mails = await this.d.registrants.eventCancelled(tx, id, nowIso);
        await this.audit(tx, p, nowIso, 'event.cancelled', id, { mails });
      },
    );
    if (mails) this.d.onQueued?.();
  }

  /** Hides an event from every public surface (or shows it again), whatever its status. */
  async setHidden(p: Principal, id: number, hidden: boolean): Promise<void> {
    await this.transition(
      p,
      id,
      'event.publish',
      (e) => e.hidden !== hidden,
      async (tx, _e, nowIso) => {
        await this.d.repo.setState(tx, id, { hidden: hidden ? 1 : 0 }, nowIso);
        await this.audit(tx, p, nowIso, hidden ? 'event.hidden' : 'event.unhidden', id);
      },
    );
  }

  /**
   * A change notice (new time, new venue): shown on the event page at once, and one mail
   * per registrant queued in the same transaction, so the mails exist exactly when the notice does.
   */
  async addNotice(p: Principal, id: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'event.edit');
    const event = await this.get(p, id);
    const errors = new FormErrors();
    const texts = {
      en: errors.text('notice_en', field(raw, 'notice_en'), { max: LIMITS.notice, required: 'notice.text-required' }),
      sv: errors.text('notice_sv', field(raw, 'notice_sv'), { max: LIMITS.notice }),
    };
    errors.throwIfAny('notice');
    const nowIso = this.now();
    let queued = 0;
    await this.d.repo.transaction(async (tx) => {
      const noticeId = await this.d.repo.addNotice(tx, id, texts, nowIso);
      await this.d.repo.touch(tx, id, nowIso);
      for (const r of await this.d.registrants.forEvent(tx, id)) {
        const text = r.locale === 'sv' && texts.sv ? texts.sv : texts.en;
        const url = this.d.links.event(r.locale, event.slug);
        await this.d.outbox.enqueue(
          tx,
          nowIso,
          'mail',
          { to: r.email, subject: t(r.locale, 'mail.notice.subject'), text: `${text}\n\n${url}\n` },
          `reg:${r.id}:notice:${noticeId}`,
        );
        queued++;
      }
      await this.audit(tx, p, nowIso, 'event.notice-added', id, { noticeId, mails: queued });
    });
    if (queued) this.d.onQueued?.();
  }

  /** Stores files first, then runs the transaction; if it fails, the files go too. */
  private async withStoredFile<T>(key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      await this.discard(key);
      throw e;
    }
  }

  private async discard(key: string): Promise<void> {
    if (/^[A-Za-z0-9_-]{16,64}$/.test(key)) await fs.rm(path.join(this.d.mediaRoot, key), { recursive: true, force: true });
  }

  /**
   * Sets the lead image: re-encoded by sharp with every piece of metadata dropped. Alt text
   * and credit are required; the Swedish alt text when the event has a Swedish version.
   * Without a file, only the texts of the current image change.
   */
  async setImage(p: Principal, id: number, upload: ImageUpload): Promise<void> {
    requirePermission(p, 'media.upload');
    requirePermission(p, 'event.edit');
    const event = await this.get(p, id);
    const errors = new FormErrors();
    const alt = {
      en: errors.text('alt_en', upload.altEn, { max: LIMITS.alt, required: 'upload.alt-required' }),
      sv: errors.text('alt_sv', upload.altSv, { max: LIMITS.alt, ...(event.texts.sv ? { required: 'upload.alt-sv-required' } : {}) }),
    };
    const credit = errors.text('credit', upload.credit, { max: LIMITS.credit, required: 'upload.credit-required' });
    if (upload.truncated) errors.add('file', 'upload.too-large');
    else if (!upload.file?.length && !event.image) errors.add('file', 'upload.file-required');
    errors.throwIfAny('image');
    const nowIso = this.now();
    if (!upload.file?.length) {
      await this.d.repo.transaction(async (tx) => {
        await this.d.repo.setImage(tx, id, undefined, credit, alt, nowIso);
        await this.audit(tx, p, nowIso, 'event.image-updated', id);
      });
      return;
    }
    const stored = await storeImage(this.d.mediaRoot, upload.file);
    const old = await this.withStoredFile(stored.key, () =>
      this.d.repo.transaction(async (tx) => {
        const previous = await this.d.repo.imageOf(tx, id);
        const mediaId = await this.d.repo.insertImage(tx, stored, nowIso);
        await this.d.repo.setImage(tx, id, mediaId, credit, alt, nowIso);
        await this.d.audit.record(tx, nowIso, {
          actorId: p.userId,
          action: 'media.uploaded',
          objectType: 'media',
          objectId: mediaId,
          details: { eventId: id, kind: 'image' },
        });
        await this.audit(tx, p, nowIso, 'event.image-set', id, { mediaId });
        if (previous && !(await this.d.repo.mediaInUse(tx, previous.id))) {
          await this.d.repo.deleteMedia(tx, previous.id);
          return previous.key;
        }
        return undefined;
      }),
    );
    if (old) await this.discard(old);
  }

  async removeImage(p: Principal, id: number): Promise<void> {
    requirePermission(p, 'event.edit');
    const event = await this.get(p, id);
    if (!event.image) return;
    const nowIso = this.now();
    const old = await this.d.repo.transaction(async (tx) => {
      const previous = await this.d.repo.imageOf(tx, id);
      await this.d.repo.setImage(tx, id, null, null, { en: '', sv: '' }, nowIso);
      await this.audit(tx, p, nowIso, 'event.image-removed', id);
      if (previous && !(await this.d.repo.mediaInUse(tx, previous.id))) {
        await this.d.repo.deleteMedia(tx, previous.id);
        return previous.key;
      }
      return undefined;
    });
    if (old) await this.discard(old);
  }

  /** Attaches a PDF (checked by its content), served to visitors as a download only. */
  async addDocument(p: Principal, id: number, upload: DocumentUpload): Promise<void> {
    requirePermission(p, 'media.upload');
    requirePermission(p, 'event.edit');
    await this.get(p, id);
    const errors = new FormErrors();
    const titles = {
      en: errors.text('doc_title_en', upload.titleEn, { max: LIMITS.docTitle, required: 'document.title-required' }),
      sv: errors.text('doc_title_sv', upload.titleSv, { max: LIMITS.docTitle }),
    };
    if (upload.truncated) errors.add('document', 'upload.too-large');
    else if (!upload.file?.length) errors.add('document', 'upload.file-required');
    errors.throwIfAny('document');
    let stored;
    try {
      stored = await storeDocument(this.d.mediaRoot, upload.file ?? Buffer.alloc(0));
    } catch (e) {
      // The store names its field `file`; on this form the input is `document`.
      if (e instanceof DomainError && e.fields.file) throw invalid(e.message, { document: e.fields.file });
      throw e;
    }
    const nowIso = this.now();
    await this.withStoredFile(stored.key, () =>
      this.d.repo.transaction(async (tx) => {
        const mediaId = await this.d.repo.insertDocumentMedia(tx, stored, nowIso);
        const documentId = await this.d.repo.addDocument(tx, id, mediaId, titles);
        await this.d.repo.touch(tx, id, nowIso);
        await this.d.audit.record(tx, nowIso, {
          actorId: p.userId,
          action: 'media.uploaded',
          objectType: 'media',
          objectId: mediaId,
          details: { eventId: id, kind: 'document' },
        });
        await this.audit(tx, p, nowIso, 'event.document-added', id, { documentId });
      }),
    );
  }

  async removeDocument(p: Principal, id: number, documentId: number): Promise<void> {
    requirePermission(p, 'event.edit');
    await this.get(p, id);
    const nowIso = this.now();
    const removed = await this.d.repo.transaction(async (tx) => {
      const r = await this.d.repo.removeDocument(tx, id, documentId);
      if (!r) throw notFound('document');
      await this.d.repo.touch(tx, id, nowIso);
      await this.audit(tx, p, nowIso, 'event.document-removed', id, { documentId });
      return r;
    });
    await this.discard(removed.key);
  }
}
