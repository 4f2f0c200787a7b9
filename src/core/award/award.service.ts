import fs from 'node:fs/promises';
import path from 'node:path';
import type { Tx } from '../../db/database.js';
import type { Locale } from '../../i18n/index.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditEntry, AuditRepository } from '../audit/audit.repository.js';
import { duplicateAsFieldError } from '../shared/db-errors.js';
import { storeDocument, storeImage } from '../media/media.store.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import type { AwardRepository } from './award.repository.js';
import {
  AWARD_LIMITS,
  parseAwardForm,
  type AdminRecipient,
  type AdminRecipientRow,
  type AwardInput,
  type AwardMedia,
  type PhotoUpload,
  type RecipientDetail,
  type RecipientSummary,
  type ReportUpload,
} from './award.schema.js';

export interface AwardDeps {
  repo: AwardRepository;
  audit: AuditRepository;
  clock: Clock;
  mediaRoot: string;
}

const MEDIA_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The Defender of the Year award's public pages and their editing. Visitors see published
 * recipients only; a draft or unknown year is a 404. Every workspace method checks
 * `award.publish` again (default deny); every change runs in one transaction with a named
 * audit entry holding the recipient's id and year, never names or texts. Uploaded files go
 * through the media store (images re-encoded without metadata, PDFs checked by content),
 * are written before the transaction and removed again if it fails.
 */
export class AwardService {
  constructor(private readonly d: AwardDeps) {}

  // ------------------------------------------------------------------ public side

  /** Published recipients, newest first, for /award. */
  recipients(): Promise<RecipientSummary[]> {
    return this.d.repo.published();
  }

  /** The published recipient of a year in a language (English where a text is missing), or undefined. */
  recipientOfYear(year: number, locale: Locale): Promise<RecipientDetail | undefined> {
    if (!Number.isInteger(year)) return Promise.resolve(undefined);
    return this.d.repo.detail(year, locale);
  }

  /** /award/{year}: a draft or unknown year is not found. */
  async detail(year: number, locale: Locale): Promise<RecipientDetail> {
    const r = await this.recipientOfYear(year, locale);
    if (!r) throw notFound('award recipient');
    return r;
  }

  /** A photo or report of a published recipient, for serving it to visitors. */
  async publicMedia(key: string): Promise<AwardMedia | undefined> {
    return MEDIA_KEY.test(key) ? this.d.repo.mediaOf(key, false) : undefined;
  }

  sitemapEntries(): Promise<{ year: number; updatedAt: string }[]> {
    return this.d.repo.sitemapEntries();
  }

  // ------------------------------------------------------------------ workspace

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  private audit(tx: Tx, p: Principal, nowIso: string, action: string, r: { id: number; year: number }, details: AuditEntry['details'] = {}): Promise<void> {
    return this.d.audit.record(tx, nowIso, { actorId: p.userId, action, objectType: 'award-recipient', objectId: r.id, details: { year: r.year, ...details } });
  }

  list(p: Principal): Promise<AdminRecipientRow[]> {
    requirePermission(p, 'award.publish');
    return this.d.repo.list(500);
  }

  async get(p: Principal, year: number): Promise<AdminRecipient> {
    requirePermission(p, 'award.publish');
    const r = await this.d.repo.getByYear(year);
    if (!r) throw notFound('award recipient');
    return r;
  }

  /** A draft as visitors will see it once published. */
  async preview(p: Principal, year: number, locale: Locale): Promise<RecipientDetail> {
    requirePermission(p, 'award.publish');
    const r = await this.d.repo.detail(year, locale, true);
    if (!r) throw notFound('award recipient');
    return r;
  }

  /** A file of any recipient (drafts included), for the workspace. */
  async staffMedia(p: Principal, key: string): Promise<AwardMedia> {
    requirePermission(p, 'award.publish');
    const media = MEDIA_KEY.test(key) ? await this.d.repo.mediaOf(key, true) : undefined;
    if (!media) throw notFound('media');
    return media;
  }

  private async checkYear(tx: Tx, input: AwardInput, exceptId: number | null): Promise<void> {
    const errors = new FormErrors();
    if (await this.d.repo.yearTaken(tx, input.year, exceptId)) errors.add('year', 'award.year-taken');
    errors.throwIfAny('award year');
  }

