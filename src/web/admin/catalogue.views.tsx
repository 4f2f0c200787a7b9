import type { Principal } from '../../core/accounts/accounts.schema.js';
import { CATALOGUE_LIMITS, catalogueKinds, type CatalogueItem, type CatalogueKind, type CatalogueRow } from '../../core/catalogue/catalogue.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { Csrf, Notice, TextArea, TextInput, type Errors, type Values, LanguageFieldset } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';

/** The title of each catalogue list. */
export const kindTitle: Record<CatalogueKind, MessageKey> = {
  series: 'ae.cat.series',
  venues: 'ae.cat.venues',
  partners: 'ae.cat.partners',
  topics: 'ae.cat.topics',
};

/** Links between the people page and the catalogue lists; the current one is marked. */
export function CatalogueNav({ ctx }: { ctx: ViewContext }): JSX.Element {
  const links: [string, MessageKey][] = [
    ['/admin/people', 'ae.people.title'],
    ...catalogueKinds.map((k): [string, MessageKey] => [`/admin/${k}`, kindTitle[k]]),
  ];
  return (
    <nav aria-label={ctx.t('ae.cat.nav')} class="sub-nav">
      <ul class="nav">
        {links.map(([href, key]) => (
          <li>
            <a href={href} aria-current={ctx.path === href ? 'page' : undefined} safe>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CatalogueListPage(p: { ctx: ViewContext; principal: Principal; csrf: string; kind: CatalogueKind; rows: CatalogueRow[] }): JSX.Element {
  const { ctx, kind } = p;
  const title = ctx.t(kindTitle[kind]);
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <CatalogueNav ctx={ctx} />
      <h1 safe>{title}</h1>
      <p>
        <a class="button" href={`/admin/${kind}/new`} safe>
          {ctx.t('ae.cat.new-title', { list: title })}
        </a>
      </p>
      {p.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('ae.cat.caption', { list: title })}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {ctx.t('ae.cat.col.name')}
                </th>
                <th scope="col" safe>
                  {ctx.t('ae.cat.col.slug')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td lang="en">
                    <a href={`/admin/${kind}/${r.id}`} safe>
                      {r.name}
                    </a>
                  </td>
                  <td safe>{r.slug}</td>
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

function KindFields({ ctx, kind, values, errors }: { ctx: ViewContext; kind: CatalogueKind; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  const slug = <TextInput {...common} name="slug" label={ctx.t('ae.people.slug')} hint={ctx.t('ae.cat.slug-hint')} maxlength={81} required />;
  switch (kind) {
    case 'series':
    case 'topics':
      return (
        <>
          <fieldset>
            <legend safe>{ctx.t(kindTitle[kind])}</legend>
            {slug}
          </fieldset>
          <div class="lang-columns">
            {(['en', 'sv'] as const).map((locale) => (
              <LanguageFieldset ctx={ctx} locale={locale} hint={ctx.t('ae.event.swedish-hint')}>
                <TextInput
                  {...common}
                  lang={locale}
                  name={`name_${locale}`}
                  label={ctx.t(locale === 'en' ? 'ae.cat.name-en' : 'ae.cat.name-sv')}
                  maxlength={CATALOGUE_LIMITS.name}
                  required={locale === 'en'}
                />
                {kind === 'series' ? (
                  <TextArea
                    {...common}
                    lang={locale}
                    name={`description_${locale}`}
                    label={ctx.t(locale === 'en' ? 'ae.cat.description-en' : 'ae.cat.description-sv')}
                    rows={4}
                    maxlength={CATALOGUE_LIMITS.description}
                  />
                ) : (
                  ''
                )}
              </LanguageFieldset>
            ))}
          </div>
        </>
      );
    case 'venues':
      return (
        <fieldset>
          <legend safe>{ctx.t(kindTitle[kind])}</legend>
          {slug}
          <TextInput {...common} name="name" label={ctx.t('ae.cat.name')} maxlength={CATALOGUE_LIMITS.name} required />
          <TextInput {...common} name="address" label={ctx.t('ae.cat.address')} maxlength={CATALOGUE_LIMITS.address} autocomplete="off" />
          <TextInput {...common} name="city" label={ctx.t('ae.cat.city')} maxlength={CATALOGUE_LIMITS.city} />
          <TextInput {...common} name="country_code" label={ctx.t('ae.cat.country')} hint={ctx.t('ae.cat.country-hint')} maxlength={2} required />
        </fieldset>
      );
    case 'partners':
      return (
        <fieldset>
          <legend safe>{ctx.t(kindTitle[kind])}</legend>
          {slug}
          <TextInput {...common} name="name" label={ctx.t('ae.cat.name')} maxlength={CATALOGUE_LIMITS.name} required />
          <TextInput {...common} name="url" type="url" label={ctx.t('ae.cat.url')} hint={ctx.t('ae.cat.url-hint')} maxlength={500} />
        </fieldset>
      );
  }
}

/** The form to add to a catalogue list, or to edit one of its items. */
export function CatalogueFormPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  kind: CatalogueKind;
  /** absent on /admin/<kind>/new */
  item?: CatalogueItem | undefined;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, kind, item } = p;
  const list = ctx.t(kindTitle[kind]);
  const title = item ? ctx.t('ae.cat.edit', { name: item.name }) : ctx.t('ae.cat.new-title', { list });
  const action = item ? `/admin/${kind}/${item.id}` : `/admin/${kind}/new`;
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <CatalogueNav ctx={ctx} />
      <h1 safe>{title}</h1>
      <p>
        <a href={`/admin/${kind}`} safe>
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
        <KindFields ctx={ctx} kind={kind} values={p.values} errors={p.errors} />
        <p>
          <button type="submit" safe>
            {item ? ctx.t('admin.form.save') : ctx.t('ae.cat.new')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}
