import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { addContentVersionTriggers } from './0003-content-version.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/**
 * The bootcamp: remote courses between conferences. A course teaches one or more training
 * concepts (a list staff keep), has ordered learning goals (rows with ids, so that later
 * evaluations can ask about each goal), trainers chosen from people, and a status
 * draft / published / closed. Translatable text is one JSON column `texts` per row
 * ({ en: {...}, sv?: {...} }), as in the conference tables. No participant is stored here.
 */
export const m0012: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await withId(s.createTable('bootcamp_concepts'), d).addColumn('texts', 'text', notNull).addColumn('created_at', 'text', notNull).execute();

    await withId(s.createTable('bootcamp_courses'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', notNull)
      .addColumn('texts', 'text', notNull)
      .addColumn('language', 'text', notNull)
      .addColumn('audience', 'text', notNull)
      .addColumn('capacity', 'integer', notNull)
      .addColumn('starts_on', 'text', notNull)
      .addColumn('ends_on', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addColumn('published_at', 'text')
      .execute();
    await s.createIndex('bootcamp_courses_public').on('bootcamp_courses').columns(['status', 'starts_on']).execute();

    await s
      .createTable('bootcamp_course_concepts')
      .addColumn('course_id', 'integer', (c) => c.notNull().references('bootcamp_courses.id').onDelete('cascade'))
      .addColumn('concept_id', 'integer', (c) => c.notNull().references('bootcamp_concepts.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('bootcamp_course_concepts_pk', ['course_id', 'concept_id'])
      .execute();

    await withId(s.createTable('bootcamp_goals'), d)
      .addColumn('course_id', 'integer', (c) => c.notNull().references('bootcamp_courses.id').onDelete('cascade'))
      .addColumn('position', 'integer', notNull)
      .addColumn('texts', 'text', notNull)
      .execute();
    await s.createIndex('bootcamp_goals_course').on('bootcamp_goals').columns(['course_id', 'position']).execute();

    await s
      .createTable('bootcamp_course_trainers')
      .addColumn('course_id', 'integer', (c) => c.notNull().references('bootcamp_courses.id').onDelete('cascade'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('position', 'integer', notNull)
      .addPrimaryKeyConstraint('bootcamp_course_trainers_pk', ['course_id', 'person_id'])
      .execute();

    // All five show on /bootcamp and /bootcamp/{slug}: a change must reach their cached copies.
    await addContentVersionTriggers(db, d, ['bootcamp_concepts', 'bootcamp_courses', 'bootcamp_course_concepts', 'bootcamp_goals', 'bootcamp_course_trainers']);
  },
};
