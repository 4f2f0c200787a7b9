import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { DualMigration } from './helpers.js';

/** The Defender of the Year award: recipients by year. */
export const m0006: DualMigration = {
  async up(_db: Kysely<unknown>, _d: Dialect) {},
};
