import path from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { awardFormValues, valuesOfRecipient, yearFromPath, type AdminRecipient } from '../../core/award/award.schema.js';
import { MAX_UPLOAD_BYTES } from '../../core/media/media.store.js';
import { notFound } from '../../core/shared/errors.js';
import { field } from '../../core/shared/form-input.js';
import type { MessageKey } from '../../i18n/index.js';
import { isAwardFileName, sendAwardFile } from '../public/award.routes.js';
import { RecipientPage } from '../public/award.views.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { viewContext } from '../views/context.js';
import { AwardFormPage, AwardListPage, awardBase } from './award.views.js';
import { attempt, doneNotice, formBody, statusFor, typedFields, type Rejection, type Values, uploadedFile } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';

/** The award year from the URL; anything but a plausible year is a page that does not exist. */
function yearParam(request: FastifyRequest): number {
  const year = yearFromPath((request.params as Record<string, string | undefined>).year ?? '');
  if (year === undefined) throw notFound('award year');
  return year;
}

/** Messages shown after a redirect, named in the query (?done=saved). */
const doneMessages: Record<string, MessageKey> = {
  saved: 'admin.saved',
  created: 'award.admin.created',
  state: 'award.state.done',
  photo: 'award.photo.saved',
  report: 'award.report.saved',
};
const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);

/** The photo's and report's texts as form values, for their forms. */
const panelValues = (r: AdminRecipient): Values => ({
  alt_en: r.photo?.alt.en ?? '',
  alt_sv: r.photo?.alt.sv ?? '',
  credit: r.photo?.credit ?? '',
  report_title_en: r.report?.titles.en ?? '',
  report_title_sv: r.report?.titles.sv ?? '',
});

type Source = 'main' | 'panel';

