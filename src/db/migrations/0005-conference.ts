import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { DualMigration } from './helpers.js';

/** Defenders' Days: editions, tracks, rooms, programme sessions, the empty chair. */
export const m0005: DualMigration = {
  async up(_db: Kysely<unknown>, _d: Dialect) {},
};
