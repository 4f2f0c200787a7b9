import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import {
  clip,
  closePath,
  endPath,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  PDFDocument,
  rgb,
  type PDFFont,
  type PDFPage,
  type RGB,
} from 'pdf-lib';
import QRCode from 'qrcode';

/**
 * The printed logistics of the closed conference, as PDF bytes: badges and visa invitation
 * letters. Pure: no HTTP, no database; the caller passes text that is already translated and
 * filled in, and decides who may download the result.
 *
 * Security requirements R14 and R15 (docs/requirements.md):
 * - a badge shows the photo consent as colour AND pattern, so it reads on a black-and-white
 *   printer and for colour-blind photographers: always = green, plain; ask = amber with
 *   diagonal stripes; never = red with a cross-hatch; the translated label sits on a white
 *   box over the band;
 * - the badge's QR code holds the token and nothing else, never a name. The badge prints the
 *   name the participant chose (a pseudonym is fine) and nothing it was not given.
 *
 * The metadata is neutral (title "Badges" or "Letter", producer and creator "defenders-days",
 * no author, no dates). Text is set in DejaVu Sans (npm package dejavu-fonts-ttf, Bitstream
 * Vera licence: free to redistribute and embed), subset into each file, so any Latin, Cyrillic,
 * Greek or Vietnamese name prints; scripts the font lacks print as empty boxes instead of
 * failing, and right-to-left text is not reordered.
 */

export type PhotoConsent = 'always' | 'ask' | 'never';

export interface BadgeInput {
  /** what the participant chose to be called: a pseudonym is fine; never a legal name they did not choose */
  displayName: string;
  /** already translated, e.g. "Defender" */
  roleLabel: string;
  photoConsent: PhotoConsent;
  /** already translated, e.g. "Photos: never" */
  consentLabel: string;
  /** random (or signed) base64url token: the QR code holds exactly this string */
  token: string;
  /** already translated, e.g. "Defenders' Days 2027"; '' prints nothing */
  eventLabel: string;
}

export interface VisaLetterInput {
  /** the body, already translated and filled in by the caller */
  paragraphs: string[];
  heading: string;
  place: string;
  date: string;
  /** lines under the signature space */
  signature: string[];
  /** label/value pairs printed as a small table */
  facts: [string, string][];
}

// --- units and page
const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const PRODUCER = 'defenders-days';

// --- fonts: read once, embedded (subset) into every document
const FONT_FILES = { regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' } as const;
let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

function loadFontBytes(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    fontBytes = Promise.all([readFile(require.resolve(FONT_FILES.regular)), readFile(require.resolve(FONT_FILES.bold))]).then(([regular, bold]) => ({
      regular,
      bold,
    }));
    fontBytes.catch(() => (fontBytes = undefined)); // a failed read is retried next time
  }
  return fontBytes;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

async function newDocument(title: string): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  // updateMetadata: false keeps pdf-lib from writing its own producer, creator and dates.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.registerFontkit(fontkit);
  const bytes = await loadFontBytes();
  // No ligatures: "fi" stays two glyphs, so the text copies and searches as typed.
  const options = { subset: true, features: { liga: false, rlig: false, clig: false, dlig: false } };
  const [regular, bold] = await Promise.all([doc.embedFont(bytes.regular, options), doc.embedFont(bytes.bold, options)]);
  return { doc, fonts: { regular, bold } };
}

async function save(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: true });
}

