import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export type ErrorStatus = 400 | 403 | 404 | 500 | 'csrf';

export function ErrorPage({ ctx, status }: { ctx: ViewContext; status: ErrorStatus }): JSX.Element {
  const title = ctx.t(`error.${status}.title`);
  const text = ctx.t(`error.${status}.text`);
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1 safe>{title}</h1>
      <p safe>{text}</p>
      <p>
        <a href={ctx.href('/')} safe>
          {ctx.t('error.home')}
        </a>
      </p>
    </Layout>
  );
}
