import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { CatalogueInput, CatalogueItem, CatalogueKind, CatalogueNames, CatalogueRow } from './catalogue.schema.js';

/** Every SQL statement of the catalogue workspace (series, venues, partners, topics). */
export class CatalogueRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async list(kind: CatalogueKind, limit: number): Promise<CatalogueRow[]> {
    let rows: CatalogueRow[];
    switch (kind) {
      case 'series':
        rows = await this.db
          .selectFrom('series')
          .leftJoin('series_translations as te', (j) => j.onRef('te.series_id', '=', 'series.id').on('te.locale', '=', 'en'))
          .select(['series.id', 'series.slug', sql<string>`coalesce(te.name, series.slug)`.as('name')])
          .limit(limit)
          .execute();
        break;
      case 'topics':
        rows = await this.db
          .selectFrom('topics')
          .leftJoin('topic_translations as te', (j) => j.onRef('te.topic_id', '=', 'topics.id').on('te.locale', '=', 'en'))
          .select(['topics.id', 'topics.slug', sql<string>`coalesce(te.name, topics.slug)`.as('name')])
          .limit(limit)
          .execute();
        break;
      case 'venues':
        rows = await this.db
          .selectFrom('venues')
          .select(['id', 'slug', sql<string>`name || ', ' || city`.as('name')])
          .limit(limit)
          .execute();
        break;
      case 'partners':
        rows = await this.db.selectFrom('partners').select(['id', 'slug', 'name']).limit(limit).execute();
        break;
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id - b.id);
  }

  async get(kind: CatalogueKind, id: number): Promise<CatalogueItem | undefined> {
    switch (kind) {
      case 'series': {
        const s = await this.db.selectFrom('series').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
        if (!s) return undefined;
        const t = await this.db.selectFrom('series_translations').select(['locale', 'name', 'description']).where('series_id', '=', id).execute();
        const en = t.find((x) => x.locale === 'en');
        const sv = t.find((x) => x.locale === 'sv');
        return {
          ...s,
          name: en?.name ?? s.slug,
          values: {
            slug: s.slug,
            name_en: en?.name ?? '',
            description_en: en?.description ?? '',
            name_sv: sv?.name ?? '',
            description_sv: sv?.description ?? '',
          },
        };
      }
      case 'topics': {
        const s = await this.db.selectFrom('topics').select(['id', 'slug']).where('id', '=', id).executeTakeFirst();
        if (!s) return undefined;
        const t = await this.db.selectFrom('topic_translations').select(['locale', 'name']).where('topic_id', '=', id).execute();
        const en = t.find((x) => x.locale === 'en');
        const sv = t.find((x) => x.locale === 'sv');
        return { ...s, name: en?.name ?? s.slug, values: { slug: s.slug, name_en: en?.name ?? '', name_sv: sv?.name ?? '' } };
      }
      case 'venues': {
        const v = await this.db.selectFrom('venues').select(['id', 'slug', 'name', 'address', 'city', 'country_code']).where('id', '=', id).executeTakeFirst();
        if (!v) return undefined;
        return { id: v.id, slug: v.slug, name: v.name, values: { slug: v.slug, name: v.name, address: v.address, city: v.city, country_code: v.country_code } };
      }
      case 'partners': {
        const p = await this.db.selectFrom('partners').select(['id', 'slug', 'name', 'url']).where('id', '=', id).executeTakeFirst();
        if (!p) return undefined;
        return { id: p.id, slug: p.slug, name: p.name, values: { slug: p.slug, name: p.name, url: p.url ?? '' } };
      }
    }
  }

  async slugTaken(tx: Tx, kind: CatalogueKind, slug: string, exceptId: number | null): Promise<boolean> {
    let q = tx.selectFrom(kind).select('id').where('slug', '=', slug);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insert(tx: Tx, input: CatalogueInput, nowIso: string): Promise<number> {
    switch (input.kind) {
      case 'series': {
        const { id } = await tx.insertInto('series').values({ slug: input.slug, created_at: nowIso }).returning('id').executeTakeFirstOrThrow();
        await this.writeSeriesTexts(tx, id, input.texts);
        return id;
      }
      case 'topics': {
        const { id } = await tx.insertInto('topics').values({ slug: input.slug }).returning('id').executeTakeFirstOrThrow();
        await this.writeTopicTexts(tx, id, input.texts);
        return id;
      }
      case 'venues': {
        const { id } = await tx
          .insertInto('venues')
          .values({ slug: input.slug, name: input.name, address: input.address, city: input.city, country_code: input.countryCode, created_at: nowIso })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      }
      case 'partners': {
        const { id } = await tx
          .insertInto('partners')
          .values({ slug: input.slug, name: input.name, url: input.url, created_at: nowIso })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      }
    }
  }

  async update(tx: Tx, id: number, input: CatalogueInput): Promise<void> {
    switch (input.kind) {
      case 'series':
        await tx.updateTable('series').set({ slug: input.slug }).where('id', '=', id).execute();
        await this.writeSeriesTexts(tx, id, input.texts);
        return;
      case 'topics':
        await tx.updateTable('topics').set({ slug: input.slug }).where('id', '=', id).execute();
        await this.writeTopicTexts(tx, id, input.texts);
        return;
      case 'venues':
        await tx
          .updateTable('venues')
          .set({ slug: input.slug, name: input.name, address: input.address, city: input.city, country_code: input.countryCode })
          .where('id', '=', id)
          .execute();
        return;
      case 'partners':
        await tx.updateTable('partners').set({ slug: input.slug, name: input.name, url: input.url }).where('id', '=', id).execute();
        return;
    }
  }

  /** Names per language, replaced as a whole. */
  private async writeSeriesTexts(tx: Tx, id: number, texts: { en: CatalogueNames; sv: CatalogueNames | null }): Promise<void> {
    await tx.deleteFrom('series_translations').where('series_id', '=', id).execute();
    const rows = (['en', 'sv'] as const).flatMap((locale) => {
      const t = texts[locale];
      return t ? [{ series_id: id, locale, name: t.name, description: t.description }] : [];
    });
    await tx.insertInto('series_translations').values(rows).execute();
  }

  private async writeTopicTexts(tx: Tx, id: number, texts: { en: CatalogueNames; sv: CatalogueNames | null }): Promise<void> {
    await tx.deleteFrom('topic_translations').where('topic_id', '=', id).execute();
    const rows = (['en', 'sv'] as const).flatMap((locale) => {
      const t = texts[locale];
      return t ? [{ topic_id: id, locale, name: t.name }] : [];
    });
    await tx.insertInto('topic_translations').values(rows).execute();
  }
}
