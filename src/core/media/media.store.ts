import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { DIR_MODE, FILE_MODE } from '../../db/data-dir.js';
import { invalid } from '../shared/errors.js';

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
 * Re-encodes an image: orientation applied, every variant written fresh as WebP, so no
 * EXIF, GPS, XMP or ICC data from the upload survives (requirement 13). The type is read
 * from the content by sharp, never from the file name.
 */
export async function storeImage(mediaRoot: string, input: Buffer): Promise<StoredImage> {
  if (input.length > MAX_UPLOAD_BYTES) throw invalid('image too large', { file: 'upload.too-large' });
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: 'error' }).metadata();
  } catch {
    throw invalid('not an image', { file: 'upload.not-image' });
  }
  if (!meta.format || !['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif'].includes(meta.format)) {
    throw invalid('unsupported image type', { file: 'upload.not-image' });
  }
  const key = newMediaKey();
  const dir = path.join(mediaRoot, key);
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  const oriented = await sharp(input).rotate().toBuffer({ resolveWithObject: true });
  const { width, height } = oriented.info;
  const widths = IMAGE_WIDTHS.filter((w) => w <= width);
  if (!widths.length) widths.push(IMAGE_WIDTHS[0]);
  let bytes = 0;
  for (const w of widths) {
    const out = await sharp(oriented.data).resize({ width: w, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
    bytes += out.length;
    await fs.writeFile(path.join(dir, `${w}.webp`), out, { mode: FILE_MODE });
  }
  return { key, mime: 'image/webp', bytes, width, height, variants: widths.join(',') };
}

/** Stores a PDF after checking its signature; served as a download only. */
export async function storeDocument(mediaRoot: string, input: Buffer): Promise<StoredDocument> {
  if (input.length > MAX_UPLOAD_BYTES) throw invalid('document too large', { file: 'upload.too-large' });
  if (input.subarray(0, 5).toString('latin1') !== '%PDF-') throw invalid('not a PDF', { file: 'upload.not-pdf' });
  const key = newMediaKey();
  const dir = path.join(mediaRoot, key);
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  await fs.writeFile(path.join(dir, 'file'), input, { mode: FILE_MODE });
  return { key, mime: 'application/pdf', bytes: input.length };
}
