import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderBadges, renderVisaLetter, type BadgeInput, type PhotoConsent, type VisaLetterInput } from '../../../src/core/participation/documents.js';

// Invented people only.
const DISPLAY_NAME = 'Lark';
const LEGAL_NAME = 'Ivana Testova-Markovic';
const MM = 72 / 25.4;
// jsqr is CommonJS: its function is both module.exports and module.exports.default; TypeScript sees the latter
const jsQR = jsQRModule.default;

const token = () => crypto.randomBytes(32).toString('base64url');
const badge = (overrides: Partial<BadgeInput> = {}): BadgeInput => ({
  displayName: DISPLAY_NAME,
  roleLabel: 'Defender',
  photoConsent: 'ask',
  consentLabel: 'Photos: ask first',
  token: token(),
  eventLabel: "Defenders' Days 2027",
  ...overrides,
});

// --- reading the PDFs back with a real parser (pdf.js), as a viewer would
async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js may transfer the buffer it is given: pass a copy so the caller's bytes stay readable
  return getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function textItems(page: PDFPageProxy): Promise<TextItem[]> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const [, , , , x, y] = item.transform as number[];
    items.push({ str: item.str, x: x ?? NaN, y: y ?? NaN, width: item.width, height: item.height });
  }
  return items;
}

async function allText(doc: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) pages.push((await textItems(await doc.getPage(n))).map((i) => i.str).join('\n'));
  return pages.join('\n');
}

async function metadata(doc: PDFDocumentProxy): Promise<Record<string, unknown>> {
  return (await doc.getMetadata()).info as unknown as Record<string, unknown>;
}

/** The page rendered to RGBA pixels by pdf.js (scale 2: 144 dpi). */
async function renderPage(page: PDFPageProxy, scale = 2): Promise<{ data: Uint8ClampedArray; width: number; height: number; scale: number }> {
  const viewport = page.getViewport({ scale });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  return { data: context.getImageData(0, 0, width, height).data, width, height, scale };
}

/** The QR code found in one rectangle of the rendered page, with its corners in PDF units. */
function decodeQr(pixels: { data: Uint8ClampedArray; width: number; height: number; scale: number }, left: number, right: number, pageHeight: number) {
  const x0 = Math.floor(left * pixels.scale);
  const w = Math.floor(right * pixels.scale) - x0;
  const crop = new Uint8ClampedArray(w * pixels.height * 4);
  for (let row = 0; row < pixels.height; row++) {
    crop.set(pixels.data.subarray((row * pixels.width + x0) * 4, (row * pixels.width + x0 + w) * 4), row * w * 4);
  }
  const found = jsQR(crop, w, pixels.height, { inversionAttempts: 'dontInvert' });
  if (!found) return null;
  const corners = [found.location.topLeftCorner, found.location.topRightCorner, found.location.bottomLeftCorner, found.location.bottomRightCorner];
  const xs = corners.map((c) => (c.x + x0) / pixels.scale);
  const ys = corners.map((c) => pageHeight - c.y / pixels.scale);
  return { text: found.data, box: { left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys) } };
}

/** Every form a string could take in a PDF: raw, in inflated streams, as UTF-8, Latin-1, UTF-16BE and its hex. */
function pdfContains(bytes: Uint8Array, needle: string): boolean {
  const haystacks = [Buffer.from(bytes)];
  const raw = Buffer.from(bytes).toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      haystacks.push(zlib.inflateSync(Buffer.from(bytes.subarray(start, end))));
    } catch {
      // not a Flate stream
    }
  }
  const utf16 = Buffer.from(needle, 'utf16le').swap16();
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'latin1'),
    utf16,
    Buffer.from(utf16.toString('hex').toUpperCase()),
    Buffer.from(utf16.toString('hex')),
  ];
  return haystacks.some((h) => forms.some((f) => h.includes(f)));
}

