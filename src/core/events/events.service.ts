import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import type { Locale } from '../../i18n/index.js';
import type { EventsRepository } from './events.repository.js';
import type { EventDetail, EventSummary, FilterOptions, Page, PastFilter } from './events.schema.js';

export const PER_PAGE = 20;
/** Feeds carry upcoming events and those of the last year; older ones stay in the archive. */
export const FEED_WINDOW_DAYS = 365;
export const FEED_LIMIT = 500;

function page<T>(items: T[], total: number, pageNo: number, perPage: number): Page<T> {
  return { items, total, page: pageNo, perPage, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** Reading the public events programme. Everything returned here is public by construction. */
export class EventsService {
  constructor(
    private readonly repo: EventsRepository,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  async upcoming(locale: Locale, pageNo = 1, perPage = PER_PAGE): Promise<Page<EventSummary>> {
    const { items, total } = await this.repo.upcoming(this.now(), locale, perPage, (pageNo - 1) * perPage);
    return page(items, total, pageNo, perPage);
  }

  async past(locale: Locale, filter: PastFilter, pageNo = 1): Promise<Page<EventSummary>> {
    const { items, total } = await this.repo.past(this.now(), locale, filter, PER_PAGE, (pageNo - 1) * PER_PAGE);
    return page(items, total, pageNo, PER_PAGE);
  }

  filterOptions(locale: Locale): Promise<FilterOptions> {
    return this.repo.filterOptions(this.now(), locale);
  }

  async recordings(locale: Locale, pageNo = 1): Promise<Page<EventSummary>> {
    const { items, total } = await this.repo.recordings(locale, PER_PAGE, (pageNo - 1) * PER_PAGE);
    return page(items, total, pageNo, PER_PAGE);
  }

  async detail(slug: string, locale: Locale): Promise<EventDetail> {
    const event = await this.repo.publicDetail(slug, locale);
    if (!event) throw notFound('event');
    return event;
  }

  forFeeds(locale: Locale): Promise<EventSummary[]> {
    const from = new Date(this.clock.now().getTime() - FEED_WINDOW_DAYS * 86_400_000).toISOString();
    return this.repo.forFeeds(from, locale, FEED_LIMIT);
  }

  sitemapEntries(): Promise<{ slug: string; updatedAt: string }[]> {
    return this.repo.publicSlugs(20_000);
  }

  liveNow(locale: Locale): Promise<EventSummary | undefined> {
    return this.repo.liveNow(this.now(), locale);
  }

  isUpcoming(e: Pick<EventSummary, 'endsAt'>): boolean {
    return e.endsAt >= this.now();
  }
}
