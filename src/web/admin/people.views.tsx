import type { Principal } from '../../core/accounts/accounts.schema.js';
import { PERSON_LIMITS, type AdminPerson, type AdminPersonRow } from '../../core/people/people.schema.js';
import type { ViewContext } from '../views/context.js';
import { CatalogueNav } from './catalogue.views.js';
import { Checkbox, Csrf, Notice, TextArea, TextInput, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';

export function PeopleListPage(p: { ctx: ViewContext; principal: Principal; csrf: string; rows: AdminPersonRow[] }): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('ae.people.title')} principal={p.principal} csrf={p.csrf}>
      <CatalogueNav ctx={ctx} />
      <h1 safe>{ctx.t('ae.people.title')}</h1>
      <p safe>{ctx.t('ae.people.intro')}</p>
      <p>
        <a class="button" href="/admin/people/new" safe>
          {ctx.t('ae.people.new')}
        </a>
      </p>
      {p.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('ae.people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {ctx.t('ae.cat.col.name')}
                </th>
                <th scope="col" safe>
                  {ctx.t('ae.cat.col.slug')}
                </th>
                <th scope="col" safe>
                  {ctx.t('ae.people.public')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/admin/people/${r.id}`} safe>
                      {r.name}
                    </a>
                  </td>
                  <td safe>{r.slug}</td>
                  <td safe>{ctx.t(r.publicProfile ? 'ae.yes' : 'ae.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('ae.cat.empty')}
        </p>
      )}
    </AdminLayout>
  );
}

function LanguageColumn({ ctx, locale, values, errors }: { ctx: ViewContext; locale: 'en' | 'sv'; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors, lang: locale };
  return (
    <fieldset class="lang-column">
      <legend safe>{ctx.t(locale === 'en' ? 'ae.event.english' : 'ae.event.swedish')}</legend>
      <TextInput {...common} name={`affiliation_${locale}`} label={ctx.t('ae.people.affiliation')} maxlength={PERSON_LIMITS.affiliation} />
      <TextArea {...common} name={`bio_${locale}`} label={ctx.t('ae.people.bio')} rows={6} maxlength={PERSON_LIMITS.bio} />
    </fieldset>
  );
}

/** The form for a new person, or a person's edit page. */
export function PersonFormPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  person?: AdminPerson | undefined;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, person } = p;
  const title = person ? ctx.t('ae.people.edit', { name: person.name }) : ctx.t('ae.people.new');
  const action = person ? `/admin/people/${person.id}` : '/admin/people/new';
  const common = { ctx, values: p.values, errors: p.errors };
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <CatalogueNav ctx={ctx} />
      <h1 safe>{title}</h1>
      <p>
        <a href="/admin/people" safe>
          {ctx.t('ae.cat.back')}
        </a>
      </p>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      <form method="post" action={action} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <fieldset>
          <legend safe>{ctx.t('ae.people.title')}</legend>
          <TextInput {...common} name="name" label={ctx.t('ae.people.name')} maxlength={PERSON_LIMITS.name} required />
          <TextInput {...common} name="slug" label={ctx.t('ae.people.slug')} hint={ctx.t('ae.cat.slug-hint')} maxlength={81} required />
          <Checkbox {...common} name="public_profile" label={ctx.t('ae.people.consent')} hint={ctx.t('ae.people.consent-hint')} />
        </fieldset>
        <div class="lang-columns">
          <LanguageColumn ctx={ctx} locale="en" values={p.values} errors={p.errors} />
          <LanguageColumn ctx={ctx} locale="sv" values={p.values} errors={p.errors} />
        </div>
        <p>
          <button type="submit" safe>
            {person ? ctx.t('admin.form.save') : ctx.t('ae.people.create')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}
