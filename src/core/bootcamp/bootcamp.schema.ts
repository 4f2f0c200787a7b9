import type { Locale } from '../../i18n/index.js';
import { isSessionLanguage, sessionLanguages, type SessionLanguage } from '../conference/conference.schema.js';
import { field, fieldList, FormErrors, isOneOf, SLUG, type RawForm } from '../shared/form-input.js';

/**
 * The bootcamp: remote courses between conferences. Staff keep the courses, the training
 * concepts they teach and each course's learning goals; the public pages show published and
 * closed courses. No participant is named anywhere here. Field names are the form's input
 * names and ids.
 */

export const courseStatuses = ['draft', 'published', 'closed'] as const;
export type CourseStatus = (typeof courseStatuses)[number];
export const isCourseStatus = isOneOf(courseStatuses);

/** Who takes part: people the organisers invite, or people who apply. */
export const courseAudiences = ['invited', 'applications'] as const;
export type CourseAudience = (typeof courseAudiences)[number];
export const isCourseAudience = isOneOf(courseAudiences);

/** A course is held in one of the conference programme's session languages. */
export const courseLanguages = sessionLanguages;
export type CourseLanguage = SessionLanguage;

export const COURSE_LIMITS = { title: 200, description: 10_000, goal: 500, concept: 100, capacity: 10_000 } as const;
/** How many learning goals a course may have (the form's rows). */
export const MAX_GOALS = 20;

/** The list filter of the workspace: a status, or every course. */
export const courseFilters = ['all', ...courseStatuses] as const;
export type CourseFilter = (typeof courseFilters)[number];

/** Status changes staff make with one button each, and the statuses each may start from. */
export const courseTransitions = {
  publish: { to: 'published', from: ['draft', 'closed'] },
  close: { to: 'closed', from: ['published'] },
  draft: { to: 'draft', from: ['published', 'closed'] },
} as const satisfies Record<string, { to: CourseStatus; from: readonly CourseStatus[] }>;
export type CourseTransition = keyof typeof courseTransitions;

export interface CourseTexts {
  title: string;
  description: string;
}

/** A learning goal as the form sent it: its id when it already exists, its English and Swedish text. */
export interface GoalInput {
  id: number | null;
  en: string;
  sv: string;
}

/** A valid course form. The Swedish version exists when its title or description is filled in. */
export interface CourseInput {
  slug: string;
  texts: { en: CourseTexts; sv: CourseTexts | null };
  language: CourseLanguage;
  audience: CourseAudience;
  capacity: number;
  startsOn: string;
  endsOn: string;
  conceptIds: number[];
  trainerIds: number[];
  goals: GoalInput[];
}

export interface ConceptInput {
  en: string;
  sv: string;
}

export interface AdminConcept {
  id: number;
  names: { en: string; sv: string };
}

export interface AdminCourseRow {
  id: number;
  slug: string;
  /** English title, for the workspace's lists */
  title: string;
  status: CourseStatus;
  startsOn: string;
  endsOn: string;
}

export interface AdminGoal {
  id: number;
  en: string;
  sv: string;
}

export interface AdminCourse extends AdminCourseRow {
  texts: { en: CourseTexts; sv: CourseTexts | null };
  language: string;
  audience: CourseAudience;
  capacity: number;
  conceptIds: number[];
  trainerIds: number[];
  goals: AdminGoal[];
}

/** What the public pages show of a course, in the visitor's language (English where Swedish is missing). */
export interface PublicCourseSummary {
  slug: string;
  title: string;
  /** the language the title is written in */
  lang: Locale;
  status: CourseStatus;
  language: string;
  audience: CourseAudience;
  startsOn: string;
  endsOn: string;
}

export interface PublicCourse extends PublicCourseSummary {
  description: string;
  descriptionLang: Locale;
  capacity: number;
  concepts: { name: string; lang: Locale }[];
  goals: { text: string; lang: Locale }[];
  /** trainers with a public profile only (with their affiliation, English where the visitor's language has none); the others are not named */
  trainers: { name: string; affiliation: string; affiliationLang: Locale }[];
}

/** The public list: courses still to come (or running) first, soonest first; then past courses, latest first. */
export interface PublicCourseList {
  upcoming: PublicCourseSummary[];
  past: PublicCourseSummary[];
}

/** Form values to fill the course form again: strings, and lists for the repeated fields. */
export type CourseFormValues = Record<string, string | string[]>;

export const courseTextFields = [
  'slug',
  'title_en',
  'description_en',
  'title_sv',
  'description_sv',
  'language',
  'audience',
  'capacity',
  'starts_on',
  'ends_on',
] as const;
export const goalFields = (i: number) => ({ id: `goal_id_${i}`, en: `goal_en_${i}`, sv: `goal_sv_${i}` });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD that exists (no 31 February), between 2000 and 2200. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2200 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function courseTexts(errors: FormErrors, raw: RawForm, locale: 'en' | 'sv'): CourseTexts {
  const required = locale === 'en' ? 'bootcamp.form.title-required' : undefined;
  return {
    title: errors.text(`title_${locale}`, field(raw, `title_${locale}`), { max: COURSE_LIMITS.title, ...(required ? { required } : {}) }),
    description: errors.text(`description_${locale}`, field(raw, `description_${locale}`), { max: COURSE_LIMITS.description }),
  };
}