  /** Creates a draft; returns its year (the workspace's address of it). */
  async create(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'award.publish');
    const input = parseAwardForm(raw);
    const nowIso = this.now();
    return duplicateAsFieldError('year', 'award.year-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkYear(tx, input, null);
        const id = await this.d.repo.insert(tx, input, nowIso);
        await this.audit(tx, p, nowIso, 'award.created', { id, year: input.year });
        return input.year;
      }),
    );
  }

  /** Saves the main form; returns the (possibly changed) year. */
  async update(p: Principal, year: number, raw: RawForm): Promise<number> {
    const current = await this.get(p, year);
    const input = parseAwardForm(raw);
    const nowIso = this.now();
    return duplicateAsFieldError('year', 'award.year-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkYear(tx, input, current.id);
        await this.d.repo.update(tx, current.id, input, nowIso);
        await this.audit(tx, p, nowIso, 'award.updated', { id: current.id, year: input.year }, input.year === year ? {} : { previousYear: year });
        return input.year;
      }),
    );
  }

  /** Publishes a draft. A photo needs its alt text in every language the recipient has. */
  async publish(p: Principal, year: number): Promise<void> {
    const r = await this.get(p, year);
    if (r.status === 'published') throw new DomainError('conflict', 'already published');
    if (!r.texts.en?.motivation) throw invalid('motivation missing', { publish: 'award.publish-motivation-missing' });
    if (r.photo && (!r.photo.alt.en || (r.texts.sv && !r.photo.alt.sv))) throw invalid('photo alt text missing', { publish: 'award.publish-alt-missing' });
    const nowIso = this.now();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.setStatus(tx, r.id, 'published', nowIso);
      await this.audit(tx, p, nowIso, 'award.published', r);
    });
  }

  async unpublish(p: Principal, year: number): Promise<void> {
    const r = await this.get(p, year);
    if (r.status === 'draft') throw new DomainError('conflict', 'already a draft');
    const nowIso = this.now();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.setStatus(tx, r.id, 'draft', nowIso);
      await this.audit(tx, p, nowIso, 'award.unpublished', r);
    });
  }

  private async discard(key: string | undefined): Promise<void> {
    if (key && MEDIA_KEY.test(key)) await fs.rm(path.join(this.d.mediaRoot, key), { recursive: true, force: true });
  }

  /** Runs the transaction after a file was stored; if it fails, the file goes too. */
  private async withStoredFile<T>(key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      await this.discard(key);
      throw e;
    }
  }

  /**
   * Sets the recipient's photo: re-encoded with every piece of metadata dropped. The English
   * alt text and the credit are required, the Swedish alt text when the recipient has a
   * Swedish version. Without a file, only the texts of the current photo change.
   */
  async setPhoto(p: Principal, year: number, upload: PhotoUpload): Promise<void> {
    requirePermission(p, 'media.upload');
    const r = await this.get(p, year);
    const errors = new FormErrors();
    const alt = {
      en: errors.text('alt_en', upload.altEn, { max: AWARD_LIMITS.alt, required: 'upload.alt-required' }),
      sv: errors.text('alt_sv', upload.altSv, { max: AWARD_LIMITS.alt, ...(r.texts.sv ? { required: 'award.photo.alt-sv-required' } : {}) }),
    };
    const credit = errors.text('credit', upload.credit, { max: AWARD_LIMITS.credit, required: 'upload.credit-required' });
    if (upload.truncated) errors.add('file', 'upload.too-large');
    else if (!upload.file?.length && !r.photo) errors.add('file', 'upload.file-required');
    errors.throwIfAny('award photo');
    const nowIso = this.now();
    const writeTexts = async (tx: Tx) => {
      await this.d.repo.patchTexts(tx, r.id, 'en', { photo_alt: alt.en });
      await this.d.repo.patchTexts(tx, r.id, 'sv', { photo_alt: alt.sv });
    };
    if (!upload.file?.length) {
      await this.d.repo.transaction(async (tx) => {
        await this.d.repo.setPhoto(tx, r.id, undefined, credit, nowIso);
        await writeTexts(tx);
        await this.audit(tx, p, nowIso, 'award.photo-updated', r);
      });
      return;
    }
    const stored = await storeImage(this.d.mediaRoot, upload.file);
    const old = await this.withStoredFile(stored.key, () =>
      this.d.repo.transaction(async (tx) => {
        const previous = await this.d.repo.fileOf(tx, r.id, 'photo');
        const mediaId = await this.d.repo.insertImage(tx, stored, nowIso);
        await this.d.repo.setPhoto(tx, r.id, mediaId, credit, nowIso);
        await writeTexts(tx);
        if (previous) await this.d.repo.deleteMedia(tx, previous.id);
        await this.d.audit.record(tx, nowIso, {
          actorId: p.userId,
          action: 'media.uploaded',
          objectType: 'media',
          objectId: mediaId,
          details: { awardRecipientId: r.id, kind: 'image' },
        });
        await this.audit(tx, p, nowIso, 'award.photo-set', r, { mediaId });
        return previous?.key;
      }),
    );
    await this.discard(old);
  }

  async removePhoto(p: Principal, year: number): Promise<void> {
    const r = await this.get(p, year);
    if (!r.photo) return;
    const nowIso = this.now();
    const old = await this.d.repo.transaction(async (tx) => {
      const previous = await this.d.repo.fileOf(tx, r.id, 'photo');
      await this.d.repo.setPhoto(tx, r.id, null, null, nowIso);
      await this.d.repo.patchTexts(tx, r.id, 'en', { photo_alt: '' });
      await this.d.repo.patchTexts(tx, r.id, 'sv', { photo_alt: '' });
      if (previous) await this.d.repo.deleteMedia(tx, previous.id);
      await this.audit(tx, p, nowIso, 'award.photo-removed', r);
      return previous?.key;
    });
    await this.discard(old);
  }

  /**
   * Sets the country report: a PDF (checked by its content), served to visitors as a
   * download only. Without a file, only the titles of the current report change.
   */
  async setReport(p: Principal, year: number, upload: ReportUpload): Promise<void> {
    requirePermission(p, 'media.upload');
    const r = await this.get(p, year);
    const errors = new FormErrors();
    const titles = {
      en: errors.text('report_title_en', upload.titleEn, { max: AWARD_LIMITS.reportTitle }),
      sv: errors.text('report_title_sv', upload.titleSv, { max: AWARD_LIMITS.reportTitle }),
    };
    if (upload.truncated) errors.add('report', 'upload.too-large');
    else if (!upload.file?.length && !r.report) errors.add('report', 'upload.file-required');
    errors.throwIfAny('award report');
    const nowIso = this.now();
    const writeTitles = async (tx: Tx) => {
      await this.d.repo.patchTexts(tx, r.id, 'en', { report_title: titles.en });
      await this.d.repo.patchTexts(tx, r.id, 'sv', { report_title: titles.sv });
    };
    if (!upload.file?.length) {
      await this.d.repo.transaction(async (tx) => {
        await writeTitles(tx);
        await this.d.repo.touch(tx, r.id, nowIso);
        await this.audit(tx, p, nowIso, 'award.report-updated', r);
      });
      return;
    }
    let stored;
    try {
      stored = await storeDocument(this.d.mediaRoot, upload.file);
    } catch (e) {
      // The store names its field `file`; on this form the input is `report`.
      if (e instanceof DomainError && e.fields.file) throw invalid(e.message, { report: e.fields.file });
      throw e;
    }
    const old = await this.withStoredFile(stored.key, () =>
      this.d.repo.transaction(async (tx) => {
        const previous = await this.d.repo.fileOf(tx, r.id, 'report');
        const mediaId = await this.d.repo.insertDocument(tx, stored, nowIso);
        await this.d.repo.setReport(tx, r.id, mediaId, nowIso);
        await writeTitles(tx);
        if (previous) await this.d.repo.deleteMedia(tx, previous.id);
        await this.d.audit.record(tx, nowIso, {
          actorId: p.userId,
          action: 'media.uploaded',
          objectType: 'media',
          objectId: mediaId,
          details: { awardRecipientId: r.id, kind: 'document' },
        });
        await this.audit(tx, p, nowIso, 'award.report-set', r, { mediaId });
        return previous?.key;
      }),
    );
    await this.discard(old);
  }

  async removeReport(p: Principal, year: number): Promise<void> {
    const r = await this.get(p, year);
    if (!r.report) return;
    const nowIso = this.now();
    const old = await this.d.repo.transaction(async (tx) => {
      const previous = await this.d.repo.fileOf(tx, r.id, 'report');
      await this.d.repo.setReport(tx, r.id, null, nowIso);
      await this.d.repo.patchTexts(tx, r.id, 'en', { report_title: '' });
      await this.d.repo.patchTexts(tx, r.id, 'sv', { report_title: '' });
      if (previous) await this.d.repo.deleteMedia(tx, previous.id);
      await this.audit(tx, p, nowIso, 'award.report-removed', r);
      return previous?.key;
    });
    await this.discard(old);
  }
}
