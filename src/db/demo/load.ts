import type { Db } from '../database.js';
import { makeEvent } from '../factories.js';

/** Loads the demo programme into an empty database; returns what it loaded, or undefined. */
export async function loadDemoIfEmpty(db: Db, _mediaRoot: string): Promise<{ events: number } | undefined> {
  const existing = await db.selectFrom('events').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  await makeEvent(db, { slug: 'placeholder', texts: { en: { title: 'Placeholder until the demo content lands' } } });
  return { events: 1 };
}
