import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  StandardFonts,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { rawPdf } from '../../src/db/factories.js';
import { CAMERA_MAKE, SECRET_ARTIST, jpegWithMetadata } from './image-metadata.js';

/**
 * PDFs carrying everything an upload must lose (metadata, JavaScript, embedded files,
 * forms, comments, EXIF inside an image), and the checks that a rewritten file lost it.
 * Invented people only.
 */

export const PDF_MARKERS = {
  author: 'Mirela Invented-Author',
  title: 'Draft list of invitees',
  creator: 'Laptop of Mirela',
  producer: 'SecretProducer 9.1',
  subject: 'Closed session seating',
  keywords: 'kwcanary',
  xmp: 'xmpcanary-creator',
  pageXmp: 'pagexmpcanary',
  imageXmp: 'imagexmpcanary',
  pieceInfo: 'pieceinfocanary',
  openActionJs: 'openactionjscanary',
  nameTreeJs: 'nametreejscanary',
  pageAaJs: 'pageaajscanary',
  linkJs: 'linkjscanary',
  embeddedFile: 'Embedded list: Tamar Example, Kyiv',
  embeddedName: 'attendees-canary.txt',
  comment: 'commentcanary: check her visa',
  commentAuthor: 'Reviewer Canary',
  field: 'fieldcanary Oksana Invented',
  fieldName: 'applicant_fieldname_canary',
  xfa: 'xfacanary',
  launch: 'launchcanary.exe',
  camera: CAMERA_MAKE,
  artist: SECRET_ARTIST,
} as const;

/** The text on the pages, which must survive. */
export const PDF_PAGE_TEXT = ['Country report, page one', 'Second page of the report'];
export const KEPT_LINK = 'https://example.org/report';

const js = (marker: string) => ({ S: 'JavaScript', JS: PDFString.of(`app.alert("${marker}")`) });

/**
 * A two-page PDF with text, an EXIF/GPS/XMP JPEG, and every kind of hidden content:
 * Info author/title/creator/producer, XMP on the catalog, page and image, /OpenAction and
 * name-tree JavaScript, page /AA, a JavaScript link, a javascript: link, a comment with
 * its author, an embedded file and a file-attachment annotation, an AcroForm text field
 * and an XFA packet. One https link and one link to page two are legitimate and must stay.
 */
