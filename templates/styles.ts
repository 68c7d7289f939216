/**
 * The deliverables' look, defined once: page, fonts, heading and body styles,
 * table colours. Headings use Word's built-in Heading 1–3 styles so the table
 * of contents is a real one that Word can update.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { LineRuleType, type IStylesOptions } from "docx";
import type { Branding, DocLang } from "./model.ts";

/** The Persian font, embedded in every document so it renders the same everywhere. */
export const PERSIAN_FONT = "Vazirmatn";
/**
 * Vazirmatn's Farsi-digit face: the same letters, with 0–9 drawn as ۰–۹. Numbers
 * that Word and LibreOffice write themselves (page X of Y, heading and caption
 * numbers, the contents' page numbers) are set in it in Persian documents, since
 * neither program has a field or list format that writes Persian digits (decision 026).
 */
export const PERSIAN_DIGITS_FONT = "Vazirmatn FD";

/** A4 portrait with 2 cm margins, in twentieths of a point. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 } as const;
export const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
/** The text width in CSS pixels (96 per inch), for sizing pictures. */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
/** On a landscape page: the text width, and the height left for a picture and its caption. */
export const LANDSCAPE_TEXT_WIDTH_PX = Math.floor(((PAGE.height - 2 * PAGE.margin) / 1440) * 96);
export const LANDSCAPE_PICTURE_HEIGHT_PX = Math.floor(((PAGE.width - 2 * PAGE.margin) / 1440) * 96) - 90;

export const COLOURS = { text: "1F2328", muted: "59636E", border: "C9D1D9", zebra: "F3F6F9", note: "FFF8E1", noteBorder: "E0B000" } as const;

let fontCache: { regular: Buffer; bold: Buffer } | null = null;
let digitFontCache: { regular: Buffer; bold: Buffer } | null = null;

function vazirmatnDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve("vazirmatn/package.json"));
  } catch {
    return path.join(process.cwd(), "node_modules", "vazirmatn");
  }
}

/** The Farsi-digit face's regular and bold files, read once. */
export function persianDigitFontFiles(): { regular: Buffer; bold: Buffer } {
  if (digitFontCache) return digitFontCache;
  const dir = path.join(vazirmatnDir(), "misc", "Farsi-Digits", "fonts", "ttf");
  digitFontCache = { regular: fs.readFileSync(path.join(dir, "Vazirmatn-FD-Regular.ttf")), bold: fs.readFileSync(path.join(dir, "Vazirmatn-FD-Bold.ttf")) };
  return digitFontCache;
}

/** Run fonts that draw digits as Persian ones (every slot, as a number may be set in any of them). */
export const PERSIAN_DIGITS_RUN_FONT = { ascii: PERSIAN_DIGITS_FONT, hAnsi: PERSIAN_DIGITS_FONT, cs: PERSIAN_DIGITS_FONT, eastAsia: PERSIAN_DIGITS_FONT } as const;

/** Vazirmatn's regular and bold faces, read once from the installed package. */
export function persianFontFiles(): { regular: Buffer; bold: Buffer } {
  if (fontCache) return fontCache;
  let dir: string;
  try {
    dir = path.join(path.dirname(createRequire(import.meta.url).resolve("vazirmatn/package.json")), "fonts", "ttf");
  } catch {
    dir = path.join(process.cwd(), "node_modules", "vazirmatn", "fonts", "ttf");
  }
  fontCache = {
    regular: fs.readFileSync(path.join(dir, "Vazirmatn-Regular.ttf")),
    bold: fs.readFileSync(path.join(dir, "Vazirmatn-Bold.ttf")),
  };
  return fontCache;
}

/**
 * Lines are at least 1.6 × the font size high rather than taken from the
 * font's own metrics: Word, LibreOffice and the page-number estimator read
 * Vazirmatn's tall metrics differently, and a fixed minimum that is taller than
 * the font's own line makes all three lay out the same pages, so the table of
 * contents' page numbers are right. "At least", not "exactly": a consultant who
 * enlarges the font gets taller lines, not clipped ones (decision 026).
 * Pictures sit in paragraphs of their own with automatic spacing.
 */
export function lineHeight(halfPoints: number) {
  return { line: Math.round(halfPoints * 10 * 1.6), lineRule: LineRuleType.AT_LEAST };
}

/** The multilevel list that numbers Heading 1 and Heading 2 ("1", "1.1"), linked to their styles. */
export const HEADING_NUMBERING = "headings";

/** Spacing for a paragraph that holds a picture: as tall as the picture. */
export const PICTURE_SPACING = { line: 240, lineRule: LineRuleType.AUTO };

/** Half-points. */
const SIZE = { body: 21, small: 18, h1: 32, h2: 26, h3: 22, title: 48 } as const;

