import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** A migration written once for both dialects; `d` tells where the two differ. */
export interface DualMigration {
  up(db: Kysely<unknown>, d: Dialect): Promise<void>;
}

/** Adds an auto-increment integer primary key called id. */
export function withId<T extends string>(t: CreateTableBuilder<T, never>, d: Dialect): CreateTableBuilder<T, 'id'> {
  return d === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
