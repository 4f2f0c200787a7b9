import type { Db, Tx } from '../../db/database.js';
import type { Locale } from '../../i18n/index.js';
import { parseTexts } from '../conference/conference.schema.js';
import type {
  AdminConcept,
  AdminCourse,
  AdminCourseRow,
  ConceptInput,
  CourseAudience,
  CourseFilter,
  CourseInput,
  CourseStatus,
  CourseTexts,
} from './bootcamp.schema.js';

/** A course row as the public pages read it: texts still JSON, picked per language by the service. */
export interface PublicCourseRow {
  id: number;
  slug: string;
  status: CourseStatus;
  texts: string;
  language: string;
  audience: CourseAudience;
  capacity: number;
  starts_on: string;
  ends_on: string;
}

const publicStatuses: CourseStatus[] = ['published', 'closed'];

const textOf = (texts: Record<string, unknown> | undefined, locale: 'en' | 'sv', name: string): string => {
  const t = texts?.[locale];
  const v = t && typeof t === 'object' ? (t as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
};

const courseJson = (input: CourseInput): string => JSON.stringify(input.texts.sv ? { en: input.texts.en, sv: input.texts.sv } : { en: input.texts.en });
const namesJson = (en: string, sv: string, name: string): string => JSON.stringify(sv ? { en: { [name]: en }, sv: { [name]: sv } } : { en: { [name]: en } });

/** Every SQL statement of the bootcamp: courses, their concepts, goals and trainers, and the list of concepts. */
export class BootcampRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  // ---- the workspace

  async list(filter: CourseFilter, limit: number): Promise<AdminCourseRow[]> {
    let q = this.db.selectFrom('bootcamp_courses').select(['id', 'slug', 'status', 'texts', 'starts_on', 'ends_on']);
    if (filter !== 'all') q = q.where('status', '=', filter);
    const rows = await q.orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: textOf(parseTexts(r.texts), 'en', 'title'),
      status: r.status as CourseStatus,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
    }));
  }

  async get(q: Db | Tx, id: number): Promise<AdminCourse | undefined> {
    const c = await q
      .selectFrom('bootcamp_courses')
      .select(['id', 'slug', 'status', 'texts', 'language', 'audience', 'capacity', 'starts_on', 'ends_on'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!c) return undefined;
    const [concepts, trainers, goals] = await Promise.all([
      q.selectFrom('bootcamp_course_concepts').select('concept_id').where('course_id', '=', id).orderBy('concept_id').execute(),
      q.selectFrom('bootcamp_course_trainers').select('person_id').where('course_id', '=', id).orderBy('position').execute(),
      q.selectFrom('bootcamp_goals').select(['id', 'texts']).where('course_id', '=', id).orderBy('position').orderBy('id').execute(),
    ]);
    const texts = parseTexts(c.texts);
    const of = (l: 'en' | 'sv'): CourseTexts => ({ title: textOf(texts, l, 'title'), description: textOf(texts, l, 'description') });
    const sv = of('sv');
    return {
      id: c.id,
      slug: c.slug,
      title: textOf(texts, 'en', 'title'),
      status: c.status as CourseStatus,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      texts: { en: of('en'), sv: sv.title || sv.description ? sv : null },
      language: c.language,
      audience: c.audience as CourseAudience,
      capacity: Number(c.capacity),
      conceptIds: concepts.map((x) => x.concept_id),
      trainerIds: trainers.map((x) => x.person_id),
      goals: goals.map((g) => {
        const t = parseTexts(g.texts);
        return { id: g.id, en: textOf(t, 'en', 'text'), sv: textOf(t, 'sv', 'text') };
      }),
    };
  }

  async slugTaken(tx: Tx, slug: string, exceptId: number | null): Promise<boolean> {
    let q = tx.selectFrom('bootcamp_courses').select('id').where('slug', '=', slug);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** Which of these concept ids exist. */
  async conceptIdsIn(tx: Tx, ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    return (await tx.selectFrom('bootcamp_concepts').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
  }

  /** Which of these people exist. */
  async personIdsIn(tx: Tx, ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    return (await tx.selectFrom('people').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
  }

  async goalIdsOf(tx: Tx, courseId: number): Promise<number[]> {
    return (await tx.selectFrom('bootcamp_goals').select('id').where('course_id', '=', courseId).execute()).map((r) => r.id);
  }

  async insert(tx: Tx, input: CourseInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('bootcamp_courses')
      .values({
        slug: input.slug,
        status: 'draft',
        texts: courseJson(input),
        language: input.language,
        audience: input.audience,
        capacity: input.capacity,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_at: nowIso,
        updated_at: nowIso,
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeLinks(tx, id, input);
    return id;
  }

  async update(tx: Tx, id: number, input: CourseInput, nowIso: string): Promise<void> {
    await tx
      .updateTable('bootcamp_courses')
      .set({
        slug: input.slug,
        texts: courseJson(input),
        language: input.language,
        audience: input.audience,
        capacity: input.capacity,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .execute();
    await this.writeLinks(tx, id, input);
  }

  /**
   * Concepts and trainers are replaced as a whole. Goals keep their ids (later evaluations
   * ask about a goal by its id): a row that names an id of this course updates that goal,
   * a new row inserts one, and goals left out are removed.
   */
  private async writeLinks(tx: Tx, id: number, input: CourseInput): Promise<void> {
    await tx.deleteFrom('bootcamp_course_concepts').where('course_id', '=', id).execute();
    if (input.conceptIds.length)
      await tx
        .insertInto('bootcamp_course_concepts')
        .values(input.conceptIds.map((c) => ({ course_id: id, concept_id: c })))
        .execute();
    await tx.deleteFrom('bootcamp_course_trainers').where('course_id', '=', id).execute();
    if (input.trainerIds.length) {
      await tx
        .insertInto('bootcamp_course_trainers')
        .values(input.trainerIds.map((p, position) => ({ course_id: id, person_id: p, position })))
        .execute();
    }
    const kept = input.goals.flatMap((g) => (g.id === null ? [] : [g.id]));
    let gone = tx.deleteFrom('bootcamp_goals').where('course_id', '=', id);
    if (kept.length) gone = gone.where('id', 'not in', kept);
    await gone.execute();
    for (const [position, g] of input.goals.entries()) {
      const texts = namesJson(g.en, g.sv, 'text');
      if (g.id === null) await tx.insertInto('bootcamp_goals').values({ course_id: id, position, texts }).execute();
      else await tx.updateTable('bootcamp_goals').set({ position, texts }).where('id', '=', g.id).where('course_id', '=', id).execute();
    }
  }

  async setStatus(tx: Tx, id: number, status: CourseStatus, nowIso: string): Promise<void> {
    await tx
      .updateTable('bootcamp_courses')
      .set({ status, updated_at: nowIso, ...(status === 'published' ? { published_at: nowIso } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async statusOf(tx: Tx, id: number): Promise<CourseStatus | undefined> {
    const row = await tx.selectFrom('bootcamp_courses').select('status').where('id', '=', id).executeTakeFirst();
    return row?.status as CourseStatus | undefined;
  }

  /** The people to choose trainers from: names only. */
  async peopleOptions(limit: number): Promise<{ id: number; name: string }[]> {
    return this.db.selectFrom('people').select(['id', 'name']).orderBy('name').orderBy('id').limit(limit).execute();
  }

  // ---- training concepts

  async concepts(): Promise<AdminConcept[]> {
    const rows = await this.db.selectFrom('bootcamp_concepts').select(['id', 'texts']).orderBy('id').execute();
    return rows.map((r) => {
      const t = parseTexts(r.texts);
      return { id: r.id, names: { en: textOf(t, 'en', 'name'), sv: textOf(t, 'sv', 'name') } };
    });
  }

  async insertConcept(tx: Tx, input: ConceptInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('bootcamp_concepts')
      .values({ texts: namesJson(input.en, input.sv, 'name'), created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateConcept(tx: Tx, id: number, input: ConceptInput): Promise<void> {
    await tx
      .updateTable('bootcamp_concepts')
      .set({ texts: namesJson(input.en, input.sv, 'name') })
      .where('id', '=', id)
      .execute();
  }

  // ---- the public pages

  /** Published and closed courses, for /bootcamp. */
  async publicCourses(limit: number): Promise<PublicCourseRow[]> {
    const rows = await this.db
      .selectFrom('bootcamp_courses')
      .select(['id', 'slug', 'status', 'texts', 'language', 'audience', 'capacity', 'starts_on', 'ends_on'])
      .where('status', 'in', publicStatuses)
      .orderBy('starts_on')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, status: r.status as CourseStatus, audience: r.audience as CourseAudience, capacity: Number(r.capacity) }));
  }

  /** Published and closed courses for the sitemap: slug and last change. */
  async sitemapEntries(): Promise<{ slug: string; updatedAt: string }[]> {
    const rows = await this.db.selectFrom('bootcamp_courses').select(['slug', 'updated_at']).where('status', 'in', publicStatuses).orderBy('id').execute();
    return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
  }

  /** One published or closed course by its slug; a draft is as absent as a slug nobody used. */
  async publicCourse(slug: string): Promise<PublicCourseRow | undefined> {
    const r = await this.db
      .selectFrom('bootcamp_courses')
      .select(['id', 'slug', 'status', 'texts', 'language', 'audience', 'capacity', 'starts_on', 'ends_on'])
      .where('slug', '=', slug)
      .where('status', 'in', publicStatuses)
      .executeTakeFirst();
    return r ? { ...r, status: r.status as CourseStatus, audience: r.audience as CourseAudience, capacity: Number(r.capacity) } : undefined;
  }

  /** A public course's concepts and goals (texts as JSON), and its trainers who consented to a public profile. */
  async publicParts(
    courseId: number,
    locale: Locale,
  ): Promise<{ concepts: string[]; goals: string[]; trainers: { name: string; affiliation: string | null; englishAffiliation: string | null }[] }> {
    const [concepts, goals, trainers] = await Promise.all([
      this.db
        .selectFrom('bootcamp_course_concepts as cc')
        .innerJoin('bootcamp_concepts as c', 'c.id', 'cc.concept_id')
        .select('c.texts')
        .where('cc.course_id', '=', courseId)
        .orderBy('c.id')
        .execute(),
      this.db.selectFrom('bootcamp_goals').select('texts').where('course_id', '=', courseId).orderBy('position').orderBy('id').execute(),
      this.db
        .selectFrom('bootcamp_course_trainers as t')
        .innerJoin('people as p', 'p.id', 't.person_id')
        .leftJoin('person_translations as tl', (j) => j.onRef('tl.person_id', '=', 'p.id').on('tl.locale', '=', locale))
        .leftJoin('person_translations as te', (j) => j.onRef('te.person_id', '=', 'p.id').on('te.locale', '=', 'en'))
        .select(['p.name', 'tl.affiliation as affiliation', 'te.affiliation as englishAffiliation'])
        .where('t.course_id', '=', courseId)
        .where('p.public_profile', '=', 1)
        .orderBy('t.position')
        .execute(),
    ]);
    return { concepts: concepts.map((c) => c.texts), goals: goals.map((g) => g.texts), trainers };
  }
}
