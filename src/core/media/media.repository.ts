import type { Db } from '../../db/database.js';
import { publicStatuses } from '../events/events.repository.js';

export class MediaRepository {
  constructor(private readonly db: Db) {}

  /**
   * A file that a public event uses (as lead image or document). Files of drafts, hidden
   * events or anything else are not served to the public.
   */
  async publicByKey(key: string): Promise<{ key: string; kind: string; mime: string; variants: string } | undefined> {
    return this.db
      .selectFrom('media')
      .where('media.key', '=', key)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('events')
              .select('events.id')
              .whereRef('events.image_id', '=', 'media.id')
              .where('events.status', 'in', publicStatuses)
              .where('events.hidden', '=', 0),
          ),
          eb.exists(
            eb
              .selectFrom('event_documents as d')
              .innerJoin('events', 'events.id', 'd.event_id')
              .select('d.id')
              .whereRef('d.media_id', '=', 'media.id')
              .where('events.status', 'in', publicStatuses)
              .where('events.hidden', '=', 0),
          ),
        ]),
      )
      .select(['media.key', 'media.kind', 'media.mime', 'media.variants'])
      .executeTakeFirst();
  }
}
