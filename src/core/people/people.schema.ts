import { checked, field, FormErrors, SLUG, type RawForm } from '../shared/form-input.js';

/**
 * People who speak, train or sit on panels. Their name is personal data: it lives in the
 * people table and on the pages they appear on, never in the audit trail. A public
 * profile (`public_profile`) is shown only with the person's consent.
 * Field names are the form's input names and ids.
 */

export const PERSON_LIMITS = { name: 200, affiliation: 200, bio: 5_000 } as const;

export interface PersonTexts {
  affiliation: string;
  bio: string;
}

/** A valid person form. A language version exists when one of its texts is filled in. */
export interface PersonInput {
  slug: string;
  name: string;
  publicProfile: boolean;
  texts: { en: PersonTexts | null; sv: PersonTexts | null };
}

export interface AdminPersonRow {
  id: number;
  slug: string;
  name: string;
  publicProfile: boolean;
}

export interface AdminPerson extends AdminPersonRow {
  texts: { en: PersonTexts | null; sv: PersonTexts | null };
}

export type PersonFormValues = Record<string, string>;

export const personFieldNames = ['slug', 'name', 'public_profile', 'affiliation_en', 'bio_en', 'affiliation_sv', 'bio_sv'] as const;

function texts(errors: FormErrors, raw: RawForm, locale: 'en' | 'sv'): PersonTexts | null {
  const t = {
    affiliation: errors.text(`affiliation_${locale}`, field(raw, `affiliation_${locale}`), { max: PERSON_LIMITS.affiliation }),
    bio: errors.text(`bio_${locale}`, field(raw, `bio_${locale}`), { max: PERSON_LIMITS.bio }),
  };
  return t.affiliation || t.bio ? t : null;
}

/** Checks the whole person form; throws `invalid` with every field's message key, or returns the person. */
export function parsePersonForm(raw: RawForm): PersonInput {
  const errors = new FormErrors();
  const slug = field(raw, 'slug').toLowerCase();
  if (!slug) errors.add('slug', 'form.slug-required');
  else if (!SLUG.test(slug)) errors.add('slug', 'form.slug-invalid');
  const name = errors.text('name', field(raw, 'name'), { max: PERSON_LIMITS.name, required: 'form.name-required' });
  const input: PersonInput = {
    slug,
    name,
    publicProfile: checked(raw, 'public_profile'),
    texts: { en: texts(errors, raw, 'en'), sv: texts(errors, raw, 'sv') },
  };
  errors.throwIfAny('person form');
  return input;
}

/** What the user typed, for showing the form again. */
export function personFormValues(raw: RawForm): PersonFormValues {
  return Object.fromEntries(personFieldNames.map((n) => [n, field(raw, n)]));
}

export function valuesOfPerson(p: AdminPerson): PersonFormValues {
  return {
    slug: p.slug,
    name: p.name,
    public_profile: p.publicProfile ? '1' : '',
    affiliation_en: p.texts.en?.affiliation ?? '',
    bio_en: p.texts.en?.bio ?? '',
    affiliation_sv: p.texts.sv?.affiliation ?? '',
    bio_sv: p.texts.sv?.bio ?? '',
  };
}
