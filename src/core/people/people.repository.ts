import type { Db, Tx } from '../../db/database.js';
import type { AdminPerson, AdminPersonRow, PersonInput, PersonTexts } from './people.schema.js';

/** Every SQL statement of the people workspace. */
export class PeopleRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async list(limit: number): Promise<AdminPersonRow[]> {
    const rows = await this.db.selectFrom('people').select(['id', 'slug', 'name', 'public_profile']).orderBy('name').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, publicProfile: Number(r.public_profile) === 1 }));
  }

  async get(id: number): Promise<AdminPerson | undefined> {
    const p = await this.db.selectFrom('people').select(['id', 'slug', 'name', 'public_profile']).where('id', '=', id).executeTakeFirst();
    if (!p) return undefined;
    const texts = await this.db.selectFrom('person_translations').select(['locale', 'affiliation', 'bio']).where('person_id', '=', id).execute();
    const of = (locale: string): PersonTexts | null => {
      const t = texts.find((x) => x.locale === locale);
      return t ? { affiliation: t.affiliation, bio: t.bio } : null;
    };
    return { id: p.id, slug: p.slug, name: p.name, publicProfile: Number(p.public_profile) === 1, texts: { en: of('en'), sv: of('sv') } };
  }

  async slugTaken(tx: Tx, slug: string, exceptId: number | null): Promise<boolean> {
    let q = tx.selectFrom('people').select('id').where('slug', '=', slug);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insert(tx: Tx, input: PersonInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('people')
      .values({ slug: input.slug, name: input.name, public_profile: input.publicProfile ? 1 : 0, created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeTexts(tx, id, input);
    return id;
  }

  async update(tx: Tx, id: number, input: PersonInput): Promise<void> {
    await tx
      .updateTable('people')
      .set({ slug: input.slug, name: input.name, public_profile: input.publicProfile ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await this.writeTexts(tx, id, input);
  }

  /** The language versions, replaced as a whole. */
  private async writeTexts(tx: Tx, id: number, input: PersonInput): Promise<void> {
    await tx.deleteFrom('person_translations').where('person_id', '=', id).execute();
    const rows = (['en', 'sv'] as const).flatMap((locale) => {
      const t = input.texts[locale];
      return t ? [{ person_id: id, locale, affiliation: t.affiliation, bio: t.bio }] : [];
    });
    if (rows.length) await tx.insertInto('person_translations').values(rows).execute();
  }
}
