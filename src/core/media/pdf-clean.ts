import { createRequire } from 'node:module';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
  type PDFPageLeaf,
} from 'pdf-lib';

/**
 * Rewrites an uploaded PDF into a new file that keeps what the pages show and nothing else
 * (security requirement R13 for documents, docs/requirements.md). Pure: bytes in, bytes out, no HTTP, no files.
 *
 * Kept: every page's contents, resources (fonts, images, forms drawn on the page), boxes and
 * rotation; links to http(s) and mailto addresses and to other pages of the same file; the
 * document's language.
 *
 * Dropped: the Info dictionary (author, title, creator, producer, dates) and the file id;
 * every XMP /Metadata stream (on the catalog, pages, images, fonts, forms); JavaScript and
 * every other action (/OpenAction, /AA on the catalog, pages and annotations, /JS, the
 * /JavaScript name tree); embedded files (/EmbeddedFiles, /EF, file attachment annotations,
 * reference XObjects); forms (/AcroForm with its fields and widgets, XFA); every annotation
 * that is not a plain link (comments carry their author's name); outlines, named
 * destinations, article threads, thumbnails, page-piece data, the structure tree; EXIF, XMP,
 * IPTC and comments inside embedded JPEG images.
 *
 * Refused (PdfRefusal): encrypted files (pdf-lib cannot decrypt them, so their contents could
 * not be copied), files it cannot read, with no pages, with more pages or objects than the
 * limits below.
 */

export const PDF_LIMITS = {
  /** a long report is a few hundred pages; the limit bounds the work a hostile file can ask for */
  pages: 2000,
  /** objects in the upload (each page is a few dozen at most) */
  objects: 200_000,
} as const;

/**
 * pdf-lib inflates object and cross-reference streams while it parses, all at once: a few
 * kilobytes of deflated zeros would become gigabytes. Its parser asks ByteStream for the
 * decoded bytes; this wrapper decodes step by step and stops at the limit and marks
 * the document as refused when a stream or the total goes over. pdf-lib swallows errors from
 * these streams, hence the mark instead of an exception. The hook is checked at start-up: a
 * pdf-lib release without it fails every PDF test instead of parsing unbounded.
 */
const DECODE_LIMITS = { stream: 16 * 1024 * 1024, total: 64 * 1024 * 1024 };
const decoded = new WeakMap<object, number>();
const OVER = -1;
{
  interface ByteStreamClass {
    fromPDFRawStream(raw: PDFRawStream): unknown;
    of(bytes: Uint8Array | Uint8ClampedArray): unknown;
  }
  const mod = createRequire(import.meta.url)('pdf-lib/cjs/core/parser/ByteStream.js') as { default?: ByteStreamClass };
  const ByteStream = mod.default;
  if (!ByteStream || typeof ByteStream.fromPDFRawStream !== 'function' || typeof ByteStream.of !== 'function')
    throw new Error('pdf-lib changed: ByteStream.fromPDFRawStream is gone, PDF parsing cannot be bounded');
  ByteStream.fromPDFRawStream = (raw: PDFRawStream) => {
    const ctx = raw.dict.context;
    const before = decoded.get(ctx) ?? 0;
    if (before === OVER) return ByteStream.of(new Uint8Array(0));
    // In steps of 64 KB: the decoders grow their buffer as needed, and stop at the limit.
    const stream = decodePDFRawStream(raw);
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (let chunk = stream.getBytes(65536); chunk.length; chunk = stream.getBytes(65536)) {
      length += chunk.length;
      if (length > DECODE_LIMITS.stream || before + length > DECODE_LIMITS.total) {
        decoded.set(ctx, OVER);
        return ByteStream.of(new Uint8Array(0));
      }
      chunks.push(new Uint8Array(chunk));
    }
    decoded.set(ctx, before + length);
    return ByteStream.of(Buffer.concat(chunks));
  };
}

export type PdfRefusalReason = 'encrypted' | 'unreadable' | 'too-complex';

export class PdfRefusal extends Error {
  constructor(readonly reason: PdfRefusalReason) {
    super(`PDF refused: ${reason}`);
  }
}

/** Keys that never survive, wherever they appear (dictionaries of pages, streams, resources, ...). */
const BANNED_KEYS = [
  'Metadata',
  'PieceInfo',
  'LastModified',
  'AA',
  'OpenAction',
  'JS',
  'JavaScript',
  'EmbeddedFiles',
  'EF',
  'RF',
  'AF',
  'AcroForm',
  'XFA',
  'Names',
  'Dests',
  'Outlines',
  'Threads',
  'B',
  'Thumb',
  'Ref',
  'OPI',
  'CreatorInfo',
  'Collection',
  'Perms',
  'Legal',
  'SpiderInfo',
  'StructTreeRoot',
  'StructParents',
  'StructParent',
].map((k) => PDFName.of(k));