/** /admin/award: the recipients of the Defender of the Year award as the public pages show them. */
export function registerAdminAward(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.award;
  const permission = { permission: 'award.publish' as const };

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const values = rejected ? awardFormValues(formBody(request)) : { year: String(new Date().getUTCFullYear()) };
    const html = await AwardFormPage({ ctx, principal: principalOf(request), csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {} });
    return sendHtml(reply, html, statusFor(rejected));
  };

  /** The edit page; after a rejection, what the user typed in the form that failed replaces the stored values. */
  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, rejected: Rejection | undefined, source: Source, typedValues: Values = {}) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const recipient = await svc.get(principal, yearParam(request));
    const values =
      source === 'main' && rejected
        ? { ...panelValues(recipient), ...awardFormValues(formBody(request)) }
        : { ...valuesOfRecipient(recipient), ...panelValues(recipient), ...typedValues };
    const notice = rejected ? undefined : doneOf(request);
    const errors = rejected?.fields ?? {};
    const html = await AwardFormPage({ ctx, principal, csrf: reply.generateCsrf(), recipient, values, errors, notice: notice ? ctx.t(notice) : undefined });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/award', { config: permission }, async (request, reply) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const rows = await svc.list(principal);
    return sendHtml(reply, await AwardListPage({ ctx, principal, csrf: reply.generateCsrf(), rows }));
  });

  app.get('/admin/award/new', { config: permission }, (request, reply) => renderNew(request, reply));
  app.post('/admin/award/new', { config: permission }, async (request, reply) => {
    const created = await attempt(svc.create(principalOf(request), formBody(request)));
    if (!created.ok) return renderNew(request, reply, created);
    return reply.redirect(`${awardBase(created.value)}?done=created`, 303);
  });

  app.get('/admin/award/:year', { config: permission }, (request, reply) => renderEdit(request, reply, undefined, 'panel'));
  app.post('/admin/award/:year', { config: permission }, async (request, reply) => {
    const saved = await attempt(svc.update(principalOf(request), yearParam(request), formBody(request)));
    if (!saved.ok) return renderEdit(request, reply, saved, 'main');
    return reply.redirect(`${awardBase(saved.value)}?done=saved`, 303);
  });

  for (const [name, run] of [
    ['publish', (p, y) => svc.publish(p, y)],
    ['unpublish', (p, y) => svc.unpublish(p, y)],
  ] as const satisfies readonly (readonly [string, (p: ReturnType<typeof principalOf>, year: number) => Promise<void>])[]) {
    app.post(`/admin/award/:year/${name}`, { config: permission }, async (request, reply) => {
      const year = yearParam(request);
      const changed = await attempt(run(principalOf(request), year));
      if (!changed.ok) return renderEdit(request, reply, changed, 'panel');
      return reply.redirect(`${awardBase(year)}?done=state`, 303);
    });
  }

  app.post('/admin/award/:year/photo/remove', { config: permission }, async (request, reply) => {
    const year = yearParam(request);
    await svc.removePhoto(principalOf(request), year);
    return reply.redirect(`${awardBase(year)}?done=saved#photo-title`, 303);
  });

  app.post('/admin/award/:year/report/remove', { config: permission }, async (request, reply) => {
    const year = yearParam(request);
    await svc.removeReport(principalOf(request), year);
    return reply.redirect(`${awardBase(year)}?done=saved#report-title`, 303);
  });

  app.get('/admin/award/:year/preview', { config: permission }, async (request, reply) => {
    const year = yearParam(request);
    const locale = (request.query as Record<string, unknown> | undefined)?.lang === 'sv' ? 'sv' : 'en';
    const recipient = await svc.preview(principalOf(request), year, locale);
    const ctx = viewContext(locale, `/award/${year}`, '', config.publicUrl);
    const other = locale === 'sv' ? 'en' : 'sv';
    const banner = (
      <div class="banner banner-alert preview-banner" role="note">
        <p safe>{ctx.t('ae.preview.banner')}</p>
        <p class="actions">
          <a href={awardBase(year)} safe>
            {ctx.t('ae.preview.back')}
          </a>
          <a href={`${awardBase(year)}/preview${other === 'sv' ? '?lang=sv' : ''}`} hreflang={other} safe>
            {ctx.t('ae.preview.other-lang', { language: ctx.t(`lang.${other}`) })}
          </a>
        </p>
      </div>
    );
    return sendHtml(reply, await RecipientPage({ ctx, recipient, preview: { banner, mediaBase: '/admin/award/media' } }));
  });

  // Files of any recipient, drafts included, for the workspace and its preview.
  const mediaRoot = path.join(config.dataDir, 'media');
  app.get('/admin/award/media/:key/:name', { config: permission }, async (request, reply) => {
    const { key = '', name: file = '' } = request.params as Record<string, string | undefined>;
    if (!isAwardFileName(file)) return reply.callNotFound();
    const media = await svc.staffMedia(principalOf(request), key);
    return sendAwardFile(reply, mediaRoot, media, file);
  });

  // Photo and report uploads: multipart, in their own scope so no other route parses multipart bodies.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, parts: 21, fieldSize: 20_000, headerPairs: 200 },
    });

    const photoFields = ['alt_en', 'alt_sv', 'credit'];
    scope.post('/admin/award/:year/photo', { config: permission }, async (request, reply) => {
      const year = yearParam(request);
      const b = formBody(request);
      const upload = await uploadedFile(request, 'file');
      const saved = await attempt(
        svc.setPhoto(principalOf(request), year, { ...upload, altEn: field(b, 'alt_en'), altSv: field(b, 'alt_sv'), credit: field(b, 'credit') }),
      );
      if (!saved.ok) return renderEdit(request, reply, saved, 'panel', typedFields(request, photoFields));
      return reply.redirect(`${awardBase(year)}?done=photo#photo-title`, 303);
    });

    const reportFields = ['report_title_en', 'report_title_sv'];
    scope.post('/admin/award/:year/report', { config: permission }, async (request, reply) => {
      const year = yearParam(request);
      const b = formBody(request);
      const upload = await uploadedFile(request, 'report');
      const saved = await attempt(
        svc.setReport(principalOf(request), year, { ...upload, titleEn: field(b, 'report_title_en'), titleSv: field(b, 'report_title_sv') }),
      );
      if (!saved.ok) return renderEdit(request, reply, saved, 'panel', typedFields(request, reportFields));
      return reply.redirect(`${awardBase(year)}?done=report#report-title`, 303);
    });
  });
}
