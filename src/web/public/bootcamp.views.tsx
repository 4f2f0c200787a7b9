import type { PublicCourse, PublicCourseList, PublicCourseSummary } from '../../core/bootcamp/bootcamp.schema.js';
import { formatDate } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { langAttr, Paragraphs } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/layout.js';

/** A course's first and last day (calendar dates, no time zone to convert), as one line. */
export function courseDates(ctx: ViewContext, startsOn: string, endsOn: string): string {
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, ctx.locale, 'UTC');
  return startsOn === endsOn ? day(startsOn) : `${day(startsOn)} – ${day(endsOn)}`;
}

const languageLabel = (ctx: ViewContext, language: string): string => ctx.t(`conference.language.${language}` as MessageKey);

function CourseItem({ ctx, course: c }: { ctx: ViewContext; course: PublicCourseSummary }): JSX.Element {
  return (
    <li>
      <a href={ctx.href(`/bootcamp/${c.slug}`)} lang={langAttr(ctx, c.lang)} safe>
        {c.title}
      </a>
      <span class="muted" safe>
        {[courseDates(ctx, c.startsOn, c.endsOn), languageLabel(ctx, c.language), ctx.t(`bootcamp.audience.short.${c.audience}`)].join(' · ')}
      </span>
    </li>
  );
}

function CourseSection({
  ctx,
  id,
  title,
  courses,
  empty,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  courses: PublicCourseSummary[];
  empty: string;
}): JSX.Element {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} safe>
        {title}
      </h2>
      {courses.length ? (
        <ul class="courses">
          {courses.map((c) => (
            <CourseItem ctx={ctx} course={c} />
          ))}
        </ul>
      ) : (
        <p class="empty" safe>
          {empty}
        </p>
      )}
    </section>
  );
}

/** /bootcamp: what the bootcamp is, courses to come or running, then past ones. */
export function BootcampPage({ ctx, courses }: { ctx: ViewContext; courses: PublicCourseList }): JSX.Element {
  const none = !courses.upcoming.length && !courses.past.length;
  return (
    <Layout ctx={ctx} title={ctx.t('bootcamp.title')} description={ctx.t('bootcamp.lead')}>
      <article class="bootcamp">
        <h1 safe>{ctx.t('bootcamp.title')}</h1>
        <p class="lead" safe>
          {ctx.t('bootcamp.lead')}
        </p>
        {none ? (
          <p class="empty" safe>
            {ctx.t('bootcamp.empty')}
          </p>
        ) : (
          <>
            <CourseSection
              ctx={ctx}
              id="upcoming-title"
              title={ctx.t('bootcamp.upcoming')}
              courses={courses.upcoming}
              empty={ctx.t('bootcamp.upcoming.empty')}
            />
            {courses.past.length ? <CourseSection ctx={ctx} id="past-title" title={ctx.t('bootcamp.past')} courses={courses.past} empty="" /> : ''}
          </>
        )}
        <p class="muted" safe>
          {ctx.t('bootcamp.privacy')}
        </p>
      </article>
    </Layout>
  );
}

function CourseFacts({ ctx, course: c }: { ctx: ViewContext; course: PublicCourse }): JSX.Element {
  return (
    <dl class="facts">
      <dt safe>{ctx.t('bootcamp.course.dates')}</dt>
      <dd safe>{courseDates(ctx, c.startsOn, c.endsOn)}</dd>
      <dt safe>{ctx.t('bootcamp.course.language')}</dt>
      <dd safe>{languageLabel(ctx, c.language)}</dd>
      <dt safe>{ctx.t('bootcamp.course.capacity')}</dt>
      <dd safe>{c.capacity === 1 ? ctx.t('bootcamp.capacity.one') : ctx.t('bootcamp.capacity', { count: c.capacity })}</dd>
      {c.concepts.length ? (
        <>
          <dt safe>{ctx.t('bootcamp.course.concepts')}</dt>
          <dd>
            {c.concepts.map((x, i) => (
              <>
                {i ? ', ' : ''}
                <span lang={langAttr(ctx, x.lang)} safe>
                  {x.name}
                </span>
              </>
            ))}
          </dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

/** The trainers who consented to a public profile, with their affiliation. */
function Trainers({ ctx, course: c }: { ctx: ViewContext; course: PublicCourse }): JSX.Element {
  return (
    <section aria-labelledby="trainers-title">
      <h2 id="trainers-title" safe>
        {ctx.t('bootcamp.course.trainers')}
      </h2>
      <ul class="people">
        {c.trainers.map((x) => (
          <li>
            <span safe>{x.name}</span>
            {x.affiliation ? (
              <>
                {', '}
                <span lang={langAttr(ctx, x.affiliationLang)} safe>
                  {x.affiliation}
                </span>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /bootcamp/{slug}: one course. Trainers appear only with their consent; participants never. */
export function CoursePage({ ctx, course: c }: { ctx: ViewContext; course: PublicCourse }): JSX.Element {
  return (
    <Layout ctx={ctx} title={c.title} description={`${ctx.t('bootcamp.course.kicker')}: ${c.title}`}>
      <article class="course">
        <p class="kicker" safe>
          {ctx.t('bootcamp.course.kicker')}
        </p>
        <h1 lang={langAttr(ctx, c.lang)} safe>
          {c.title}
        </h1>
        {c.status === 'closed' ? (
          <p class="banner banner-notice" safe>
            {ctx.t('bootcamp.course.closed')}
          </p>
        ) : (
          ''
        )}
        <CourseFacts ctx={ctx} course={c} />
        {c.description ? <Paragraphs text={c.description} lang={langAttr(ctx, c.descriptionLang)} /> : ''}
        {c.goals.length ? (
          <section aria-labelledby="goals-title">
            <h2 id="goals-title" safe>
              {ctx.t('bootcamp.course.goals')}
            </h2>
            <ol>
              {c.goals.map((g) => (
                <li lang={langAttr(ctx, g.lang)} safe>
                  {g.text}
                </li>
              ))}
            </ol>
          </section>
        ) : (
          ''
        )}
        {c.trainers.length ? <Trainers ctx={ctx} course={c} /> : ''}
        <section aria-labelledby="audience-title">
          <h2 id="audience-title" safe>
            {ctx.t('bootcamp.course.audience')}
          </h2>
          <p safe>{ctx.t(`bootcamp.audience.${c.audience}`)}</p>
        </section>
        <p class="muted" safe>
          {ctx.t('bootcamp.privacy')}
        </p>
        <p class="actions">
          <a href={ctx.href('/bootcamp')} safe>
            {ctx.t('bootcamp.course.back')}
          </a>
        </p>
      </article>
    </Layout>
  );
}