export async function hostilePdf(): Promise<Buffer> {
  const m = PDF_MARKERS;
  const doc = await PDFDocument.create();
  doc.setAuthor(m.author);
  doc.setTitle(m.title);
  doc.setCreator(m.creator);
  doc.setProducer(m.producer);
  doc.setSubject(m.subject);
  doc.setKeywords([m.keywords]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const ctx = doc.context;
  const p1 = doc.addPage([400, 300]);
  p1.drawText(PDF_PAGE_TEXT[0] ?? '', { x: 20, y: 260, size: 14, font });
  const jpg = await doc.embedJpg(await jpegWithMetadata(120, 80));
  p1.drawImage(jpg, { x: 20, y: 40, width: 120, height: 80 });
  const p2 = doc.addPage([400, 300]);
  p2.drawText(PDF_PAGE_TEXT[1] ?? '', { x: 20, y: 260, size: 14, font });

  const xmp = (marker: string) =>
    ctx.register(
      ctx.stream(
        `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="${marker}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
        { Type: 'Metadata', Subtype: 'XML' },
      ),
    );
  doc.catalog.set(PDFName.of('Metadata'), xmp(m.xmp));
  p1.node.set(PDFName.of('Metadata'), xmp(m.pageXmp));
  p1.node.set(PDFName.of('PieceInfo'), ctx.obj({ Editor: { Private: PDFString.of(m.pieceInfo) } }));
  doc.catalog.set(PDFName.of('OpenAction'), ctx.obj(js(m.openActionJs)));
  p1.node.set(PDFName.of('AA'), ctx.obj({ O: js(m.pageAaJs) }));

  const fileStream = ctx.register(ctx.flateStream(m.embeddedFile, { Type: 'EmbeddedFile' }));
  const filespec = ctx.register(
    ctx.obj({ Type: 'Filespec', F: PDFString.of(m.embeddedName), UF: PDFHexString.fromText(m.embeddedName), EF: { F: fileStream } }),
  );
  doc.catalog.set(
    PDFName.of('Names'),
    ctx.obj({
      JavaScript: { Names: [PDFString.of('init'), ctx.register(ctx.obj(js(m.nameTreeJs)))] },
      EmbeddedFiles: { Names: [PDFString.of(m.embeddedName), filespec] },
    }),
  );

  const annots = [
    { Type: 'Annot', Subtype: 'Link', Rect: [20, 200, 200, 220], A: js(m.linkJs) },
    { Type: 'Annot', Subtype: 'Link', Rect: [20, 180, 200, 200], A: { S: 'URI', URI: PDFString.of(KEPT_LINK) } },
    { Type: 'Annot', Subtype: 'Link', Rect: [20, 160, 200, 180], A: { S: 'URI', URI: PDFString.of('javascript:alert(1)') } },
    { Type: 'Annot', Subtype: 'Link', Rect: [20, 140, 200, 160], A: { S: 'Launch', F: PDFString.of(m.launch) } },
    { Type: 'Annot', Subtype: 'Link', Rect: [220, 200, 380, 220], Dest: [p2.ref, 'Fit'] },
    { Type: 'Annot', Subtype: 'Text', Rect: [300, 20, 320, 40], T: PDFHexString.fromText(m.commentAuthor), Contents: PDFHexString.fromText(m.comment) },
    { Type: 'Annot', Subtype: 'FileAttachment', Rect: [340, 20, 360, 40], FS: filespec, Contents: PDFString.of(m.embeddedName) },
  ].map((a) => ctx.register(ctx.obj(a)));
  p1.node.set(PDFName.of('Annots'), ctx.obj(annots));

  // Metadata on the image XObject too, as scanners and layout programs write it.
  const image = ctx.lookup(jpg.ref);
  if (image instanceof PDFStream) image.dict.set(PDFName.of('Metadata'), xmp(m.imageXmp));

  const form = doc.getForm();
  const field = form.createTextField(m.fieldName);
  field.setText(m.field);
  field.addToPage(p2, { x: 20, y: 100, width: 300, height: 24, font });
  form.acroForm.dict.set(PDFName.of('XFA'), ctx.register(ctx.stream(`<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">${m.xfa}</xdp:xdp>`)));

  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

/**
 * A PDF written by hand, as an old tool would: an Info dictionary in the trailer, an
 * /OpenAction that launches a program and a /AA on the catalog, and the page's text.
 */
export function handWrittenPdf(): Buffer {
  const m = PDF_MARKERS;
  const content = `BT /F1 18 Tf 72 720 Td (${PDF_PAGE_TEXT[0]}) Tj ET`;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (${m.launch}) >> /AA << /WC << /S /JavaScript /JS (app.alert\\("${m.openActionJs}"\\)) >> >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> >> /MediaBox [0 0 612 792] >>',
    '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Author (${m.author}) /Title (${m.title}) /Creator (${m.creator}) /Producer (${m.producer}) >>`,
  ];
  return rawPdf(objects, '/Info 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]');
}

/** A one-page file whose trailer names an /Encrypt dictionary (RC4, owner password only). */
export function encryptedPdf(): Buffer {
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`,
    ],
    '/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]',
  );
}

/** Names of dictionary keys that must not appear anywhere in a rewritten file. */
const FORBIDDEN_KEYS = [
  'Info',
  'Metadata',
  'PieceInfo',
  'OpenAction',
  'AA',
  'JS',
  'JavaScript',
  'EmbeddedFiles',
  'EmbeddedFile',
  'EF',
  'AcroForm',
  'XFA',
  'Launch',
  'ID',
];

/**
 * Everything found in a PDF that it must not hold: marker strings in the raw bytes, in
 * any string, name or decoded stream (parsed with pdf-lib), forbidden keys and types, and
 * what pdf.js, as a viewer, reports (document info, XMP, attachments, JavaScript, form
 * fields, annotations other than the kept links). [] means clean.
 */
export async function pdfLeftovers(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const markers = Object.values(PDF_MARKERS);
  const raw = Buffer.from(bytes).toString('latin1');
  for (const mk of markers) if (raw.includes(mk)) problems.push(`raw bytes contain ${JSON.stringify(mk)}`);

  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const texts: string[] = [];
  const keys = new Set<string>();
  const visit = (o: PDFObject | undefined): void => {
    if (o instanceof PDFString || o instanceof PDFHexString) texts.push(o.decodeText());
    else if (o instanceof PDFName) texts.push(o.decodeText());
    else if (o instanceof PDFArray) o.asArray().forEach(visit);
    else if (o instanceof PDFDict)
      for (const [k, v] of o.entries()) {
        keys.add(k.decodeText());
        visit(v);
      }
    else if (o instanceof PDFRawStream) {
      visit(o.dict);
      const filter = o.dict.lookup(PDFName.of('Filter'));
      const dct = filter === PDFName.of('DCTDecode');
      texts.push(Buffer.from(dct ? o.contents : decodePDFRawStream(o).decode()).toString('latin1'));
    } else if (o instanceof PDFStream) {
      visit(o.dict);
      texts.push(Buffer.from(o.getContents()).toString('latin1'));
    }
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj);
  for (const v of Object.values(doc.context.trailerInfo)) if (v && !(v instanceof PDFRef)) visit(v);
  if (doc.context.trailerInfo.Info) problems.push('trailer has /Info');
  if (doc.context.trailerInfo.ID) problems.push('trailer has /ID');
  const all = texts.join('\n');
  for (const mk of markers) if (all.includes(mk)) problems.push(`parsed content contains ${JSON.stringify(mk)}`);
  for (const k of FORBIDDEN_KEYS) if (keys.has(k) || texts.includes(k)) problems.push(`key or name /${k}`);
  for (const s of ['Exif\0\0', 'xmpmeta', 'Photoshop 3.0']) if (all.includes(s)) problems.push(`an image still holds ${JSON.stringify(s)}`);

  const viewer = await openPdf(bytes);
  const meta = await viewer.getMetadata();
  const info = meta.info as Record<string, unknown>;
  for (const k of ['Author', 'Title', 'Creator', 'Producer', 'Subject', 'Keywords', 'CreationDate', 'ModDate'])
    if (info[k] !== undefined) problems.push(`pdf.js reads ${k}`);
  if (meta.metadata) problems.push('pdf.js reads XMP');
  if (await viewer.getAttachments()) problems.push('pdf.js finds attachments');
  if (await viewer.getJSActions()) problems.push('pdf.js finds document JavaScript');
  if (await viewer.getFieldObjects()) problems.push('pdf.js finds form fields');
  if (await viewer.getOpenAction()) problems.push('pdf.js finds an open action');
  for (let n = 1; n <= viewer.numPages; n++) {
    const page = await viewer.getPage(n);
    if (await page.getJSActions()) problems.push(`pdf.js finds JavaScript on page ${n}`);
    for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; dest?: unknown; unsafeUrl?: string; actions?: unknown }[]) {
      if (a.subtype !== 'Link') problems.push(`page ${n} has a ${a.subtype} annotation`);
      else if (a.actions) problems.push(`page ${n} has a link with actions`);
      else if (a.url === undefined && a.dest === undefined) problems.push(`page ${n} has a link to nowhere`);
      else if (a.url !== undefined && !/^https:\/\//.test(a.url)) problems.push(`page ${n} links to ${a.url}`);
    }
  }
  await viewer.destroy();
  return problems;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js may transfer the buffer it is given: pass a copy so the caller's bytes stay readable
  return getDocument({ data: Uint8Array.from(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

/** What the pages show: per page its text, the images drawn and the links (url or target page). */
export async function pdfPageContent(bytes: Uint8Array): Promise<{ text: string; images: number; links: string[] }[]> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await openPdf(bytes);
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    const ops = await page.getOperatorList();
    const images = ops.fnArray.filter((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject).length;
    const links: string[] = [];
    for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; dest?: unknown; actions?: unknown }[]) {
      if (a.subtype !== 'Link' || a.actions) continue;
      if (a.url) links.push(a.url);
      else if (Array.isArray(a.dest) && a.dest[0] && typeof a.dest[0] === 'object') links.push(`page ${(await doc.getPageIndex(a.dest[0] as never)) + 1}`);
    }
    pages.push({ text, images, links });
  }
  await doc.destroy();
  return pages;
}