export function documentStyles(brand: Branding, lang: DocLang): IStylesOptions {
  const font = { ascii: brand.font, hAnsi: brand.font, cs: PERSIAN_FONT, eastAsia: brand.font };
  const language = { value: lang === "fa" ? "fa-IR" : "en-GB", bidirectional: "fa-IR" };
  const heading = (size: number, before: number, level?: number) => ({
    run: { font, size, sizeComplexScript: size, bold: true, boldComplexScript: true, color: brand.primaryColor },
    paragraph: {
      spacing: { before, after: 120, ...lineHeight(size) },
      keepNext: true,
      keepLines: true,
      ...(level === undefined ? {} : { numbering: { reference: HEADING_NUMBERING, level } }),
    },
  });
  // Numbers Word and LibreOffice write (captions' SEQ results) in the document's digits.
  const digitFont = lang === "fa" ? { font: PERSIAN_DIGITS_RUN_FONT } : {};
  return {
    default: {
      document: {
        run: { font, size: SIZE.body, sizeComplexScript: SIZE.body, color: COLOURS.text, language },
        paragraph: { spacing: { after: 120, ...lineHeight(SIZE.body) } },
      },
      heading1: heading(SIZE.h1, 360, 0),
      heading2: heading(SIZE.h2, 240, 1),
      heading3: heading(SIZE.h3, 200),
      // Word's own Heading 4 is italic; a consultant who uses it gets it upright.
      heading4: { run: { italics: false, italicsComplexScript: false } },
      title: { run: { font, size: SIZE.title, sizeComplexScript: SIZE.title, bold: true, boldComplexScript: true, color: brand.primaryColor }, paragraph: { spacing: lineHeight(SIZE.title) } },
    },
    paragraphStyles: [
      {
        id: "Caption",
        name: "Caption",
        basedOn: "Normal",
        next: "Normal",
        // Never italic: Vazirmatn has no italic face, so Word and LibreOffice would slant Persian artificially.
        run: { ...digitFont, size: SIZE.small, sizeComplexScript: SIZE.small, color: COLOURS.muted },
        paragraph: { spacing: { before: 60, after: 240, ...lineHeight(SIZE.small) } },
      },
      {
        id: "TableText",
        name: "Table Text",
        basedOn: "Normal",
        run: { size: SIZE.small, sizeComplexScript: SIZE.small },
        paragraph: { spacing: { before: 20, after: 20, ...lineHeight(SIZE.small) } },
      },
      {
        id: "Muted",
        name: "Muted",
        basedOn: "Normal",
        run: { color: COLOURS.muted },
        paragraph: {},
      },
      {
        id: "Note",
        name: "Note",
        basedOn: "Normal",
        run: { size: SIZE.small, sizeComplexScript: SIZE.small },
        paragraph: {
          shading: { type: "clear", fill: COLOURS.note, color: "auto" },
          border: { left: { style: "single", size: 12, color: COLOURS.noteBorder, space: 4 }, right: { style: "single", size: 12, color: COLOURS.noteBorder, space: 4 } },
          spacing: { before: 120, after: 120 },
        },
      },
    ],
  };
}

/**
 * The table of contents' entry styles, as a styles part of their own: docx
 * cannot give a style a paragraph direction, and in Persian the entries must
 * be right-to-left paragraphs (page numbers at the left edge). Given to the
 * document as `externalStyles`, which keeps every other style.
 */
export function tocStylesXml(lang: DocLang): string {
  const rtl = lang === "fa";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${tocStyle(1, rtl)}${tocStyle(2, rtl)}</w:styles>`;
}

/**
 * In Persian the entries are set in the Farsi-digit face: the heading numbers
 * and page numbers the estimator (or Word's "Update table") writes are Latin
 * digits, drawn as Persian ones; the entries' letters are Vazirmatn's own.
 */
function tocStyle(level: 1 | 2, rtl: boolean): string {
  const indent = level === 2 ? '<w:ind w:start="360"/>' : "";
  const fonts = rtl ? `<w:rFonts w:ascii="${PERSIAN_DIGITS_FONT}" w:hAnsi="${PERSIAN_DIGITS_FONT}" w:cs="${PERSIAN_DIGITS_FONT}" w:eastAsia="${PERSIAN_DIGITS_FONT}"/>` : "";
  const bold = level === 1 ? "<w:b/><w:bCs/>" : "";
  const run = fonts || bold ? `<w:rPr>${fonts}${bold}</w:rPr>` : "";
  const spacing = level === 1 ? '<w:spacing w:before="80" w:after="40"/>' : '<w:spacing w:after="20"/>';
  return (
    `<w:style w:type="paragraph" w:styleId="TOC${level}"><w:name w:val="toc ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr>${rtl ? "<w:bidi/>" : ""}${spacing}${indent}</w:pPr>${run}</w:style>`
  );
}
