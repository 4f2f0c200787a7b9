import { invalid } from './errors.js';

/**
 * Reading what a form sent, whichever way it came: url-encoded (a string, or an array
 * for a repeated name) or multipart with fields attached to the body (`{ value }`).
 * Validation collects every field's problem before throwing once, so the form comes
 * back with all its messages at the same time.
 */
export type RawForm = Record<string, unknown>;

/** A type guard for one of a fixed list of strings (a select's options, a stored enum). */
export const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (list as readonly string[]).includes(v);

function one(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return one(v[0]);
  if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return '';
}

/** The text of a field, trimmed, with line ends made \n; '' when absent. */
export function field(raw: RawForm, name: string): string {
  return one(raw[name]).replace(/\r\n?/g, '\n').trim();
}

/** Every value of a repeated field (checkboxes, multiple selects), trimmed, empty ones left out. */
export function fieldList(raw: RawForm, name: string): string[] {
  const v = raw[name];
  const all = Array.isArray(v) ? v.map(one) : v === undefined ? [] : [one(v)];
  return all.map((x) => x.trim()).filter(Boolean);
}

/** A checkbox: present and not '0'. */
export function checked(raw: RawForm, name: string): boolean {
  const v = field(raw, name);
  return v !== '' && v !== '0';
}

export class FormErrors {
  readonly fields: Record<string, string> = {};

  add(name: string, key: string): void {
    this.fields[name] ??= key;
  }

  has(name: string): boolean {
    return name in this.fields;
  }

  /** Checks a text: NUL and other C0 controls except tab and newline are never text. */
  text(name: string, value: string, opts: { max: number; required?: string }): string {
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) this.add(name, 'form.text-invalid');
    else if (!value && opts.required) this.add(name, opts.required);
    else if ([...value].length > opts.max) this.add(name, 'form.too-long');
    return value;
  }

  /** An optional id from a <select>: '' is none. */
  optionalId(name: string, value: string): number | null {
    if (!value) return null;
    const n = Number(value);
    if (!/^\d{1,9}$/.test(value) || n < 1) {
      this.add(name, 'form.choice-invalid');
      return null;
    }
    return n;
  }

  ids(name: string, values: string[]): number[] {
    const out: number[] = [];
    for (const v of values) {
      const n = this.optionalId(name, v);
      if (n !== null && !out.includes(n)) out.push(n);
    }
    return out;
  }

  /** An https:// address, or null when empty. */
  httpsUrl(name: string, value: string): string | null {
    if (!value) return null;
    this.text(name, value, { max: 500 });
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      this.add(name, 'form.url-https');
      return null;
    }
    if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) this.add(name, 'form.url-https');
    return url.toString();
  }

  /** Throws the collected field errors, if any, as one `invalid` domain error. */
  throwIfAny(what: string): void {
    if (Object.keys(this.fields).length) throw invalid(`${what}: ${Object.keys(this.fields).join(', ')}`, { ...this.fields });
  }
}

export const SLUG = /^[a-z0-9][a-z0-9-]{1,80}$/;

/** ISO 3166-1 alpha-2 codes that Intl can name ('XK' for Kosovo included). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || notCountries.has(code)) return false;
  return regionNames.of(code) !== code;
}
const notCountries = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
