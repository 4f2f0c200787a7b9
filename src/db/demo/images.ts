/**
 * Lead images for the demo: abstract shapes generated as SVG (no text, no photographs,
 * no real people), each with alt text that says honestly what is in the picture.
 */

const W = 1200;
const H = 675;
const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;

/** A field of dots joined by thin lines, like a network map. */
function network(): string {
  const points: [number, number][] = [];
  for (let i = 0; i < 18; i++) points.push([80 + ((i * 421) % 1040), 70 + ((i * 257) % 540)]);
  const lines = points
    .map(([x, y], i) => {
      const [x2, y2] = points[(i + 5) % points.length] ?? [x, y];
      return `<line x1="${x}" y1="${y}" x2="${x2}" y2="${y2}" stroke="#7fb3d5" stroke-width="3" opacity="0.7"/>`;
    })
    .join('');
  const dots = points.map(([x, y], i) => `<circle cx="${x}" cy="${y}" r="${10 + (i % 4) * 6}" fill="${i % 3 ? '#f4f6f7' : '#f5b041'}"/>`).join('');
  return svg(`<rect width="${W}" height="${H}" fill="#17324d"/>${lines}${dots}`);
}

/** A broad dark red diagonal band across a pale field, with a pale ring over it. */
function band(): string {
  return svg(
    `<rect width="${W}" height="${H}" fill="#f3ece2"/><polygon points="0,520 0,675 260,675 1200,120 1200,0 1020,0" fill="#9b2335"/>` +
      `<circle cx="820" cy="300" r="180" fill="none" stroke="#f3ece2" stroke-width="26" opacity="0.8"/>`,
  );
}

/** Translucent circles of different sizes, scattered over a dark ground. */
function circles(): string {
  const shapes: [number, number, number, string][] = [
    [180, 200, 150, '#5d6d7e'],
    [430, 470, 210, '#2e86c1'],
    [640, 160, 110, '#aab7b8'],
    [860, 420, 170, '#1b4f72'],
    [1060, 180, 120, '#85c1e9'],
    [300, 560, 70, '#aab7b8'],
    [1110, 560, 90, '#5d6d7e'],
  ];
  const body = shapes.map(([cx, cy, r, c]) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${c}" opacity="0.6"/>`).join('');
  return svg(`<rect width="${W}" height="${H}" fill="#1c2833"/>${body}`);
}

/** Vertical stripes of varying width in warm and green tones, like a woven cloth. */
function stripes(): string {
  const colours = ['#c0392b', '#e67e22', '#f4d03f', '#27ae60', '#16a085', '#f0e6d2'];
  let x = 0;
  let body = '';
  for (let i = 0; x < W; i++) {
    const w = 40 + ((i * 37) % 90);
    body += `<rect x="${x}" y="0" width="${w}" height="${H}" fill="${colours[i % colours.length] ?? '#000'}"/>`;
    x += w;
  }
  return svg(`${body}<rect y="480" width="${W}" height="195" fill="#1d2b36" opacity="0.35"/>`);
}

/** A closed padlock-like arch over a rounded block, in teal and sand. */
function shelter(): string {
  return svg(
    `<rect width="${W}" height="${H}" fill="#e8dcc4"/>` +
      `<path d="M470 330 v-90 a130 130 0 0 1 260 0 v90" fill="none" stroke="#136f63" stroke-width="46"/>` +
      `<rect x="400" y="320" width="400" height="270" rx="36" fill="#136f63"/>` +
      `<circle cx="600" cy="440" r="34" fill="#e8dcc4"/><rect x="588" y="450" width="24" height="80" rx="10" fill="#e8dcc4"/>`,
  );
}

export const images = {
  network: {
    svg: network,
    en: 'Abstract illustration: white and orange dots joined by thin blue lines on a dark blue background',
    sv: 'Abstrakt illustration: vita och orange prickar sammanbundna av tunna blå linjer mot mörkblå bakgrund',
  },
  band: {
    svg: band,
    en: 'Abstract illustration: a broad dark red diagonal band across a pale background, with a pale ring',
    sv: 'Abstrakt illustration: ett brett mörkrött diagonalt band över en ljus bakgrund, med en ljus ring',
  },
  circles: {
    svg: circles,
    en: 'Abstract illustration: translucent grey and blue circles of different sizes on a dark background',
    sv: 'Abstrakt illustration: genomskinliga grå och blå cirklar i olika storlekar mot mörk bakgrund',
  },
  stripes: {
    svg: stripes,
    en: 'Abstract illustration: vertical stripes in red, orange, yellow and green, shaded darker along the bottom',
    sv: 'Abstrakt illustration: lodräta ränder i rött, orange, gult och grönt, mörkare längs nederkanten',
  },
  shelter: {
    svg: shelter,
    en: 'Abstract illustration: a simple teal padlock shape on a sand-coloured background',
    sv: 'Abstrakt illustration: en enkel hänglåsform i blågrönt mot sandfärgad bakgrund',
  },
} as const;
export type ImageName = keyof typeof images;

/** The views label it ("Photo: …"), so the credit names only the maker and what it is. */
export const IMAGE_CREDIT = "Defenders' Days (illustration)";
