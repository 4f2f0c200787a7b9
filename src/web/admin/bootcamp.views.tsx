import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { CourseFormOptions } from '../../core/bootcamp/admin-bootcamp.service.js';
import {
  COURSE_LIMITS,
  courseAudiences,
  courseFilters,
  courseLanguages,
  courseTransitions,
  goalFields,
  goalRowCount,
  type AdminConcept,
  type AdminCourse,
  type AdminCourseRow,
  type CourseFilter,
  type CourseTransition,
} from '../../core/bootcamp/bootcamp.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { courseDates } from '../public/bootcamp.views.js';
import { ActionForm, CheckboxGroup, Csrf, LanguageFieldset, Notice, Select, TextArea, TextInput, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';

const statusLabel = (ctx: ViewContext, status: string): string => ctx.t(`bootcamp.status.${status}` as MessageKey);

/** The bootcamp's own small navigation: courses and training concepts. */
function BootcampNav({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <nav aria-label={ctx.t('nav.bootcamp')} class="sub-nav">
      <ul class="nav">
        <li>
          <a href="/admin/bootcamp" aria-current={ctx.path === '/admin/bootcamp' ? 'page' : undefined} safe>
            {ctx.t('bootcamp.admin.title')}
          </a>
        </li>
        <li>
          <a href="/admin/bootcamp/concepts" aria-current={ctx.path === '/admin/bootcamp/concepts' ? 'page' : undefined} safe>
            {ctx.t('bootcamp.concepts.title')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

function CourseTable({ ctx, rows }: { ctx: ViewContext; rows: AdminCourseRow[] }): JSX.Element {
  return (
    <div class="table-wrap">
      <table>
        <caption safe>{ctx.t('bootcamp.admin.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {ctx.t('bootcamp.admin.col.title')}
            </th>
            <th scope="col" safe>
              {ctx.t('bootcamp.admin.col.dates')}
            </th>
            <th scope="col" safe>
              {ctx.t('bootcamp.admin.col.status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/bootcamp/${r.id}`} lang="en" safe>
                  {r.title}
                </a>
              </td>
              <td safe>{courseDates(ctx, r.startsOn, r.endsOn)}</td>
              <td safe>{statusLabel(ctx, r.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/bootcamp: every course, filtered by status. */
export function CourseListPage(p: { ctx: ViewContext; principal: Principal; csrf: string; rows: AdminCourseRow[]; filter: CourseFilter }): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('bootcamp.admin.title')} principal={p.principal} csrf={p.csrf}>
      <BootcampNav ctx={ctx} />
      <h1 safe>{ctx.t('bootcamp.admin.title')}</h1>
      <p safe>{ctx.t('bootcamp.admin.intro')}</p>
      <p>
        <a class="button" href="/admin/bootcamp/new" safe>
          {ctx.t('bootcamp.admin.new')}
        </a>
      </p>
      <form method="get" action="/admin/bootcamp" class="inline-form filter-row">
        <label for="status" safe>
          {ctx.t('bootcamp.admin.filter')}
        </label>
        <select id="status" name="status">
          {courseFilters.map((f) => (
            <option value={f} selected={f === p.filter} safe>
              {f === 'all' ? ctx.t('bootcamp.filter.all') : statusLabel(ctx, f)}
            </option>
          ))}
        </select>
        <button type="submit" safe>
          {ctx.t('ae.events.filter.apply')}
        </button>
      </form>
      {p.rows.length ? (
        <CourseTable ctx={ctx} rows={p.rows} />
      ) : (
        <p class="empty" safe>
          {ctx.t(p.filter === 'all' ? 'bootcamp.admin.empty' : 'bootcamp.admin.empty-filter')}
        </p>
      )}
    </AdminLayout>
  );
}

function CourseLanguageColumn({ ctx, locale, values, errors }: { ctx: ViewContext; locale: 'en' | 'sv'; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors, lang: locale };
  return (
    <LanguageFieldset ctx={ctx} locale={locale} hint={ctx.t('bootcamp.form.sv-hint')}>
      <TextInput {...common} name={`title_${locale}`} label={ctx.t('bootcamp.form.title')} maxlength={COURSE_LIMITS.title} required={locale === 'en'} />
      <TextArea {...common} name={`description_${locale}`} label={ctx.t('bootcamp.form.description')} rows={8} maxlength={COURSE_LIMITS.description} />
    </LanguageFieldset>
  );
}

/** The learning goals: one row per goal (its id hidden), in order, with empty rows to add more. */
function GoalRows({ ctx, values, errors }: { ctx: ViewContext; values: Values; errors: Errors }): JSX.Element {
  const rows = Array.from({ length: goalRowCount(values) }, (_, i) => i + 1);
  const common = { ctx, values, errors };
  return (
    <fieldset id="goals">
      <legend safe>{ctx.t('bootcamp.form.goals')}</legend>
      <p class="hint" safe>
        {ctx.t('bootcamp.form.goals-hint')}
      </p>
      {rows.map((i) => {
        const n = goalFields(i);
        const id = values[n.id];
        return (
          <fieldset class="goal-row" id={n.id}>
            <legend safe>{ctx.t('bootcamp.form.goal', { number: i })}</legend>
            {id ? <input type="hidden" name={n.id} value={typeof id === 'string' ? id : (id[0] ?? '')} /> : ''}
            {errors[n.id] ? (
              <p class="field-error" safe>
                {ctx.t(errors[n.id] as MessageKey)}
              </p>
            ) : (
              ''
            )}
            <TextInput {...common} name={n.en} lang="en" label={ctx.t('bootcamp.form.goal-en')} maxlength={COURSE_LIMITS.goal} />
            <TextInput {...common} name={n.sv} lang="sv" label={ctx.t('bootcamp.form.goal-sv')} maxlength={COURSE_LIMITS.goal} />
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function CourseFields({ ctx, values, errors, options }: { ctx: ViewContext; values: Values; errors: Errors; options: CourseFormOptions }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <fieldset>
      <legend safe>{ctx.t('bootcamp.form.course')}</legend>
      <TextInput {...common} name="slug" label={ctx.t('bootcamp.form.slug')} hint={ctx.t('ae.cat.slug-hint')} maxlength={81} required />
      <Select
        {...common}
        name="language"
        label={ctx.t('bootcamp.form.language')}
        options={courseLanguages.map((x) => ({ value: x, label: ctx.t(`conference.language.${x}`) }))}
      />
      <Select
        {...common}
        name="audience"
        label={ctx.t('bootcamp.form.audience')}
        options={courseAudiences.map((x) => ({ value: x, label: ctx.t(`bootcamp.audience.short.${x}`) }))}
      />
      <TextInput {...common} name="capacity" label={ctx.t('bootcamp.form.capacity')} inputmode="numeric" maxlength={5} required />
      <TextInput {...common} name="starts_on" label={ctx.t('bootcamp.form.starts-on')} hint={ctx.t('bootcamp.form.date-hint')} maxlength={10} required />
      <TextInput {...common} name="ends_on" label={ctx.t('bootcamp.form.ends-on')} hint={ctx.t('bootcamp.form.date-hint')} maxlength={10} required />
      {options.concepts.length ? (
        <CheckboxGroup
          {...common}
          name="concepts"
          label={ctx.t('bootcamp.form.concepts')}
          options={options.concepts.map((c) => ({ value: String(c.id), label: ctx.locale === 'sv' && c.names.sv ? c.names.sv : c.names.en }))}
        />
      ) : (
        <p class="hint" id="concepts" safe>
          {ctx.t('bootcamp.form.concepts-none')}
        </p>
      )}
      {options.people.length ? (
        <CheckboxGroup
          {...common}
          name="trainers"
          label={ctx.t('bootcamp.form.trainers')}
          hint={ctx.t('bootcamp.form.trainers-hint')}
          options={options.people.map((x) => ({ value: String(x.id), label: x.name }))}
        />
      ) : (
        <p class="hint" id="trainers" safe>
          {ctx.t('bootcamp.form.trainers-none')}
        </p>
      )}
    </fieldset>
  );
}

/** The status of a course and the buttons that change it (one small POST form each). */
function StatusPanel({ ctx, course, csrf }: { ctx: ViewContext; course: AdminCourse; csrf: string }): JSX.Element {
  const labels: Record<CourseTransition, MessageKey> = { publish: 'bootcamp.admin.publish', close: 'bootcamp.admin.close', draft: 'bootcamp.admin.to-draft' };
  const possible = (Object.keys(courseTransitions) as CourseTransition[]).filter((t) =>
    (courseTransitions[t].from as readonly string[]).includes(course.status),
  );
  return (
    <section aria-labelledby="status-title" id="form">
      <h2 id="status-title" safe>
        {ctx.t('bootcamp.admin.status-title')}
      </h2>
      <p safe>{ctx.t('bootcamp.admin.status', { status: statusLabel(ctx, course.status) })}</p>
      {course.status === 'draft' ? (
        ''
      ) : (
        <p>
          <a href={`/bootcamp/${course.slug}`} safe>
            {ctx.t('bootcamp.admin.public-page')}
          </a>
        </p>
      )}
      <div class="actions">
        {possible.map((t) => (
          <ActionForm action={`/admin/bootcamp/${course.id}/${t}`} csrf={csrf} label={ctx.t(labels[t])} />
        ))}
      </div>
    </section>
  );
}

/** The form for a new course, or a course's edit page with its status panel. */
export function CourseFormPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  course?: AdminCourse | undefined;
  values: Values;
  errors: Errors;
  options: CourseFormOptions;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, course } = p;
  const title = course ? ctx.t('bootcamp.admin.edit', { title: course.title }) : ctx.t('bootcamp.admin.new');
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <BootcampNav ctx={ctx} />
      <h1 safe>{title}</h1>
      <p>
        <a href="/admin/bootcamp" safe>
          {ctx.t('bootcamp.admin.back')}
        </a>
      </p>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      {course ? <StatusPanel ctx={ctx} course={course} csrf={p.csrf} /> : ''}
      <form method="post" action={course ? `/admin/bootcamp/${course.id}` : '/admin/bootcamp/new'} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <div class="lang-columns">
          <CourseLanguageColumn ctx={ctx} locale="en" values={p.values} errors={p.errors} />
          <CourseLanguageColumn ctx={ctx} locale="sv" values={p.values} errors={p.errors} />
        </div>
        <CourseFields ctx={ctx} values={p.values} errors={p.errors} options={p.options} />
        <GoalRows ctx={ctx} values={p.values} errors={p.errors} />
        <p>
          <button type="submit" safe>
            {course ? ctx.t('admin.form.save') : ctx.t('bootcamp.admin.create')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

function ConceptFields({ ctx, values, errors }: { ctx: ViewContext; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <>
      <TextInput {...common} name="name_en" lang="en" label={ctx.t('bootcamp.concepts.name-en')} maxlength={COURSE_LIMITS.concept} required />
      <TextInput
        {...common}
        name="name_sv"
        lang="sv"
        label={ctx.t('bootcamp.concepts.name-sv')}
        hint={ctx.t('bootcamp.form.sv-hint')}
        maxlength={COURSE_LIMITS.concept}
      />
    </>
  );
}

function ConceptTable({ ctx, concepts }: { ctx: ViewContext; concepts: AdminConcept[] }): JSX.Element {
  return (
    <div class="table-wrap">
      <table>
        <caption safe>{ctx.t('bootcamp.concepts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {ctx.t('bootcamp.concepts.col.en')}
            </th>
            <th scope="col" safe>
              {ctx.t('bootcamp.concepts.col.sv')}
            </th>
          </tr>
        </thead>
        <tbody>
          {concepts.map((c) => (
            <tr>
              <td>
                <a href={`/admin/bootcamp/concepts/${c.id}`} lang="en" safe>
                  {c.names.en}
                </a>
              </td>
              <td lang="sv" safe>
                {c.names.sv}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/bootcamp/concepts: the list of training concepts and the form to add one. */
export function ConceptListPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  concepts: AdminConcept[];
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('bootcamp.concepts.title')} principal={p.principal} csrf={p.csrf}>
      <BootcampNav ctx={ctx} />
      <h1 safe>{ctx.t('bootcamp.concepts.title')}</h1>
      <p safe>{ctx.t('bootcamp.concepts.intro')}</p>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      {p.concepts.length ? (
        <ConceptTable ctx={ctx} concepts={p.concepts} />
      ) : (
        <p class="empty" safe>
          {ctx.t('bootcamp.concepts.empty')}
        </p>
      )}
      <form method="post" action="/admin/bootcamp/concepts" class="form" novalidate>
        <Csrf token={p.csrf} />
        <fieldset>
          <legend safe>{ctx.t('bootcamp.concepts.new')}</legend>
          <ConceptFields ctx={ctx} values={p.values} errors={p.errors} />
        </fieldset>
        <p>
          <button type="submit" safe>
            {ctx.t('bootcamp.concepts.add')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

/** /admin/bootcamp/concepts/:id: renaming one training concept. */
export function ConceptFormPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  concept: AdminConcept;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx } = p;
  const title = ctx.t('bootcamp.concepts.rename', { name: p.concept.names.en });
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <BootcampNav ctx={ctx} />
      <h1 safe>{title}</h1>
      <p>
        <a href="/admin/bootcamp/concepts" safe>
          {ctx.t('bootcamp.concepts.back')}
        </a>
      </p>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      <form method="post" action={`/admin/bootcamp/concepts/${p.concept.id}`} class="form" novalidate>
        <Csrf token={p.csrf} />
        <ConceptFields ctx={ctx} values={p.values} errors={p.errors} />
        <p>
          <button type="submit" safe>
            {ctx.t('admin.form.save')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}
