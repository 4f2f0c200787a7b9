import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import type { AdminDeps } from './index.js';
import { AdminLayout, adminContext } from './layout.js';

export function registerDashboard(app: FastifyInstance, { config }: AdminDeps): void {
  app.get('/admin', { config: { permission: 'admin.access' } }, async (request, reply) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const html = await AdminLayout({
      ctx,
      title: ctx.t('admin.nav.dashboard'),
      principal,
      csrf: reply.generateCsrf(),
      children: <h1 safe>{ctx.t('admin.nav.dashboard')}</h1>,
    });
    return sendHtml(reply, html);
  });
}
