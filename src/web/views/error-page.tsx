import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export type ErrorStatus = 400 | 404 | 500;

export function ErrorPage({ ctx, status }: { ctx: ViewContext; status: ErrorStatus }): JSX.Element {
  const title = ctx.t(`error.${status}.title`);
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t(`error.${status}.text`)}</p>
      <p>
        <a href={ctx.href('/')} safe>
          {ctx.t('error.home')}
        </a>
      </p>
    </Layout>
  );
}
