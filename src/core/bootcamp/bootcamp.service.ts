import type { Locale } from '../../i18n/index.js';
import { localText } from '../conference/conference.schema.js';
import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import type { BootcampRepository, PublicCourseRow } from './bootcamp.repository.js';
import type { PublicCourse, PublicCourseList, PublicCourseSummary } from './bootcamp.schema.js';

/**
 * The public side of the bootcamp: published and closed courses, in the visitor's language
 * (English where a text has no Swedish version). Drafts are never read here: a draft's slug
 * answers 404 exactly like a slug nobody used. No participant is ever named; trainers are
 * named only with their consent to a public profile.
 */
export class BootcampService {
  constructor(
    private readonly repo: BootcampRepository,
    private readonly clock: Clock,
  ) {}

  /** Today's date (UTC), to tell courses still to come or running from past ones. */
  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private summary(r: PublicCourseRow, locale: Locale): PublicCourseSummary {
    const title = localText(r.texts, locale, 'title');
    return {
      slug: r.slug,
      title: title.text,
      lang: title.lang,
      status: r.status,
      language: r.language,
      audience: r.audience,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
    };
  }

  async courses(locale: Locale): Promise<PublicCourseList> {
    const today = this.today();
    const rows = await this.repo.publicCourses(500);
    const upcoming = rows.filter((r) => r.ends_on >= today).map((r) => this.summary(r, locale));
    const past = rows
      .filter((r) => r.ends_on < today)
      .reverse()
      .map((r) => this.summary(r, locale));
    return { upcoming, past };
  }

  /** Whether a course has not ended yet. */
  isUpcoming(course: PublicCourseSummary): boolean {
    return course.endsOn >= this.today();
  }

  /** The public course pages, for the sitemap. */
  sitemapEntries(): Promise<{ slug: string; updatedAt: string }[]> {
    return this.repo.sitemapEntries();
  }

  async detail(slug: string, locale: Locale): Promise<PublicCourse> {
    const row = await this.repo.publicCourse(slug);
    if (!row) throw notFound('course');
    const parts = await this.repo.publicParts(row.id, locale);
    const description = localText(row.texts, locale, 'description');
    return {
      ...this.summary(row, locale),
      description: description.text,
      descriptionLang: description.lang,
      capacity: row.capacity,
      concepts: parts.concepts.map((json) => localText(json, locale, 'name')).map((t) => ({ name: t.text, lang: t.lang })),
      goals: parts.goals.map((json) => localText(json, locale, 'text')),
      trainers: parts.trainers.map((t) => {
        const own = t.affiliation?.trim() ? t.affiliation : null;
        return { name: t.name, affiliation: own ?? t.englishAffiliation ?? '', affiliationLang: own ? locale : 'en' };
      }),
    };
  }
}
