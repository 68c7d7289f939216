/**
 * What of a diagram's SVG may go into a Word file.
 *
 * The SVG is read by an XML parser and written out again from an allowlist:
 * the drawing elements mermaid and the charts use, with their attributes,
 * and nothing that makes the reader's Word or LibreOffice fetch, link or run
 * something — no <image>, <foreignObject>, <script>, animation, event handler,
 * processing instruction, external href, or stylesheet @import / url() that is
 * not a reference inside the picture (`url(#id)`) or a data: URL. A link
 * (<a>) becomes a plain group, so what it wrapped is still drawn.
 * Anything that cannot be read as XML gives null: the picture then goes in as
 * its PNG alone, which was drawn by the offline renderer.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/** The elements a diagram or chart is drawn with. Anything else is dropped with what it contains. */
const ALLOWED_ELEMENTS = new Set([
  "svg", "g", "switch", "defs", "title", "desc", "style", "symbol", "use", "marker", "clipPath", "mask", "pattern",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
  "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
]);

/** Becomes a <g> (keeping its safe attributes), so the shapes and labels it wraps stay. */
const UNWRAPPED_ELEMENTS = new Set(["a"]);

type XmlNode = Record<string, unknown> & { ":@"?: Record<string, unknown> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Characters XML 1.0 cannot carry. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeText(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** CSS escapes (`\72`, `\:`) read as the characters they stand for, so `u\72l(` is seen as `url(`. */
function decodeCssEscapes(css: string): string {
  return css.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|([\s\S]))/g, (_m, hex: string | undefined, newline: string | undefined, char: string | undefined) => {
    if (newline) return "";
    if (char !== undefined) return char;
    const code = Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\uFFFD";
  });
}

/** Functions that load a resource by a string rather than url(). Mermaid never writes them. */
const LOADING_FUNCTIONS = /(?:image-set|image|cross-fade|element|src)\s*\(|expression\s*\(|behavior\s*:|-moz-binding/i;

/**
 * A stylesheet (a <style> element, a style or presentation attribute) without
 * @import and with every url() that is not `#id` or data: replaced by `none`.
 * Null when it still names something to load in a way not worth untangling.
 */
export function cleanCss(css: string): string | null {
  let out = decodeCssEscapes(css).replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "");
  out = out.replace(/@import\b[^;]*(?:;|$)/gi, "");
  out = out.replace(/url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)/gi, (whole, target: string) => {
    const t = target.replace(/^["']|["']$/g, "").trim();
    return t.startsWith("#") || /^data:/i.test(t) ? whole : "none";
  });
  if (/@import/i.test(out) || /url\s*\(/i.test(out.replace(/url\(\s*(?:"#[^"]*"|'#[^']*'|#[^)]*|"data:[^"]*"|'data:[^']*'|data:[^)]*)\s*\)/gi, ""))) return null;
  if (LOADING_FUNCTIONS.test(out)) return null;
  return out;
}

/** The attributes an element keeps, cleaned; null when the attribute goes. */
function cleanAttribute(name: string, value: string, isRoot: boolean): string | null {
  if (!/^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/.test(name)) return null;
  if (/^on/i.test(name)) return null;
  if (name === "xmlns") return isRoot ? SVG_NS : null;
  if (name === "xmlns:xlink") return isRoot ? XLINK_NS : null;
  const colon = name.indexOf(":");
  // Only the xlink: and xml: prefixes mean what they say; any other prefix could be bound to anything.
  if (colon >= 0 && !["xlink", "xml"].includes(name.slice(0, colon))) return null;
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  if (["href", "src"].includes(local.toLowerCase())) return value.trim().startsWith("#") ? value.trim() : null;
  if (name === "style" || /url\s*\(|@import|\\/i.test(value)) return cleanCss(value);
  return value;
}

function serialise(nodes: XmlNode[], isRoot: boolean, inStyle: boolean, out: string[]): void {
  for (const node of nodes) {
    for (const key of Object.keys(node)) {
      if (key === ":@") continue;
      const children = node[key];
      if (key === "#text" || key === "#cdata") {
        const text = key === "#cdata" ? (children as XmlNode[]).map((c) => String(c["#text"] ?? "")).join("") : String(children);
        if (!inStyle) out.push(escapeText(text));
        else {
          const css = cleanCss(text);
          if (css !== null) out.push(escapeText(css));
        }
        continue;
      }
      if (key === "#comment" || key.startsWith("?")) continue;
      const unwrap = UNWRAPPED_ELEMENTS.has(key);
      if (!unwrap && !ALLOWED_ELEMENTS.has(key)) continue;
      const name = unwrap ? "g" : key;
      const attributes: string[] = [];
      for (const [attr, raw] of Object.entries(node[":@"] ?? {})) {
        if (unwrap && /(^|:)(href|target|download|ping|referrerpolicy|rel|type)$/i.test(attr)) continue;
        const value = cleanAttribute(attr, String(raw), isRoot);
        if (value !== null) attributes.push(` ${attr}="${escapeAttribute(value)}"`);
      }
      if (isRoot) {
        if (!attributes.some((a) => a.startsWith(" xmlns="))) attributes.unshift(` xmlns="${SVG_NS}"`);
        if (!attributes.some((a) => a.startsWith(" xmlns:xlink="))) attributes.push(` xmlns:xlink="${XLINK_NS}"`);
      }
      const inner: string[] = [];
      serialise((children as XmlNode[]) ?? [], false, name === "style", inner);
      out.push(inner.length ? `<${name}${attributes.join("")}>${inner.join("")}</${name}>` : `<${name}${attributes.join("")}/>`);
    }
  }
}

/** The SVG as it may go into a Word file, or null when it cannot be read as one SVG document. */
export function svgForWord(svg: Uint8Array | string): Buffer | null {
  const text = typeof svg === "string" ? svg : Buffer.from(svg).toString("utf8");
  // A document type can declare entities that expand without bound; a drawing has no use for one.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  if (XMLValidator.validate(text) !== true) return null;
  let tree: XmlNode[];
  try {
    tree = parser.parse(text) as XmlNode[];
  } catch {
    return null;
  }
  const roots = tree.filter((n) => !Object.keys(n).every((k) => k === "#text" || k === "#comment" || k === ":@" || k.startsWith("?")));
  if (roots.length !== 1 || !("svg" in roots[0]!)) return null;
  const out: string[] = [];
  serialise(roots, true, false, out);
  return Buffer.from(out.join(""), "utf8");
}