// --- text
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** One line of text: NFC (precomposed Vietnamese), no control characters, single spaces. */
function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lines of at most maxWidth: greedy on spaces; a word wider than a line is cut between graphemes. */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  const lines: string[] = [];
  let line = '';
  for (const word of clean(text).split(' ')) {
    if (!word) continue;
    const candidate = line ? `${line} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    if (width(word) <= maxWidth) {
      line = word;
      continue;
    }
    for (const { segment } of segmenter.segment(word)) {
      if (line && width(line + segment) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += segment;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The text cut to maxWidth with an ellipsis (graphemes kept whole). */
function truncate(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  while (graphemes.length && font.widthOfTextAtSize(`${graphemes.join('').trimEnd()}…`, size) > maxWidth) graphemes.pop();
  return graphemes.length ? `${graphemes.join('').trimEnd()}…` : '';
}

interface FittedText {
  lines: string[];
  size: number;
  lineHeight: number;
}

/**
 * The largest size from maxSize down to minSize at which the text wraps into the box; at
 * minSize, whatever does not fit is cut with an ellipsis. The result never leaves the box.
 */
function fit(text: string, font: PDFFont, box: { width: number; height: number; maxLines: number }, maxSize: number, minSize: number): FittedText {
  const leading = 1.15;
  for (let size = maxSize; size >= minSize; size -= 0.5) {
    const lineHeight = size * leading;
    const maxLines = Math.min(box.maxLines, Math.floor(box.height / lineHeight));
    if (maxLines < 1) continue;
    const lines = wrap(text, font, size, box.width);
    if (lines.length <= maxLines) return { lines, size, lineHeight };
  }
  const size = minSize;
  const lineHeight = size * leading;
  const maxLines = Math.max(1, Math.min(box.maxLines, Math.floor(box.height / lineHeight)));
  const lines = wrap(text, font, size, box.width);
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept[maxLines - 1] = truncate(`${kept[maxLines - 1] ?? ''} ${lines[maxLines] ?? ''}`, font, size, box.width);
  return { lines: kept, size, lineHeight };
}

// --- badges
const BADGE = { width: 90 * MM, height: 55 * MM, columns: 2, rows: 4 };
const BADGE_GAP = { x: 6 * MM, y: 8 * MM };
const BADGES_PER_PAGE = BADGE.columns * BADGE.rows;
const BADGE_MARGIN = {
  x: (A4.width - BADGE.columns * BADGE.width - (BADGE.columns - 1) * BADGE_GAP.x) / 2,
  y: (A4.height - BADGE.rows * BADGE.height - (BADGE.rows - 1) * BADGE_GAP.y) / 2,
};
const PAD = 4 * MM;
const BAND_HEIGHT = 12 * MM;
/** the QR code's square, quiet zone included (4 modules each side): the code itself is ~25 mm or more */
const QR_BOX = 32 * MM;
const QR_QUIET_MODULES = 4;

const INK = rgb(0, 0, 0);
const GREY = rgb(0.25, 0.25, 0.25);
const CUT_LINE = rgb(0.7, 0.7, 0.7);
const WHITE = rgb(1, 1, 1);
const CONSENT_STYLE: Record<PhotoConsent, { color: RGB; pattern: 'plain' | 'stripes' | 'cross-hatch' }> = {
  always: { color: rgb(0.18, 0.49, 0.2), pattern: 'plain' }, // green
  ask: { color: rgb(1, 0.7, 0), pattern: 'stripes' }, // amber
  never: { color: rgb(0.78, 0.16, 0.16), pattern: 'cross-hatch' }, // red
};

/** A4 pages of 2×4 badges of 90×55 mm, with light cut lines; one blank page when there are none. */
export async function renderBadges(badges: BadgeInput[]): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument('Badges');
  if (!badges.length) doc.addPage([A4.width, A4.height]);
  let page: PDFPage | undefined;
  badges.forEach((badge, i) => {
    const slot = i % BADGES_PER_PAGE;
    if (slot === 0) page = doc.addPage([A4.width, A4.height]);
    const column = slot % BADGE.columns;
    const row = Math.floor(slot / BADGE.columns);
    const x = BADGE_MARGIN.x + column * (BADGE.width + BADGE_GAP.x);
    const y = A4.height - BADGE_MARGIN.y - (row + 1) * BADGE.height - row * BADGE_GAP.y;
    drawBadge(page as PDFPage, fonts, badge, x, y);
  });
  return save(doc);
}

function drawBadge(page: PDFPage, fonts: Fonts, badge: BadgeInput, x: number, y: number): void {
  const { width: W, height: H } = BADGE;
  page.drawRectangle({ x, y, width: W, height: H, borderColor: CUT_LINE, borderWidth: 0.5 });

  drawConsentBand(page, fonts, badge, x, y, W);

  // the QR code, right, above the band
  const qrX = x + W - 2 * MM - QR_BOX;
  const qrY = y + BAND_HEIGHT + 1.5 * MM;
  drawQr(page, badge.token, qrX, qrY, QR_BOX);

  // the event, one small line across the top
  const event = clean(badge.eventLabel);
  if (event) {
    const size = 7.5;
    page.drawText(truncate(event, fonts.regular, size, W - 2 * PAD), { x: x + PAD, y: y + H - PAD - size * 0.8, size, font: fonts.regular, color: GREY });
  }

  // name and role, left of the code, centred vertically between the event line and the band
  const areaLeft = x + PAD;
  const areaWidth = qrX - 1 * MM - areaLeft;
  const areaTop = y + H - 8 * MM;
  const areaBottom = y + BAND_HEIGHT + 2 * MM;
  const role = fit(badge.roleLabel, fonts.regular, { width: areaWidth, height: 10 * MM, maxLines: 2 }, 10, 6);
  const roleHeight = role.lines.length * role.lineHeight;
  const gap = role.lines.length ? 1.5 * MM : 0;
  const name = fit(badge.displayName, fonts.bold, { width: areaWidth, height: areaTop - areaBottom - roleHeight - gap, maxLines: 3 }, 18, 7);
  const nameHeight = name.lines.length * name.lineHeight;
  let top = areaTop - (areaTop - areaBottom - nameHeight - gap - roleHeight) / 2;
  for (const line of name.lines) {
    top -= name.lineHeight;
    page.drawText(line, { x: areaLeft, y: top + (name.lineHeight - name.size) / 2 + name.size * 0.2, size: name.size, font: fonts.bold, color: INK });
  }
  top -= gap;
  for (const line of role.lines) {
    top -= role.lineHeight;
    page.drawText(line, { x: areaLeft, y: top + (role.lineHeight - role.size) / 2 + role.size * 0.2, size: role.size, font: fonts.regular, color: GREY });
  }
}

/** The band along the bottom: colour, pattern, and the label on a white box for contrast. */
function drawConsentBand(page: PDFPage, fonts: Fonts, badge: BadgeInput, x: number, y: number, width: number): void {
  const style = CONSENT_STYLE[badge.photoConsent] ?? CONSENT_STYLE.never; // an unknown value is the safest one
  page.drawRectangle({ x, y, width, height: BAND_HEIGHT, color: style.color });
  if (style.pattern !== 'plain') {
    // near-black parallelograms at 45°, clipped to the band: "/" stripes, or "/" and "\" for the hatch
    const step = (style.pattern === 'stripes' ? 4 : 3.5) * MM;
    const w = (style.pattern === 'stripes' ? 1.2 : 0.6) * MM;
    const ops = [pushGraphicsState(), rectangle(x, y, width, BAND_HEIGHT), clip(), endPath(), setFillingRgbColor(0.1, 0.1, 0.1)];
    for (const dir of style.pattern === 'stripes' ? [1] : [1, -1]) {
      for (let sx = x - BAND_HEIGHT; sx < x + width + BAND_HEIGHT; sx += step) {
        const bottom = dir > 0 ? sx : sx + BAND_HEIGHT;
        const top = dir > 0 ? sx + BAND_HEIGHT : sx;
        ops.push(moveTo(bottom, y), lineTo(bottom + w, y), lineTo(top + w, y + BAND_HEIGHT), lineTo(top, y + BAND_HEIGHT), closePath());
      }
      ops.push(fill()); // one fill per direction: crossing subpaths of opposite winding would cancel out
    }
    ops.push(popGraphicsState());
    page.pushOperators(...ops);
  }
  const label = clean(badge.consentLabel);
  if (!label) return;
  const size = 9;
  const boxPad = 1.5 * MM;
  const text = truncate(label, fonts.bold, size, width - 2 * PAD - 2 * boxPad);
  const textWidth = fonts.bold.widthOfTextAtSize(text, size);
  const boxHeight = size + 2 * MM;
  const boxY = y + (BAND_HEIGHT - boxHeight) / 2;
  page.drawRectangle({ x: x + PAD, y: boxY, width: textWidth + 2 * boxPad, height: boxHeight, color: WHITE, borderColor: INK, borderWidth: 0.6 });
  page.drawText(text, { x: x + PAD + boxPad, y: boxY + (boxHeight - size) / 2 + size * 0.2, size, font: fonts.bold, color: INK });
}

/** The QR code as vector squares (one path, horizontal runs merged) on white, quiet zone included. */
function drawQr(page: PDFPage, token: string, x: number, y: number, box: number): void {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = box / (n + 2 * QR_QUIET_MODULES);
  page.drawRectangle({ x, y, width: box, height: box, color: WHITE });
  const ops = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      const rx = x + (QR_QUIET_MODULES + start) * unit;
      const ry = y + box - (QR_QUIET_MODULES + row + 1) * unit;
      ops.push(rectangle(rx, ry, (col - start) * unit, unit));
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

// --- the visa invitation letter
const LETTER = { left: 25 * MM, right: 25 * MM, top: 22 * MM, bottom: 22 * MM };
const BODY = { size: 11, lineHeight: 15 };

/** An A4 letter: place and date, heading, the facts as a table, the paragraphs, space to sign, the signature lines. */
export async function renderVisaLetter(input: VisaLetterInput): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument('Letter');
  const textWidth = A4.width - LETTER.left - LETTER.right;
  let page = doc.addPage([A4.width, A4.height]);
  let cursor = A4.height - LETTER.top; // top of the next line

  const newPage = () => {
    page = doc.addPage([A4.width, A4.height]);
    cursor = A4.height - LETTER.top;
  };
  const ensure = (height: number) => {
    if (cursor - height < LETTER.bottom && cursor < A4.height - LETTER.top) newPage();
  };
  const line = (text: string, font: PDFFont, size: number, lineHeight: number, x = LETTER.left, color = INK) => {
    ensure(lineHeight);
    cursor -= lineHeight;
    page.drawText(text, { x, y: cursor + (lineHeight - size) / 2 + size * 0.2, size, font, color });
  };

  // place and date, right-aligned
  const dateline = [clean(input.place), clean(input.date)].filter(Boolean).join(', ');
  for (const text of wrap(dateline, fonts.regular, BODY.size, textWidth)) {
    line(text, fonts.regular, BODY.size, BODY.lineHeight, A4.width - LETTER.right - fonts.regular.widthOfTextAtSize(text, BODY.size));
  }
  cursor -= 10 * MM;

  // heading
  const headingSize = 15;
  for (const text of wrap(input.heading, fonts.bold, headingSize, textWidth)) line(text, fonts.bold, headingSize, headingSize * 1.3);
  cursor -= 5 * MM;

  // the facts: label | value, wrapped in their columns, rows kept whole when they fit a page
  if (input.facts.length) {
    const size = 10;
    const lineHeight = 13.5;
    const cellPad = 2 * MM;
    const widest = Math.max(...input.facts.map(([label]) => fonts.bold.widthOfTextAtSize(clean(label), size)));
    const labelWidth = Math.min(widest, textWidth * 0.4 - 2 * cellPad);
    const valueX = LETTER.left + labelWidth + 2 * cellPad;
    const valueWidth = A4.width - LETTER.right - valueX - cellPad;
    const rule = () => page.drawLine({ start: { x: LETTER.left, y: cursor }, end: { x: A4.width - LETTER.right, y: cursor }, thickness: 0.5, color: CUT_LINE });
    rule();
    for (const [label, value] of input.facts) {
      const labels = wrap(label, fonts.bold, size, labelWidth);
      const values = wrap(value, fonts.regular, size, valueWidth);
      const count = Math.max(labels.length, values.length, 1);
      const rowHeight = count * lineHeight + 2 * cellPad;
      if (rowHeight <= A4.height - LETTER.top - LETTER.bottom && cursor - rowHeight < LETTER.bottom) {
        newPage();
        rule();
      }
      cursor -= cellPad;
      for (let i = 0; i < count; i++) {
        ensure(lineHeight);
        cursor -= lineHeight;
        const baseline = cursor + (lineHeight - size) / 2 + size * 0.2;
        const l = labels[i];
        const v = values[i];
        if (l) page.drawText(l, { x: LETTER.left + cellPad, y: baseline, size, font: fonts.bold, color: INK });
        if (v) page.drawText(v, { x: valueX, y: baseline, size, font: fonts.regular, color: INK });
      }
      cursor -= cellPad;
      rule();
    }
    cursor -= 6 * MM;
  }

  // the body
  for (const paragraph of input.paragraphs) {
    for (const text of wrap(paragraph, fonts.regular, BODY.size, textWidth)) line(text, fonts.regular, BODY.size, BODY.lineHeight);
    cursor -= BODY.lineHeight * 0.6;
  }

  // space to sign, then the signature lines, kept together on one page
  const signatureSpace = 22 * MM;
  const signatureLines = input.signature.flatMap((s) => wrap(s, fonts.regular, BODY.size, textWidth));
  ensure(signatureSpace + signatureLines.length * BODY.lineHeight);
  cursor -= signatureSpace;
  for (const text of signatureLines) line(text, fonts.regular, BODY.size, BODY.lineHeight);

  // page numbers when there is more than one page
  const pages = doc.getPages();
  if (pages.length > 1) {
    pages.forEach((p, i) => {
      const text = `${i + 1} / ${pages.length}`;
      const size = 8;
      p.drawText(text, { x: (A4.width - fonts.regular.widthOfTextAtSize(text, size)) / 2, y: LETTER.bottom / 2, size, font: fonts.regular, color: GREY });
    });
  }
  return save(doc);
}
