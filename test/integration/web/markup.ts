// Small, strict-enough readers for the markup the app produces, so the web tests need no
// extra dependencies: an XML well-formedness parser, an HTML start-tag scanner, JSON-LD.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** the element's own text and CDATA, entities decoded */
  text: string;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string, where: string): string {
  return s.replace(/&([^;\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (name in XML_ENTITIES) return XML_ENTITIES[name] ?? '';
    const m = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (!m?.[1]) throw new Error(`unknown entity &${name}; in ${where}`);
    return String.fromCodePoint(m[1].startsWith('x') ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10));
  });
}

/** Parses an XML document and throws on anything not well-formed (nesting, quoting, entities, one root). */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (msg: string): never => {
    throw new Error(`XML not well-formed at ${i}: ${msg}: ${JSON.stringify(xml.slice(i, i + 60))}`);
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration');
    i = end + 2;
  }
  const name = /[A-Za-z_][\w.:-]*/y;
  const attr = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes(']]>')) fail('"]]>" in text');
    if (text.trim()) {
      const top = stack.at(-1);
      if (!top) fail('text outside the root element');
      else top.text += decodeXml(text, 'text');
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) fail('unclosed comment');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      const top = stack.at(-1);
      if (end < 0 || !top) fail('bad CDATA');
      else top.text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      name.lastIndex = i + 2;
      const m = name.exec(xml);
      const open = stack.pop();
      if (!m || !open || open.name !== m[0]) fail(`end tag does not match <${open?.name}>`);
      i = name.lastIndex;
      const close = /\s*>/y;
      close.lastIndex = i;
      if (!close.exec(xml)) fail('bad end tag');
      i = close.lastIndex;
    } else {
      name.lastIndex = i + 1;
      const m = name.exec(xml);
      if (!m) fail('bad start tag');
      const el: XmlElement = { name: m?.[0] ?? '', attrs: {}, children: [], text: '' };
      i = name.lastIndex;
      for (;;) {
        attr.lastIndex = i;
        const a = attr.exec(xml);
        if (!a?.[1]) break;
        if (a[1] in el.attrs) fail(`duplicate attribute ${a[1]}`);
        el.attrs[a[1]] = decodeXml(a[3] ?? a[4] ?? '', `attribute ${a[1]}`);
        i = attr.lastIndex;
      }
      const end = /\s*(\/?)>/y;
      end.lastIndex = i;
      const e = end.exec(xml);
      if (!e) fail('bad start tag end');
      i = end.lastIndex;
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) fail('second root element');
      else root = el;
      if (!e?.[1]) stack.push(el);
    }
  }
  if (stack.length) fail(`unclosed <${stack.at(-1)?.name}>`);
  if (!root) fail('no root element');
  return root as XmlElement;
}

/** Every descendant element with this name. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}

export interface HtmlTag {
  name: string;
  attrs: Record<string, string>;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
export const decodeHtml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) =>
    e in HTML_ENTITIES
      ? (HTML_ENTITIES[e] ?? whole)
      : e.startsWith('#x')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : whole,
  );

/** The start tags of an HTML document with their (decoded) attributes, in order; script and style contents are skipped. */
export function htmlTags(html: string): HtmlTag[] {
  const out: HtmlTag[] = [];
  const tag = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attr = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(html))) {
    const name = (m[1] ?? '').toLowerCase();
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(attr)) attrs[(a[1] ?? '').toLowerCase()] = decodeHtml(a[2] ?? a[3] ?? a[4] ?? '');
    out.push({ name, attrs });
    if (name === 'script' || name === 'style') {
      const end = html.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? html.length : end;
    }
  }
  return out;
}

/** The parsed contents of every <script type="application/ld+json"> block. */
export function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] ?? '') as unknown);
}

/** Elements that would make the browser fetch from another origin on page load (src, srcset, poster, data, stylesheet/preload links). */
export function foreignLoads(html: string): string[] {
  const isForeign = (url: string) => /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/|\\\\)/i.test(url) && !/^\s*(?:data:|#)/i.test(url);
  const found: string[] = [];
  for (const t of htmlTags(html)) {
    const urls: string[] = [];
    for (const a of ['src', 'poster', 'data', 'background', 'action', 'formaction']) if (t.attrs[a] !== undefined) urls.push(t.attrs[a]);
    if (t.attrs.srcset) urls.push(...t.attrs.srcset.split(',').map((s) => s.trim().split(/\s+/)[0] ?? ''));
    if (
      t.name === 'link' &&
      t.attrs.href !== undefined &&
      /\b(stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|modulepreload|manifest)\b/i.test(t.attrs.rel ?? '')
    )
      urls.push(t.attrs.href);
    if (t.name === 'meta' && /refresh/i.test(t.attrs['http-equiv'] ?? '')) urls.push(t.attrs.content ?? '');
    for (const u of urls) if (isForeign(u)) found.push(`<${t.name}> ${u}`);
    if (['iframe', 'frame', 'embed', 'object', 'video', 'audio', 'portal'].includes(t.name)) found.push(`<${t.name}>`);
  }
  return found;
}

/** Same-origin links (href) of an HTML page, as paths with query. */
export function localLinks(html: string, origin: string): string[] {
  const out: string[] = [];
  for (const t of htmlTags(html)) {
    const href = t.attrs.href;
    if (t.name !== 'a' && t.name !== 'link') continue;
    if (!href || href.startsWith('#')) continue;
    const u = new URL(href, origin + '/');
    if (u.origin === origin) out.push(u.pathname + u.search);
  }
  return out;
}
