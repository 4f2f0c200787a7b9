import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { cleanPdfInWorker, JobQueue } from '../../../src/core/media/media-jobs.js';
import { cleanPdf, PDF_LIMITS, PdfRefusal, stripJpegMetadata } from '../../../src/core/media/pdf-clean.js';
import { DomainError } from '../../../src/core/shared/errors.js';
import { encryptedPdf, hostilePdf, pdfLeftovers, pdfPageContent } from '../../support/hostile-pdf.js';
import { exifOf, jpegWithMetadata } from '../../support/image-metadata.js';

/**
 * A PDF whose only object stream inflates to `mb` megabytes of spaces: a few kilobytes
 * on disk. pdf-lib inflates object streams while parsing, so without a bound this costs
 * memory and seconds of CPU per 100 MB.
 */
function objectStreamBomb(mb: number): Buffer {
  const deflated = zlib.deflateSync(Buffer.concat([Buffer.from('1 0 '), Buffer.alloc(mb * 1024 * 1024, 0x20)]), { level: 9 });
  const head = Buffer.from(
    '%PDF-1.5\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n',
    'latin1',
  );
  const offsets = [head.indexOf('2 0 obj'), head.indexOf('3 0 obj'), head.length];
  const stream = Buffer.concat([
    Buffer.from(`4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${deflated.length} >>\nstream\n`, 'latin1'),
    deflated,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  const xref = head.length + stream.length;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  const tail = `xref\n0 5\n0000000000 65535 f \n0000000000 65535 f \n${table}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([head, stream, Buffer.from(tail, 'latin1')]);
}

const refusal = (reason: string) => (e: unknown) => e instanceof PdfRefusal && e.reason === reason;

describe('PDF rewrite', () => {
  it('keeps the pages and drops everything else, in the worker thread as in the process', async () => {
    const input = await hostilePdf();
    for (const out of [await cleanPdf(input), await cleanPdfInWorker(input).then((r) => (r.ok ? r.bytes : assert.fail(r.reason)))]) {
      assert.deepEqual(await pdfLeftovers(out), []);
      assert.deepEqual(await pdfPageContent(out), await pdfPageContent(input));
    }
  });

  it('drops EXIF, GPS and XMP from a JPEG inside a PDF, leaving a JPEG that decodes to the same picture', async () => {
    const jpeg = await jpegWithMetadata(64, 48);
    assert.ok(await exifOf(jpeg));
    const clean = stripJpegMetadata(jpeg);
    assert.ok(clean);
    assert.equal(await exifOf(Buffer.from(clean)), undefined);
    assert.ok(!Buffer.from(clean).includes('Exif\0\0') && !Buffer.from(clean).includes('xmpmeta'));
    const [a, b] = await Promise.all([sharp(jpeg).raw().toBuffer(), sharp(Buffer.from(clean)).raw().toBuffer()]);
    assert.ok(a.equals(b), 'same pixels');
    assert.equal(stripJpegMetadata(Buffer.from('not a jpeg')), undefined);
  });

  it('refuses an object stream that inflates past the limit without inflating all of it', async () => {
    const bomb = objectStreamBomb(100);
    assert.ok(bomb.length < 200 * 1024, '100 MB in about 100 KB');
    await assert.rejects(cleanPdf(bomb), refusal('too-complex'));
    assert.deepEqual(await cleanPdfInWorker(bomb), { ok: false, reason: 'too-complex' });
  });

  it('refuses encrypted files, files without pages and more pages than the limit', async () => {
    await assert.rejects(cleanPdf(encryptedPdf()), refusal('encrypted'));
    await assert.rejects(cleanPdf(Buffer.from('%PDF-1.4\n%%EOF\n')), refusal('unreadable'));
    const long = await PDFDocument.create();
    for (let i = 0; i <= PDF_LIMITS.pages; i++) long.addPage([100, 100]);
    await assert.rejects(cleanPdf(await long.save()), refusal('too-complex'));
  });
});

describe('media job queue', () => {
  it('runs one job at a time, lets a few wait and refuses the rest with a message', async () => {
    const queue = new JobQueue(1, 1);
    const order: string[] = [];
    let release = () => {};
    const first = queue.run(async () => {
      order.push('first started');
      await new Promise<void>((r) => (release = r));
      order.push('first done');
    });
    const second = queue.run(async () => {
      order.push('second started');
    });
    await assert.rejects(
      queue.run(async () => undefined),
      (e: unknown) => e instanceof DomainError && e.fields.file === 'upload.busy',
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, ['first started'], 'the second waits');
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first started', 'first done', 'second started']);
    await queue.run(async () => order.push('later'));
    assert.equal(order.at(-1), 'later');
  });
});