describe('participation documents: badges', () => {
  it('fits 8 badges on an A4 page, and gives one blank page for none', async () => {
    for (const [count, pages] of [
      [0, 1],
      [1, 1],
      [8, 1],
      [9, 2],
      [17, 3],
    ] as const) {
      const doc = await open(await renderBadges(Array.from({ length: count }, () => badge())));
      assert.equal(doc.numPages, pages, `${count} badges`);
      const page = await doc.getPage(1);
      const { width, height } = page.getViewport({ scale: 1 });
      assert.ok(Math.abs(width - 210 * MM) < 1 && Math.abs(height - 297 * MM) < 1, 'A4');
      if (count === 0) assert.deepEqual(await textItems(page), [], 'the blank page says nothing');
    }
  });

  it('prints the chosen name, the role and the consent label, and never a legal name it was not given', async () => {
    const bytes = await renderBadges([badge({ photoConsent: 'never', consentLabel: 'Photos: never' })]);
    const text = await allText(await open(bytes));
    assert.match(text, /Lark/);
    assert.match(text, /Defender/);
    assert.match(text, /Photos: never/);
    assert.match(text, /Defenders' Days 2027/);
    assert.ok(!text.includes(LEGAL_NAME) && !text.includes('Ivana') && !text.includes('Markovic'), 'the legal name is not in the text');
    for (const part of [LEGAL_NAME, 'Ivana', 'Testova', 'Markovic']) assert.ok(!pdfContains(bytes, part), `${part} is not in the bytes`);
    assert.ok(pdfContains(bytes, 'Badges'), 'control: the byte search sees the (hex, UTF-16) title');
  });

  it('prints nothing for an empty event label', async () => {
    const text = await allText(await open(await renderBadges([badge({ eventLabel: '' })])));
    assert.ok(!text.includes('Days'));
    assert.match(text, /Lark/);
  });

  it('round-trips Unicode names and survives scripts it cannot shape', async () => {
    const names = ['Nguyễn Ngọc Như Quỳnh', 'Çelikkan', 'Ольга Петрова', 'Ελένη', 'محمد عبد الله', '😀 ☃ 𝔘'];
    const doc = await open(await renderBadges(names.map((displayName) => badge({ displayName }))));
    const text = await allText(doc);
    for (const name of names.slice(0, 4)) assert.ok(text.includes(name) || text.replace(/\n/g, ' ').includes(name), name);
  });

  it('has neutral metadata: no author, no dates, no names', async () => {
    const doc = await open(await renderBadges([badge()]));
    const info = await metadata(doc);
    assert.equal(info.Title, 'Badges');
    assert.equal(info.Producer, 'defenders-days');
    assert.equal(info.Creator, 'defenders-days');
    for (const key of ['Author', 'Subject', 'Keywords', 'CreationDate', 'ModDate']) assert.equal(info[key], undefined, key);
    assert.ok(!JSON.stringify(info).includes(DISPLAY_NAME));
  });

  it('puts exactly the token in each QR code, readable from the rendered page, with no name in it', async () => {
    const tokens = [token(), token()];
    const badges = [
      badge({ token: tokens[0], displayName: DISPLAY_NAME, photoConsent: 'always', consentLabel: 'Photos: always' }),
      badge({ token: tokens[1], displayName: 'Nguyễn Ngọc Như Quỳnh', photoConsent: 'never', consentLabel: 'Photos: never' }),
    ];
    const doc = await open(await renderBadges(badges));
    const page = await doc.getPage(1);
    const { width, height } = page.getViewport({ scale: 1 });
    const pixels = await renderPage(page);
    // the first badge is in the left column, the second in the right one
    const halves = [decodeQr(pixels, 0, width / 2, height), decodeQr(pixels, width / 2, width, height)];
    halves.forEach((qr, i) => {
      assert.ok(qr, `QR code ${i + 1} decodes`);
      assert.equal(qr.text, tokens[i]);
      for (const name of [DISPLAY_NAME, LEGAL_NAME, 'Nguyễn']) assert.ok(!qr.text.includes(name));
      assert.ok(qr.box.right - qr.box.left >= 24 * MM, `the code is about 25 mm wide or more (${((qr.box.right - qr.box.left) / MM).toFixed(1)} mm)`);
    });
  });

  it('shrinks and wraps long names and roles inside the badge, clear of the QR code', async () => {
    const long = badge({
      displayName: 'Maria Antonietta Josefina de los Ángeles Guadalupe Fernández-Wolkenstein-Oberhausen von und zu Liechtenberg',
      roleLabel: 'Defender, trainer, moderator and member of the programme committee of this edition of the conference',
      consentLabel: 'Photos: please ask me first, every time, before taking any picture at all, thank you very much',
    });
    const word = badge({ displayName: 'W'.repeat(150) });
    for (const b of [long, word]) {
      const doc = await open(await renderBadges([b]));
      const page = await doc.getPage(1);
      const { width, height } = page.getViewport({ scale: 1 });
      const qr = decodeQr(await renderPage(page), 0, width / 2, height);
      assert.ok(qr, 'the QR code still decodes');
      assert.equal(qr.text, b.token);
      const items = await textItems(page);
      assert.ok(items.length >= 4);
      for (const item of items) {
        const box = { left: item.x, right: item.x + item.width, bottom: item.y - item.height * 0.25, top: item.y + item.height };
        // inside the first badge: left column, first row (26.5 mm to 81.5 mm from the top)
        assert.ok(box.left >= 0 && box.right <= width / 2, `"${item.str}" stays in its column`);
        assert.ok(box.top <= height - 26 * MM && box.bottom >= height - 82 * MM, `"${item.str}" stays in its row`);
        const overlaps = box.left < qr.box.right && box.right > qr.box.left && box.bottom < qr.box.top && box.top > qr.box.bottom;
        assert.ok(!overlaps, `"${item.str}" does not cover the QR code`);
      }
    }
  });

  it('renders 200 badges in reasonable time', async (t) => {
    const badges = Array.from({ length: 200 }, (_, i) =>
      badge({ displayName: `Participant ${i} Çelikkan Ngọc`, photoConsent: (['always', 'ask', 'never'] as PhotoConsent[])[i % 3] }),
    );
    const started = performance.now();
    const bytes = await renderBadges(badges);
    const ms = performance.now() - started;
    t.diagnostic(`200 badges: ${ms.toFixed(0)} ms, ${(bytes.length / 1024).toFixed(0)} KiB`);
    assert.equal((await open(bytes)).numPages, 25);
    assert.ok(ms < 30_000, `${ms} ms`);
  });
});

describe('participation documents: visa letter', () => {
  const letter = (overrides: Partial<VisaLetterInput> = {}): VisaLetterInput => ({
    heading: 'Letter of invitation',
    place: 'Stockholm',
    date: '21 November 2026',
    paragraphs: [
      'To the Embassy of Sweden,',
      'We hereby invite Nguyễn Ngọc Như Quỳnh to a closed conference in Stockholm from 10 to 14 May 2027, and cover travel, accommodation and meals.',
    ],
    signature: ['Anna Example', 'Programme director', 'Example Foundation'],
    facts: [
      ['Name as in passport', 'Nguyễn Ngọc Như Quỳnh'],
      ['Nationality', 'Viet Nam'],
      ['Passport number', 'C1234567'],
      ['Date of birth', '1 January 1990'],
      ['Also known as', 'Ayşe Çelikkan / Ольга Петрова'],
    ],
    ...overrides,
  });

  it('prints the heading, place, date, facts (Unicode included), body and signature', async () => {
    const doc = await open(await renderVisaLetter(letter()));
    assert.equal(doc.numPages, 1);
    const text = await allText(doc);
    for (const s of [
      'Letter of invitation',
      'Stockholm, 21 November 2026',
      'Name as in passport',
      'Nguyễn Ngọc Như Quỳnh',
      'Viet Nam',
      'C1234567',
      '1 January 1990',
      'Ayşe Çelikkan / Ольга Петрова',
      'To the Embassy of Sweden,',
      'Anna Example',
      'Programme director',
      'Example Foundation',
    ]) {
      assert.ok(text.includes(s), s);
    }
    const info = await metadata(doc);
    assert.equal(info.Title, 'Letter');
    assert.equal(info.Producer, 'defenders-days');
    assert.equal(info.Author, undefined);
    assert.ok(!JSON.stringify(info).includes('Nguyễn'));
  });

  it('runs over several pages with the signature at the end, and does not crash on Arabic', async () => {
    const long = letter({
      paragraphs: Array.from(
        { length: 40 },
        (_, i) => `Paragraph ${i}: محمد عبد الله will attend the conference as a speaker, and the organisation covers all costs of the stay.`,
      ),
    });
    const doc = await open(await renderVisaLetter(long));
    assert.ok(doc.numPages >= 2);
    const last = (await textItems(await doc.getPage(doc.numPages))).map((i) => i.str).join('\n');
    assert.match(last, /Example Foundation/);
    assert.match(last, /Paragraph 39/);
    assert.match(await allText(doc), /Paragraph 0:/);
  });

  it('handles empty parts', async () => {
    const doc = await open(await renderVisaLetter({ heading: '', place: '', date: '', paragraphs: [], signature: [], facts: [] }));
    assert.equal(doc.numPages, 1);
  });
});