function goals(errors: FormErrors, raw: RawForm): GoalInput[] {
  const out: GoalInput[] = [];
  for (let i = 1; i <= MAX_GOALS; i++) {
    const names = goalFields(i);
    const en = errors.text(names.en, field(raw, names.en), { max: COURSE_LIMITS.goal });
    const sv = errors.text(names.sv, field(raw, names.sv), { max: COURSE_LIMITS.goal });
    const id = errors.optionalId(names.id, field(raw, names.id));
    if (!en && !sv) continue; // an empty row: no goal, or a goal removed
    if (!en) errors.add(names.en, 'bootcamp.form.goal-en-required');
    out.push({ id, en, sv });
  }
  return out;
}

function dates(errors: FormErrors, raw: RawForm): { startsOn: string; endsOn: string } {
  const startsOn = field(raw, 'starts_on');
  const endsOn = field(raw, 'ends_on');
  if (!isIsoDate(startsOn)) errors.add('starts_on', 'bootcamp.form.date-invalid');
  if (!isIsoDate(endsOn)) errors.add('ends_on', 'bootcamp.form.date-invalid');
  else if (isIsoDate(startsOn) && endsOn < startsOn) errors.add('ends_on', 'bootcamp.form.end-before-start');
  return { startsOn, endsOn };
}

function capacity(errors: FormErrors, raw: RawForm): number {
  const text = field(raw, 'capacity');
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1 || n > COURSE_LIMITS.capacity) errors.add('capacity', 'bootcamp.form.capacity-invalid');
  return n;
}

/** Checks the whole course form; throws `invalid` with every field's message key, or returns the course. */
export function parseCourseForm(raw: RawForm): CourseInput {
  const errors = new FormErrors();
  const slug = field(raw, 'slug').toLowerCase();
  if (!slug) errors.add('slug', 'form.slug-required');
  else if (!SLUG.test(slug)) errors.add('slug', 'form.slug-invalid');
  const en = courseTexts(errors, raw, 'en');
  const sv = courseTexts(errors, raw, 'sv');
  const language = field(raw, 'language');
  if (!isSessionLanguage(language)) errors.add('language', 'form.choice-invalid');
  const audience = field(raw, 'audience');
  if (!isCourseAudience(audience)) errors.add('audience', 'form.choice-invalid');
  const input: CourseInput = {
    slug,
    texts: { en, sv: sv.title || sv.description ? sv : null },
    language: language as CourseLanguage,
    audience: audience as CourseAudience,
    capacity: capacity(errors, raw),
    ...dates(errors, raw),
    conceptIds: errors.ids('concepts', fieldList(raw, 'concepts')),
    trainerIds: errors.ids('trainers', fieldList(raw, 'trainers')),
    goals: goals(errors, raw),
  };
  errors.throwIfAny('course form');
  return input;
}

/** Checks a training concept's names: English required, Swedish optional. */
export function parseConceptForm(raw: RawForm): ConceptInput {
  const errors = new FormErrors();
  const en = errors.text('name_en', field(raw, 'name_en'), { max: COURSE_LIMITS.concept, required: 'bootcamp.form.concept-name-required' });
  const sv = errors.text('name_sv', field(raw, 'name_sv'), { max: COURSE_LIMITS.concept });
  errors.throwIfAny('concept form');
  return { en, sv };
}

/** What the user typed in the course form, for showing it again: every row of goals, the chosen concepts and trainers. */
export function courseFormValues(raw: RawForm): CourseFormValues {
  const out: CourseFormValues = Object.fromEntries(courseTextFields.map((n) => [n, field(raw, n)]));
  out.concepts = fieldList(raw, 'concepts');
  out.trainers = fieldList(raw, 'trainers');
  for (let i = 1; i <= MAX_GOALS; i++) for (const n of Object.values(goalFields(i))) out[n] = field(raw, n);
  return out;
}

/** The stored course as form values. */
export function valuesOfCourse(c: AdminCourse): CourseFormValues {
  const out: CourseFormValues = {
    slug: c.slug,
    title_en: c.texts.en.title,
    description_en: c.texts.en.description,
    title_sv: c.texts.sv?.title ?? '',
    description_sv: c.texts.sv?.description ?? '',
    language: c.language,
    audience: c.audience,
    capacity: String(c.capacity),
    starts_on: c.startsOn,
    ends_on: c.endsOn,
    concepts: c.conceptIds.map(String),
    trainers: c.trainerIds.map(String),
  };
  c.goals.forEach((g, i) => {
    const names = goalFields(i + 1);
    out[names.id] = String(g.id);
    out[names.en] = g.en;
    out[names.sv] = g.sv;
  });
  return out;
}

/** How many goal rows the form shows: every filled row and two empty ones, at least three, at most MAX_GOALS. */
export function goalRowCount(values: CourseFormValues): number {
  let last = 0;
  for (let i = 1; i <= MAX_GOALS; i++) {
    const n = goalFields(i);
    if (values[n.en] || values[n.sv] || values[n.id]) last = i;
  }
  return Math.min(MAX_GOALS, Math.max(3, last + 2));
}
