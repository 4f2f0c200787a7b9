import type { Db, Tx } from '../../db/database.js';
import type { AwardRecipientTranslationTable } from '../../db/schema.js';
import type { Locale } from '../../i18n/index.js';
import type { StoredDocument, StoredImage } from '../media/media.store.js';
import type { AdminRecipient, AdminRecipientRow, AwardInput, AwardMedia, AwardStatus, RecipientDetail, RecipientSummary } from './award.schema.js';

type TextColumns = Pick<AwardRecipientTranslationTable, 'motivation' | 'ceremony' | 'photo_alt' | 'report_title'>;
const emptyTexts: TextColumns = { motivation: '', ceremony: '', photo_alt: '', report_title: '' };

const variantsOf = (v: string | null | undefined) => (v ?? '').split(',').filter(Boolean).map(Number);

/**
 * Every SQL statement of the award. A language version of a recipient is its row in
 * award_recipient_translations; the Swedish version counts as existing when its motivation
 * is written (the row may also hold only the Swedish alt text or report title).
 */
export class AwardRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  // ------------------------------------------------------------------ public side

  /** Published recipients, newest first. */
  async published(): Promise<RecipientSummary[]> {
    const rows = await this.db
      .selectFrom('award_recipients')
      .select(['year', 'name', 'country_code', 'organisation'])
      .where('status', '=', 'published')
      .orderBy('year', 'desc')
      .execute();
    return rows.map((r) => ({ year: Number(r.year), name: r.name, countryCode: r.country_code, organisation: r.organisation }));
  }

  /** A recipient's page in a language (English where a text is missing); drafts only when asked for (the workspace's preview). */
  async detail(year: number, locale: Locale, includeDrafts = false): Promise<RecipientDetail | undefined> {
    let q = this.db
      .selectFrom('award_recipients as r')
      .leftJoin('media as photo', 'photo.id', 'r.photo_id')
      .leftJoin('media as report', 'report.id', 'r.report_id')
      .select([
        'r.id',
        'r.year',
        'r.status',
        'r.name',
        'r.country_code',
        'r.organisation',
        'r.edition_year',
        'r.photo_credit',
        'r.updated_at',
        'photo.key as photo_key',
        'photo.variants as photo_variants',
        'photo.width as photo_width',
        'photo.height as photo_height',
        'report.key as report_key',
        'report.bytes as report_bytes',
      ])
      .where('r.year', '=', year);
    if (!includeDrafts) q = q.where('r.status', '=', 'published');
    const r = await q.executeTakeFirst();
    if (!r) return undefined;
    const texts = await this.texts(this.db, r.id);
    const en = texts.en ?? emptyTexts;
    const own = texts[locale];
    /** The visitor's language when it has the text, else English. */
    const pick = (k: keyof TextColumns): { text: string; lang: Locale } => (own?.[k] ? { text: own[k], lang: locale } : { text: en[k], lang: 'en' });
    const motivation = pick('motivation');
    const ceremony = pick('ceremony');
    const alt = pick('photo_alt');
    const reportTitle = pick('report_title');
    return {
      year: Number(r.year),
      status: r.status,
      name: r.name,
      countryCode: r.country_code,
      organisation: r.organisation,
      editionYear: r.edition_year === null ? null : Number(r.edition_year),
      lang: motivation.lang,
      motivation: motivation.text,
      ceremony: ceremony.text,
      ceremonyLang: ceremony.lang,
      photo: r.photo_key
        ? {
            key: r.photo_key,
            variants: variantsOf(r.photo_variants),
            width: r.photo_width,
            height: r.photo_height,
            alt: alt.text,
            altLang: alt.lang,
            credit: r.photo_credit,
          }
        : null,
      report: r.report_key ? { key: r.report_key, bytes: Number(r.report_bytes ?? 0), title: reportTitle.text, lang: reportTitle.lang } : null,
      updatedAt: r.updated_at,
    };
  }

  /** A photo or report of a recipient: of a published one only, unless `anyStatus` (the workspace). */
  async mediaOf(key: string, anyStatus: boolean): Promise<AwardMedia | undefined> {
    let q = this.db
      .selectFrom('media')
      .innerJoin('award_recipients as r', (j) => j.on((eb) => eb.or([eb('r.photo_id', '=', eb.ref('media.id')), eb('r.report_id', '=', eb.ref('media.id'))])))
      .select(['media.key', 'media.kind', 'media.mime', 'media.variants', 'r.year'])
      .where('media.key', '=', key);
    if (!anyStatus) q = q.where('r.status', '=', 'published');
    const row = await q.executeTakeFirst();
    return row ? { ...row, year: Number(row.year) } : undefined;
  }

  async sitemapEntries(): Promise<{ year: number; updatedAt: string }[]> {
    const rows = await this.db
      .selectFrom('award_recipients')
      .select(['year', 'updated_at'])
      .where('status', '=', 'published')
      .orderBy('year', 'desc')
      .execute();
    return rows.map((r) => ({ year: Number(r.year), updatedAt: r.updated_at }));
  }

  // ------------------------------------------------------------------ workspace

  async list(limit: number): Promise<AdminRecipientRow[]> {
    const rows = await this.db
      .selectFrom('award_recipients')
      .select(['id', 'year', 'name', 'country_code', 'status', 'updated_at'])
      .orderBy('year', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, year: Number(r.year), name: r.name, countryCode: r.country_code, status: r.status, updatedAt: r.updated_at }));
  }

  async getByYear(year: number): Promise<AdminRecipient | undefined> {
    const r = await this.db
      .selectFrom('award_recipients as r')
      .leftJoin('media as photo', 'photo.id', 'r.photo_id')
      .leftJoin('media as report', 'report.id', 'r.report_id')
      .select([
        'r.id',
        'r.year',
        'r.status',
        'r.name',
        'r.country_code',
        'r.organisation',
        'r.edition_year',
        'r.photo_credit',
        'r.updated_at',
        'r.published_at',
        'photo.key as photo_key',
        'photo.variants as photo_variants',
        'photo.width as photo_width',
        'photo.height as photo_height',
        'report.key as report_key',
        'report.bytes as report_bytes',
      ])
      .where('r.year', '=', year)
      .executeTakeFirst();
    if (!r) return undefined;
    const texts = await this.texts(this.db, r.id);
    const version = (t: TextColumns | undefined) => (t?.motivation || t?.ceremony ? { motivation: t.motivation, ceremony: t.ceremony } : null);
    return {
      id: r.id,
      year: Number(r.year),
      name: r.name,
      countryCode: r.country_code,
      status: r.status,
      updatedAt: r.updated_at,
      organisation: r.organisation,
      editionYear: r.edition_year === null ? null : Number(r.edition_year),
      texts: { en: version(texts.en), sv: version(texts.sv) },
      photo: r.photo_key
        ? {
            key: r.photo_key,
            variants: variantsOf(r.photo_variants),
            width: r.photo_width,
            height: r.photo_height,
            credit: r.photo_credit ?? '',
            alt: { en: texts.en?.photo_alt ?? '', sv: texts.sv?.photo_alt ?? '' },
          }
        : null,
      report: r.report_key
        ? { key: r.report_key, bytes: Number(r.report_bytes ?? 0), titles: { en: texts.en?.report_title ?? '', sv: texts.sv?.report_title ?? '' } }
        : null,
      publishedAt: r.published_at,
    };
  }

  private async texts(q: Db | Tx, id: number): Promise<Partial<Record<Locale, TextColumns>>> {
    const rows = await q
      .selectFrom('award_recipient_translations')
      .select(['locale', 'motivation', 'ceremony', 'photo_alt', 'report_title'])
      .where('recipient_id', '=', id)
      .execute();
    const out: Partial<Record<Locale, TextColumns>> = {};
    for (const { locale, ...t } of rows) if (locale === 'en' || locale === 'sv') out[locale] = t;
    return out;
  }

  async yearTaken(tx: Tx, year: number, exceptId: number | null): Promise<boolean> {
    let q = tx.selectFrom('award_recipients').select('id').where('year', '=', year);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insert(tx: Tx, input: AwardInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('award_recipients')
      .values({
        year: input.year,
        status: 'draft',
        name: input.name,
        country_code: input.countryCode,
        organisation: input.organisation,
        edition_year: input.editionYear,
        photo_id: null,
        photo_credit: null,
        report_id: null,
        created_at: nowIso,
        updated_at: nowIso,
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeTexts(tx, id, input);
    return id;
  }

  async update(tx: Tx, id: number, input: AwardInput, nowIso: string): Promise<void> {
    await tx
      .updateTable('award_recipients')
      .set({
        year: input.year,
        name: input.name,
        country_code: input.countryCode,
        organisation: input.organisation,
        edition_year: input.editionYear,
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .execute();
    await this.writeTexts(tx, id, input);
  }

  /** The motivation and ceremony of each language; the alt text and report title stay as they are. */
  private async writeTexts(tx: Tx, id: number, input: AwardInput): Promise<void> {
    for (const locale of ['en', 'sv'] as const) {
      const t = input.texts[locale];
      await this.patchTexts(tx, id, locale, { motivation: t?.motivation ?? '', ceremony: t?.ceremony ?? '' });
    }
  }

  /** Changes some texts of one language; a row left with no text at all is removed. */
  async patchTexts(tx: Tx, id: number, locale: Locale, patch: Partial<TextColumns>): Promise<void> {
    const current = (await this.texts(tx, id))[locale];
    const next = { ...emptyTexts, ...current, ...patch };
    const empty = Object.values(next).every((v) => v === '');
    if (current && empty) {
      await tx.deleteFrom('award_recipient_translations').where('recipient_id', '=', id).where('locale', '=', locale).execute();
    } else if (current) {
      await tx.updateTable('award_recipient_translations').set(next).where('recipient_id', '=', id).where('locale', '=', locale).execute();
    } else if (!empty) {
      await tx
        .insertInto('award_recipient_translations')
        .values({ recipient_id: id, locale, ...next })
        .execute();
    }
  }

  async setStatus(tx: Tx, id: number, status: AwardStatus, nowIso: string): Promise<void> {
    await tx
      .updateTable('award_recipients')
      .set({ status, updated_at: nowIso, ...(status === 'published' ? { published_at: nowIso } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async touch(tx: Tx, id: number, nowIso: string): Promise<void> {
    await tx.updateTable('award_recipients').set({ updated_at: nowIso }).where('id', '=', id).execute();
  }

  /** The media row of the photo or the report, for replacing or removing it. */
  async fileOf(tx: Tx, id: number, which: 'photo' | 'report'): Promise<{ id: number; key: string } | undefined> {
    const column = which === 'photo' ? 'r.photo_id' : 'r.report_id';
    return tx
      .selectFrom('award_recipients as r')
      .innerJoin('media', 'media.id', column)
      .select(['media.id', 'media.key'])
      .where('r.id', '=', id)
      .executeTakeFirst();
  }

  async insertImage(tx: Tx, stored: StoredImage, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('media')
      .values({
        key: stored.key,
        kind: 'image',
        mime: stored.mime,
        bytes: stored.bytes,
        width: stored.width,
        height: stored.height,
        variants: stored.variants,
        created_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async insertDocument(tx: Tx, stored: StoredDocument, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('media')
      .values({ key: stored.key, kind: 'document', mime: stored.mime, bytes: stored.bytes, width: null, height: null, variants: '', created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /** Points the recipient at a new photo (or none); `credit` null clears it. */
  async setPhoto(tx: Tx, id: number, mediaId: number | null | undefined, credit: string | null, nowIso: string): Promise<void> {
    await tx
      .updateTable('award_recipients')
      .set({ ...(mediaId === undefined ? {} : { photo_id: mediaId }), photo_credit: credit, updated_at: nowIso })
      .where('id', '=', id)
      .execute();
  }

  async setReport(tx: Tx, id: number, mediaId: number | null, nowIso: string): Promise<void> {
    await tx.updateTable('award_recipients').set({ report_id: mediaId, updated_at: nowIso }).where('id', '=', id).execute();
  }

  async deleteMedia(tx: Tx, mediaId: number): Promise<void> {
    await tx.deleteFrom('media').where('id', '=', mediaId).execute();
  }
}
