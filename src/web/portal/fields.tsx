import type { MessageKey } from '../../i18n/index.js';
import { FieldError } from '../admin/layout.js';
import { valueOf, type Errors, type Values } from '../admin/form-fields.js';
import type { ViewContext } from '../views/context.js';
import { dateFormat, utcDay } from '../public/conference.views.js';

/** Pieces the portal's forms share with nothing else: radio groups, error summaries, deletion dates. */

/** A group of radio buttons: a fieldset whose legend is the question; its id is what the error summary links to. */
export function RadioGroup(p: {
  ctx: ViewContext;
  name: string;
  label: string;
  hint?: string;
  values: Values;
  errors: Errors;
  options: { value: string; label: string }[];
}): JSX.Element {
  const error = p.errors[p.name];
  const current = valueOf(p.values, p.name);
  const described = [p.hint ? `${p.name}-hint` : '', error ? `${p.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class="checks" id={p.name} aria-describedby={described}>
      <legend safe>{p.label}</legend>
      {p.hint ? (
        <p class="hint" id={`${p.name}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      {p.options.map((o) => (
        <div class="field-check">
          <input id={`${p.name}-${o.value}`} name={p.name} type="radio" value={o.value} checked={o.value === current} />
          <label for={`${p.name}-${o.value}`} safe>
            {o.label}
          </label>
        </div>
      ))}
      <FieldError ctx={p.ctx} id={p.name} error={error} />
    </fieldset>
  );
}

/**
 * The list of problems at the top of a form that came back. Each links to its field (#name);
 * a problem of the whole form ('form') is shown on its own, with the id `form`.
 */
export function FormProblems({ ctx, errors }: { ctx: ViewContext; errors: Errors }): JSX.Element {
  const fieldKeys = Object.keys(errors).filter((k) => k !== 'form');
  return (
    <>
      {errors.form ? (
        <p class="banner banner-alert" role="alert" id="form" safe>
          {ctx.t(errors.form as MessageKey)}
        </p>
      ) : (
        ''
      )}
      {fieldKeys.length ? (
        <div class="banner banner-alert" role="alert" id="errors">
          <p safe>{ctx.t('portal.errors')}</p>
          <ul>
            {fieldKeys.map((k) => (
              <li>
                <a href={`#${k}`} safe>
                  {ctx.t(errors[k] as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
    </>
  );
}

/** The day personal data of an edition is destroyed: `days` after its last day; null when the end is not known. */
export function deletionDay(endsOn: string | null, days: number): Date | null {
  if (!endsOn || !/^\d{4}-\d{2}-\d{2}$/.test(endsOn)) return null;
  const d = utcDay(endsOn);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

/** "Deleted on 12 May 2018." or "Deleted 30 days after the conference ends." */
export function deletedText(ctx: ViewContext, endsOn: string | null, days: number): string {
  const day = deletionDay(endsOn, days);
  return day ? ctx.t('portal.deleted-on', { date: dateFormat(ctx.locale, false).format(day) }) : ctx.t('portal.deleted-after', { days });
}

/** What a field's hint says: why it is asked, then when it is deleted. */
export const whyAndWhen = (why: string, when: string) => `${why} ${when}`;
