import type { Locale } from '../../i18n/index.js';
import type { ImageRef } from '../events/events.schema.js';
import { field, FormErrors, isCountryCode, type RawForm } from '../shared/form-input.js';

/**
 * The Defender of the Year award as its public pages show it: one recipient per year,
 * a draft until staff publish it. The recipient's name is a public fact once published;
 * it still stays out of the audit trail (ids and years only). Nominations, dossiers and
 * the board's decision are not part of this domain's data and never reach these pages.
 * Field names are the form's input names and ids.
 */

export const AWARD_LIMITS = { name: 200, organisation: 200, motivation: 5_000, ceremony: 3_000, alt: 300, credit: 200, reportTitle: 200 } as const;

/** The first award was given in 2013; the bounds only keep typing errors out. */
export const AWARD_YEAR_MIN = 1990;
export const AWARD_YEAR_MAX = 2100;

export type AwardStatus = 'draft' | 'published';

export interface AwardTexts {
  motivation: string;
  ceremony: string;
}

/** A valid recipient form. The Swedish version exists when one of its texts is filled in. */
export interface AwardInput {
  year: number;
  name: string;
  countryCode: string;
  organisation: string;
  editionYear: number | null;
  texts: { en: AwardTexts; sv: AwardTexts | null };
}

/** A row of the workspace's list. */
export interface AdminRecipientRow {
  id: number;
  year: number;
  name: string;
  countryCode: string;
  status: AwardStatus;
  updatedAt: string;
}

/** Everything the workspace edits, in every language. */
export interface AdminRecipient extends AdminRecipientRow {
  organisation: string;
  editionYear: number | null;
  texts: { en: AwardTexts | null; sv: AwardTexts | null };
  photo: { key: string; variants: number[]; width: number | null; height: number | null; credit: string; alt: { en: string; sv: string } } | null;
  report: { key: string; bytes: number; titles: { en: string; sv: string } } | null;
  publishedAt: string | null;
}

/** A published recipient in the list on /award, in the visitor's language. */
export interface RecipientSummary {
  year: number;
  name: string;
  countryCode: string;
  organisation: string;
}

/** A recipient's page, /award/{year}: texts in the visitor's language or, where missing, English (`lang` says which). */
export interface RecipientDetail extends RecipientSummary {
  status: AwardStatus;
  /** the motivation's language */
  lang: Locale;
  motivation: string;
  ceremony: string;
  ceremonyLang: Locale;
  editionYear: number | null;
  photo: ImageRef | null;
  report: { key: string; bytes: number; title: string; lang: Locale } | null;
  updatedAt: string;
}

/** A file of a recipient, for serving it: the media row and the year it belongs to. */
export interface AwardMedia {
  key: string;
  kind: string;
  mime: string;
  variants: string;
  year: number;
}

export interface PhotoUpload {
  file: Buffer | undefined;
  truncated: boolean;
  altEn: string;
  altSv: string;
  credit: string;
}

export interface ReportUpload {
  file: Buffer | undefined;
  truncated: boolean;
  titleEn: string;
  titleSv: string;
}

export type AwardFormValues = Record<string, string>;

export const awardFieldNames = [
  'year',
  'name',
  'country_code',
  'organisation',
  'edition_year',
  'motivation_en',
  'ceremony_en',
  'motivation_sv',
  'ceremony_sv',
] as const;

/** Codes Intl names that are aliases, reserved or withdrawn (DD, SU, YU, UK, ...): never offered. */
const notAssigned = new Set('AC AN BU CP CQ CS DD DG DY EA FX HV IC NH RH SU TA TP UK VD XA XB YD YU ZR'.split(' '));

/** The ISO 3166-1 alpha-2 codes in use (Kosovo's XK included): the choices of the country list. */
export const countryCodes: readonly string[] = (() => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out: string[] = [];
  for (const a of letters) for (const b of letters) if (!notAssigned.has(a + b) && isCountryCode(a + b)) out.push(a + b);
  return out;
})();
const countrySet = new Set(countryCodes);

/** A year typed into a form: four digits within the bounds, or the message key of the problem. */
export function parseYear(value: string): number | 'invalid' {
  if (!/^\d{4}$/.test(value)) return 'invalid';
  const n = Number(value);
  return n >= AWARD_YEAR_MIN && n <= AWARD_YEAR_MAX ? n : 'invalid';
}

/** A year from a URL: anything but a plausible year is a page that does not exist. */
export function yearFromPath(value: string): number | undefined {
  const y = parseYear(value);
  return y === 'invalid' ? undefined : y;
}

function texts(errors: FormErrors, raw: RawForm, locale: Locale): AwardTexts | null {
  const t = {
    motivation: errors.text(`motivation_${locale}`, field(raw, `motivation_${locale}`), {
      max: AWARD_LIMITS.motivation,
      ...(locale === 'en' ? { required: 'award.motivation-required' } : {}),
    }),
    ceremony: errors.text(`ceremony_${locale}`, field(raw, `ceremony_${locale}`), { max: AWARD_LIMITS.ceremony }),
  };
  if (locale === 'sv' && t.ceremony && !t.motivation) errors.add('motivation_sv', 'award.motivation-sv-required');
  return t.motivation || t.ceremony ? t : null;
}

/** Checks the whole recipient form; throws `invalid` with every field's message key, or returns the recipient. */
export function parseAwardForm(raw: RawForm): AwardInput {
  const errors = new FormErrors();
  const yearText = field(raw, 'year');
  const year = yearText ? parseYear(yearText) : undefined;
  if (year === undefined) errors.add('year', 'award.year-required');
  else if (year === 'invalid') errors.add('year', 'award.year-invalid');
  const name = errors.text('name', field(raw, 'name'), { max: AWARD_LIMITS.name, required: 'form.name-required' });
  const countryCode = field(raw, 'country_code').toUpperCase();
  if (!countryCode) errors.add('country_code', 'award.country-required');
  else if (!countrySet.has(countryCode)) errors.add('country_code', 'form.choice-invalid');
  const organisation = errors.text('organisation', field(raw, 'organisation'), { max: AWARD_LIMITS.organisation });
  const editionText = field(raw, 'edition_year');
  const edition = editionText ? parseYear(editionText) : null;
  if (edition === 'invalid') errors.add('edition_year', 'award.year-invalid');
  const en = texts(errors, raw, 'en');
  const sv = texts(errors, raw, 'sv');
  errors.throwIfAny('award form');
  return {
    year: year as number,
    name,
    countryCode,
    organisation,
    editionYear: edition === 'invalid' ? null : edition,
    texts: { en: en ?? { motivation: '', ceremony: '' }, sv },
  };
}

/** What the user typed, for showing the form again. */
export function awardFormValues(raw: RawForm): AwardFormValues {
  return Object.fromEntries(awardFieldNames.map((n) => [n, field(raw, n)]));
}

export function valuesOfRecipient(r: AdminRecipient): AwardFormValues {
  return {
    year: String(r.year),
    name: r.name,
    country_code: r.countryCode,
    organisation: r.organisation,
    edition_year: r.editionYear === null ? '' : String(r.editionYear),
    motivation_en: r.texts.en?.motivation ?? '',
    ceremony_en: r.texts.en?.ceremony ?? '',
    motivation_sv: r.texts.sv?.motivation ?? '',
    ceremony_sv: r.texts.sv?.ceremony ?? '',
  };
}
