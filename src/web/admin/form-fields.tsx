import type { Children } from '@kitajs/html';
import type { Values } from '../forms.js';
import type { ViewContext } from '../views/context.js';
import { FieldError } from './layout.js';
import { attr } from '../views/attr.js';

/**
 * Labelled form controls for the workspace's content forms. Each input's id is its name,
 * so the error summary's links (#name) land on it; its hint and error are tied to it
 * with aria-describedby; what the user typed comes back in `value`.
 */

export type { Values } from '../forms.js';
export type Errors = Record<string, string>;

/**
 * @kitajs/html escapes only `"` in attribute values, so a saved `&#106;` or `&amp;` would come
 * back decoded and a second save would change the text; `&` is escaped here (found by the
 * hostile-input round-trip).
 */

export const valueOf = (values: Values, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

const describedBy = (name: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

interface Common {
  ctx: ViewContext;
  name: string;
  label: string;
  values: Values;
  errors: Errors;
  hint?: string;
  required?: boolean;
  /** the language of the text typed here, when it is not the page's */
  lang?: string;
}

function Hint({ name, hint }: { name: string; hint: string | undefined }): JSX.Element {
  return hint ? (
    <p class="hint" id={`${name}-hint`} safe>
      {hint}
    </p>
  ) : (
    ''
  );
}

export function TextInput(p: Common & { type?: string; maxlength?: number; autocomplete?: string; inputmode?: string; value?: string }): JSX.Element {
  const error = p.errors[p.name];
  return (
    <div class="field">
      <label for={p.name} safe>
        {p.label}
      </label>
      <Hint name={p.name} hint={p.hint} />
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? 'text'}
        value={attr(p.value ?? valueOf(p.values, p.name))}
        lang={p.lang}
        maxlength={p.maxlength ? String(p.maxlength) : undefined}
        autocomplete={p.autocomplete ?? 'off'}
        inputmode={p.inputmode}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </div>
  );
}

export function TextArea(p: Common & { rows?: number; maxlength?: number }): JSX.Element {
  const error = p.errors[p.name];
  return (
    <div class="field">
      <label for={p.name} safe>
        {p.label}
      </label>
      <Hint name={p.name} hint={p.hint} />
      <textarea
        id={p.name}
        name={p.name}
        rows={String(p.rows ?? 4)}
        lang={p.lang}
        maxlength={p.maxlength ? String(p.maxlength) : undefined}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
        safe
      >
        {valueOf(p.values, p.name)}
      </textarea>
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </div>
  );
}

export function Select(p: Common & { options: { value: string; label: string }[]; empty?: string }): JSX.Element {
  const error = p.errors[p.name];
  const current = valueOf(p.values, p.name);
  return (
    <div class="field">
      <label for={p.name} safe>
        {p.label}
      </label>
      <Hint name={p.name} hint={p.hint} />
      <select id={p.name} name={p.name} required={p.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.hint, error)}>
        {p.empty !== undefined ? (
          <option value="" selected={current === ''} safe>
            {p.empty}
          </option>
        ) : (
          ''
        )}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </div>
  );
}

export function Checkbox(p: Common): JSX.Element {
  const error = p.errors[p.name];
  const on = valueOf(p.values, p.name);
  return (
    <div class="field field-check">
      <input
        id={p.name}
        name={p.name}
        type="checkbox"
        value="1"
        checked={on !== '' && on !== '0'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
      <label for={p.name} safe>
        {p.label}
      </label>
      <Hint name={p.name} hint={p.hint} />
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </div>
  );
}

/** A group of checkboxes sharing one name; the fieldset carries the id the error summary links to. */
export function CheckboxGroup(p: Common & { options: { value: string; label: string }[] }): JSX.Element {
  const error = p.errors[p.name];
  const v = p.values[p.name];
  const chosen = Array.isArray(v) ? v : v ? [v] : [];
  if (!p.options.length) return '';
  return (
    <fieldset class="checks" id={p.name} aria-describedby={describedBy(p.name, p.hint, error)}>
      <legend safe>{p.label}</legend>
      <Hint name={p.name} hint={p.hint} />
      {p.options.map((o, i) => (
        <div class="field-check">
          <input id={`${p.name}-${i}`} name={p.name} type="checkbox" value={o.value} checked={chosen.includes(o.value)} />
          <label for={`${p.name}-${i}`} safe>
            {o.label}
          </label>
        </div>
      ))}
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </fieldset>
  );
}

/** A file input; a file cannot be kept after an error, so only the message comes back. */
export function FileInput(p: Omit<Common, 'values'> & { accept: string }): JSX.Element {
  const error = p.errors[p.name];
  return (
    <div class="field">
      <label for={p.name} safe>
        {p.label}
      </label>
      <Hint name={p.name} hint={p.hint} />
      <input
        id={p.name}
        name={p.name}
        type="file"
        accept={p.accept}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </div>
  );
}

/** The hidden CSRF field every POST form carries. */
export function Csrf({ token }: { token: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A one-button POST form (status changes, removals). */
export function ActionForm({
  action,
  csrf,
  label,
  ariaLabel,
  cls,
}: {
  action: string;
  csrf: string;
  label: string;
  ariaLabel?: string;
  cls?: string;
}): JSX.Element {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf token={csrf} />
      <button type="submit" class={cls} aria-label={ariaLabel} safe>
        {label}
      </button>
    </form>
  );
}

/** A "Saved." line after a redirect. */
export function Notice({ text }: { text: string | undefined }): JSX.Element {
  return text ? (
    <p class="banner banner-notice" role="status" safe>
      {text}
    </p>
  ) : (
    ''
  );
}

/** One language's column of a translatable form: its legend, and for Swedish the hint that the column may stay empty. */
export function LanguageFieldset({ ctx, locale, hint, children }: { ctx: ViewContext; locale: 'en' | 'sv'; hint: string; children?: Children }): JSX.Element {
  return (
    <fieldset class="lang-column">
      <legend safe>{ctx.t(locale === 'en' ? 'ae.event.english' : 'ae.event.swedish')}</legend>
      {locale === 'sv' ? (
        <p class="hint" safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      {children}
    </fieldset>
  );
}
