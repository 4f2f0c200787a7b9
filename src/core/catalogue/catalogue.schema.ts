import { field, FormErrors, isCountryCode, SLUG, type RawForm } from '../shared/form-input.js';

/**
 * The catalogue events link to: series, venues, partners and topics. One form per kind;
 * field names are the form's input names and ids. Series and topics have English and
 * Swedish names (English required); venues and partners have one name.
 */

export const catalogueKinds = ['series', 'venues', 'partners', 'topics'] as const;
export type CatalogueKind = (typeof catalogueKinds)[number];
export const isCatalogueKind = (v: unknown): v is CatalogueKind => typeof v === 'string' && (catalogueKinds as readonly string[]).includes(v);

/** The object type in the audit trail: `series.created`, `venue.updated`, `partner.created`, `topic.created`. */
export const auditType: Record<CatalogueKind, string> = { series: 'series', venues: 'venue', partners: 'partner', topics: 'topic' };

export const CATALOGUE_LIMITS = { name: 200, description: 2_000, address: 300, city: 200 } as const;

/** The fields of each kind's form, in order. */
export const catalogueFields: Record<CatalogueKind, readonly string[]> = {
  series: ['slug', 'name_en', 'description_en', 'name_sv', 'description_sv'],
  venues: ['slug', 'name', 'address', 'city', 'country_code'],
  partners: ['slug', 'name', 'url'],
  topics: ['slug', 'name_en', 'name_sv'],
};

export interface CatalogueNames {
  name: string;
  description: string;
}

/** A valid catalogue form. Only the fields of its kind are used. */
export type CatalogueInput =
  | { kind: 'series'; slug: string; texts: { en: CatalogueNames; sv: CatalogueNames | null } }
  | { kind: 'venues'; slug: string; name: string; address: string; city: string; countryCode: string }
  | { kind: 'partners'; slug: string; name: string; url: string | null }
  | { kind: 'topics'; slug: string; texts: { en: CatalogueNames; sv: CatalogueNames | null } };

export interface CatalogueRow {
  id: number;
  slug: string;
  /** the English name (venues: name, city) */
  name: string;
}

/** One stored item as the edit page needs it: its list row and its form values. */
export interface CatalogueItem extends CatalogueRow {
  values: CatalogueValues;
}

export type CatalogueValues = Record<string, string>;

function slugOf(errors: FormErrors, raw: RawForm): string {
  const slug = field(raw, 'slug').toLowerCase();
  if (!slug) errors.add('slug', 'form.slug-required');
  else if (!SLUG.test(slug)) errors.add('slug', 'form.slug-invalid');
  return slug;
}

function bilingual(errors: FormErrors, raw: RawForm, withDescription: boolean): { en: CatalogueNames; sv: CatalogueNames | null } {
  const of = (locale: 'en' | 'sv'): CatalogueNames => ({
    name: errors.text(`name_${locale}`, field(raw, `name_${locale}`), {
      max: CATALOGUE_LIMITS.name,
      ...(locale === 'en' ? { required: 'form.name-required' } : {}),
    }),
    description: withDescription ? errors.text(`description_${locale}`, field(raw, `description_${locale}`), { max: CATALOGUE_LIMITS.description }) : '',
  });
  const en = of('en');
  const sv = of('sv');
  const hasSv = Boolean(sv.name || sv.description);
  if (hasSv && !sv.name && !errors.has('name_sv')) errors.add('name_sv', 'form.name-sv-required');
  return { en, sv: hasSv ? sv : null };
}

/** Checks one kind's form; throws `invalid` with every field's message key, or returns the input. */
export function parseCatalogueForm(kind: CatalogueKind, raw: RawForm): CatalogueInput {
  const errors = new FormErrors();
  const slug = slugOf(errors, raw);
  const name = () => errors.text('name', field(raw, 'name'), { max: CATALOGUE_LIMITS.name, required: 'form.name-required' });
  let input: CatalogueInput;
  switch (kind) {
    case 'series':
      input = { kind, slug, texts: bilingual(errors, raw, true) };
      break;
    case 'topics':
      input = { kind, slug, texts: bilingual(errors, raw, false) };
      break;
    case 'venues': {
      const countryCode = field(raw, 'country_code').toUpperCase();
      if (!isCountryCode(countryCode)) errors.add('country_code', 'form.country-invalid');
      input = {
        kind,
        slug,
        name: name(),
        address: errors.text('address', field(raw, 'address'), { max: CATALOGUE_LIMITS.address }),
        city: errors.text('city', field(raw, 'city'), { max: CATALOGUE_LIMITS.city }),
        countryCode,
      };
      break;
    }
    case 'partners':
      input = { kind, slug, name: name(), url: errors.httpsUrl('url', field(raw, 'url')) };
      break;
  }
  errors.throwIfAny(`${kind} form`);
  return input;
}

/** What the user typed, for showing the form again. */
export function catalogueFormValues(kind: CatalogueKind, raw: RawForm): CatalogueValues {
  return Object.fromEntries(catalogueFields[kind].map((n) => [n, field(raw, n)]));
}
