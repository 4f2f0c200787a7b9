import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { DIR_MODE, FILE_MODE } from '../../db/data-dir.js';
import { invalid } from '../shared/errors.js';
import { cleanPdfInWorker, mediaJobs } from './media-jobs.js';

export const IMAGE_WIDTHS = [400, 800, 1200] as const;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface StoredImage {
  key: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  variants: string;
}

export interface StoredDocument {
  key: string;
  mime: string;
  bytes: number;
}

export const newMediaKey = (): string => crypto.randomBytes(18).toString('base64url');

/**
 * The most pixels an uploaded image may have: 50 megapixels. The pages show at most 1,200
 * pixels wide, but staff upload what their camera or phone made, and the largest common
 * photos are just under it: 48 and 50 MP phone modes (8064 x 6048, 8160 x 6120) and 45 MP
 * full-frame cameras. Rarer 61 MP and 200 MP files must be made smaller first; the message
 * says so. The decoding cost grows with the pixels, not the file size: a 1 MB file can
 * declare 16,000 x 16,000 pixels (256 MP), which is why the limit is checked from the
 * header, before any pixel is decoded, and given to libvips as well.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

// One libvips thread per image: with the one-at-a-time queue (media-jobs.ts) an upload uses
// at most one core and one libuv thread, whatever it asks for.
sharp.concurrency(1);

const tooManyPixels = () => invalid('image has more pixels than the limit (from its header)', { file: 'upload.too-many-pixels' });

/**
 * Re-encodes an image: orientation applied, every variant written fresh as WebP, so no
 * EXIF, GPS, XMP or ICC data from the upload survives (security requirement R13, docs/requirements.md). The type is read
 * from the content by sharp, never from the file name. The header is read first (sharp's
 * metadata() decodes no pixels) and an image over MAX_IMAGE_PIXELS is refused there; all
 * libvips work runs in its threadpool, one upload at a time, never on the event loop.
 */
export async function storeImage(mediaRoot: string, input: Buffer): Promise<StoredImage> {
  if (input.length > MAX_UPLOAD_BYTES) throw invalid('image too large', { file: 'upload.too-large' });
  return mediaJobs.run(async () => {
    const decode = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS } as const;
    let meta: Metadata;
    try {
      meta = await sharp(input, { ...decode, limitInputPixels: false }).metadata();
    } catch {
      throw invalid('not an image', { file: 'upload.not-image' });
    }
    if (!meta.format || !['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif'].includes(meta.format) || !meta.width || !meta.height) {
      throw invalid('unsupported image type', { file: 'upload.not-image' });
    }
    if (meta.width * meta.height > MAX_IMAGE_PIXELS) throw tooManyPixels();
    const { width, height } = meta.autoOrient;
    const widths = IMAGE_WIDTHS.filter((w) => w <= width);
    if (!widths.length) widths.push(IMAGE_WIDTHS[0]);
    // Each variant is decoded from the upload (JPEG and WebP shrink while decoding, so the
    // smaller widths are cheap) and written before anything is stored.
    const base = sharp(input, decode).rotate();
    const variants: Buffer[] = [];
    try {
      for (const w of widths) variants.push(await base.clone().resize({ width: w, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer());
    } catch (e) {
      if (e instanceof Error && /pixel limit/i.test(e.message)) throw tooManyPixels();
      throw invalid('image could not be decoded', { file: 'upload.not-image' });
    }
    const key = newMediaKey();
    const dir = path.join(mediaRoot, key);
    await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
    let bytes = 0;
    for (const [i, out] of variants.entries()) {
      bytes += out.length;
      await fs.writeFile(path.join(dir, `${widths[i]}.webp`), out, { mode: FILE_MODE });
    }
    return { key, mime: 'image/webp', bytes, width, height, variants: widths.join(',') };
  });
}

/**
 * Stores a PDF rewritten without metadata, JavaScript, embedded files, forms or comments
 * (pdf-clean.ts), in a worker thread, one at a time; encrypted, broken and overly complex
 * files are refused with a message. Served as a download only.
 */
export async function storeDocument(mediaRoot: string, input: Buffer): Promise<StoredDocument> {
  if (input.length > MAX_UPLOAD_BYTES) throw invalid('document too large', { file: 'upload.too-large' });
  if (input.subarray(0, 1024).toString('latin1').indexOf('%PDF-') === -1) throw invalid('not a PDF', { file: 'upload.not-pdf' });
  const result = await mediaJobs.run(() => cleanPdfInWorker(input));
  if (!result.ok) throw invalid(`PDF refused: ${result.reason}`, { file: `upload.pdf-${result.reason}` });
  const key = newMediaKey();
  const dir = path.join(mediaRoot, key);
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  await fs.writeFile(path.join(dir, 'file'), result.bytes, { mode: FILE_MODE });
  return { key, mime: 'application/pdf', bytes: result.bytes.length };
}