/** The entries of a page that are copied; everything else on the page dictionary goes. */
const PAGE_KEYS = ['Type', 'MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate', 'Resources', 'Contents', 'Group', 'UserUnit'];
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

const LINK_SCHEMES = /^(https?:\/\/|mailto:)/i;

const name = (s: string) => PDFName.of(s);
const isName = (o: PDFObject | undefined, s: string) => o instanceof PDFName && o === name(s);

function textOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return undefined;
}

/** A fresh link annotation: the rectangle and where it leads, nothing of the original dictionary. */
function cleanLink(ctx: PDFContext, annot: PDFDict, pageIndex: Map<string, number>): { rect: number[]; uri?: string; page?: number } | undefined {
  if (!isName(annot.lookup(name('Subtype')), 'Link')) return undefined;
  const rectObj = annot.lookup(name('Rect'));
  if (!(rectObj instanceof PDFArray) || rectObj.size() !== 4) return undefined;
  const rect = rectObj.asArray().map((v) => ctx.lookup(v));
  if (!rect.every((v) => v instanceof PDFNumber)) return undefined;
  const numbers = rect.map((v) => v.asNumber());
  const action = annot.lookup(name('A'));
  let dest: PDFObject | undefined = annot.lookup(name('Dest'));
  if (action instanceof PDFDict) {
    const kind = action.lookup(name('S'));
    if (isName(kind, 'URI')) {
      const uri = textOf(action.lookup(name('URI')));
      if (uri && LINK_SCHEMES.test(uri) && uri.length <= 2000) return { rect: numbers, uri };
      return undefined;
    }
    if (!isName(kind, 'GoTo')) return undefined;
    dest = action.lookup(name('D'));
  }
  // Only explicit destinations to a page of this file: named ones live in the name tree that is dropped.
  if (dest instanceof PDFArray && dest.size() > 0) {
    const target = dest.get(0);
    const index = target instanceof PDFRef ? pageIndex.get(target.tag) : undefined;
    if (index !== undefined) return { rect: numbers, page: index };
  }
  return undefined;
}

/**
 * Copies what a JPEG needs to be drawn (frame, tables, JFIF, Adobe colour transform, ICC
 * profile) and drops APP1 (EXIF, XMP), APP13 (IPTC), other application segments and comments.
 * Returns undefined for a stream it cannot walk (the caller refuses the file).
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | undefined {
  const jpeg = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (jpeg.length < 4 || jpeg.readUInt16BE(0) !== 0xffd8) return undefined;
  const parts: Buffer[] = [jpeg.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg.readUInt8(at) !== 0xff) return undefined;
    const marker = jpeg.readUInt8(at + 1);
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = jpeg.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > jpeg.length) return undefined;
    if (marker === 0xda) {
      // start of scan: the rest is image data
      parts.push(jpeg.subarray(at));
      return new Uint8Array(Buffer.concat(parts));
    }
    const segment = jpeg.subarray(at, end);
    const id = segment.subarray(4, 16).toString('latin1');
    const keep =
      !(marker >= 0xe0 && marker <= 0xef) && marker !== 0xfe
        ? true
        : (marker === 0xe0 && id.startsWith('JFIF\0')) || (marker === 0xe2 && id.startsWith('ICC_PROFILE\0')) || (marker === 0xee && id.startsWith('Adobe'));
    if (keep) parts.push(segment);
    at = end;
  }
  return undefined;
}

function isDctOnly(dict: PDFDict): boolean {
  const filter = dict.lookup(name('Filter'));
  if (filter instanceof PDFName) return filter === name('DCTDecode');
  return filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === name('DCTDecode');
}

/** Deletes the banned keys from a dictionary and from every dictionary nested in it directly. */
function scrub(o: PDFObject): void {
  if (o instanceof PDFStream) return scrub(o.dict);
  if (o instanceof PDFArray) {
    for (const v of o.asArray()) scrub(v);
    return;
  }
  if (!(o instanceof PDFDict)) return;
  for (const k of BANNED_KEYS) o.delete(k);
  // An action dictionary that runs code, opens or sends something is emptied wherever it sits
  // (the rebuilt links only ever hold URI and GoTo actions).
  const s = o.get(name('S'));
  if (s instanceof PDFName && ['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'GoToE', 'GoToR', 'Rendition'].includes(s.decodeText())) {
    for (const k of o.keys()) o.delete(k);
  }
  for (const [, v] of o.entries()) scrub(v);
}

/** Every object reachable from the catalog; the rest (copied along but no longer used) is deleted. */
function dropUnreachable(ctx: PDFContext, root: PDFRef): void {
  const seen = new Set<string>();
  const stack: PDFObject[] = [root];
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) continue;
      seen.add(o.tag);
      const target = ctx.lookup(o);
      if (target) stack.push(target);
    } else if (o instanceof PDFStream) stack.push(o.dict);
    else if (o instanceof PDFDict) for (const [, v] of o.entries()) stack.push(v);
    else if (o instanceof PDFArray) for (const v of o.asArray()) stack.push(v);
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!seen.has(ref.tag)) ctx.delete(ref);
}

/** Rewrites one PDF; throws PdfRefusal when it cannot. */
export async function cleanPdf(input: Uint8Array): Promise<Uint8Array> {
  let src: PDFDocument;
  try {
    // Loaded even when encrypted, to tell that apart from a broken file (pdf-lib's own
    // EncryptedPDFError does not survive `instanceof`).
    src = await PDFDocument.load(input, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    throw new PdfRefusal('unreadable');
  }
  if (decoded.get(src.context) === OVER) throw new PdfRefusal('too-complex');
  if (src.isEncrypted) throw new PdfRefusal('encrypted');
  if (src.context.enumerateIndirectObjects().length > PDF_LIMITS.objects) throw new PdfRefusal('too-complex');
  let pageCount: number;
  try {
    pageCount = src.getPageCount();
  } catch {
    throw new PdfRefusal('unreadable');
  }
  if (pageCount === 0) throw new PdfRefusal('unreadable');
  if (pageCount > PDF_LIMITS.pages) throw new PdfRefusal('too-complex');

  const pages = src.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.tag, i]));
  // Links are rebuilt after the copy; the page dictionaries are cut down to what draws the page
  // before it, so nothing else (annotations, actions, metadata) is copied along.
  const links = pages.map((page) => {
    const annots = page.node.lookup(name('Annots'));
    const found = annots instanceof PDFArray ? annots.asArray().map((a) => src.context.lookup(a)) : [];
    return found.flatMap((a) => (a instanceof PDFDict ? [cleanLink(src.context, a, pageIndex)].filter((l) => l !== undefined) : []));
  });
  for (const page of pages) {
    const node: PDFPageLeaf = page.node;
    for (const k of INHERITED) {
      const v = node.getInheritableAttribute(name(k));
      if (v !== undefined) node.set(name(k), v);
    }
    for (const k of node.keys()) if (!PAGE_KEYS.includes(k.decodeText())) node.delete(k);
  }

  const out = await PDFDocument.create({ updateMetadata: false });
  let copied;
  try {
    copied = await out.copyPages(
      src,
      pages.map((_, i) => i),
    );
  } catch {
    throw new PdfRefusal('unreadable');
  }
  for (const p of copied) out.addPage(p);
  const ctx = out.context;
  copied.forEach((page, i) => {
    const annots = (links[i] ?? []).map((l) =>
      ctx.register(
        ctx.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: l.rect,
          Border: [0, 0, 0],
          A: l.uri !== undefined ? { S: 'URI', URI: PDFString.of(asciiUri(l.uri)) } : { S: 'GoTo', D: [(copied[l.page ?? 0] ?? page).ref, 'Fit'] },
        }),
      ),
    );
    if (annots.length) page.node.set(name('Annots'), ctx.obj(annots));
  });
  const lang = textOf(src.catalog.lookup(name('Lang')));
  if (lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) out.catalog.set(name('Lang'), PDFString.of(lang));

  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    scrub(obj);
    if (obj instanceof PDFRawStream && isDctOnly(obj.dict)) {
      // An image that cannot be walked is refused rather than kept with what it carries.
      const clean = stripJpegMetadata(obj.contents);
      if (!clean) throw new PdfRefusal('unreadable');
      ctx.assign(ref, PDFRawStream.of(obj.dict, clean));
    }
  }
  ctx.trailerInfo.Info = undefined;
  ctx.trailerInfo.ID = undefined;
  dropUnreachable(ctx, ctx.trailerInfo.Root as PDFRef);
  return out.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

/** A URI as a PDF byte string: 7-bit ASCII, anything else percent-encoded. */
function asciiUri(uri: string): string {
  return uri.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}
