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
 * Lines are set at an exact height (1.6 × the font size) rather than from the
 * font's own metrics: Word, LibreOffice and the page-number estimator read
 * Vazirmatn's tall metrics differently, and exact heights make all three lay
 * out the same pages, so the table of contents' page numbers are right.
 * Pictures sit in paragraphs of their own with automatic spacing.
 */
export function exact(halfPoints: number) {
  return { line: Math.round(halfPoints * 10 * 1.6), lineRule: LineRuleType.EXACT };
}

/** Spacing for a paragraph that holds a picture: as tall as the picture. */
export const PICTURE_SPACING = { line: 240, lineRule: LineRuleType.AUTO };

/** Half-points. */
const SIZE = { body: 21, small: 18, h1: 32, h2: 26, h3: 22, title: 48 } as const;

export function documentStyles(brand: Branding, lang: DocLang): IStylesOptions {
  const font = { ascii: brand.font, hAnsi: brand.font, cs: PERSIAN_FONT, eastAsia: brand.font };
  const language = { value: lang === "fa" ? "fa-IR" : "en-GB", bidirectional: "fa-IR" };
  const heading = (size: number, before: number) => ({
    run: { font, size, sizeComplexScript: size, bold: true, boldComplexScript: true, color: brand.primaryColor },
    paragraph: { spacing: { before, after: 120, ...exact(size) }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        run: { font, size: SIZE.body, sizeComplexScript: SIZE.body, color: COLOURS.text, language },
        paragraph: { spacing: { after: 120, ...exact(SIZE.body) } },
      },
      heading1: heading(SIZE.h1, 360),
      heading2: heading(SIZE.h2, 240),
      heading3: heading(SIZE.h3, 200),
      title: { run: { font, size: SIZE.title, sizeComplexScript: SIZE.title, bold: true, boldComplexScript: true, color: brand.primaryColor }, paragraph: { spacing: exact(SIZE.title) } },
    },
    paragraphStyles: [
      {
        id: "Caption",
        name: "Caption",
        basedOn: "Normal",
        next: "Normal",
        run: { italics: true, italicsComplexScript: true, size: SIZE.small, sizeComplexScript: SIZE.small, color: COLOURS.muted },
        paragraph: { spacing: { before: 60, after: 240 } },
      },
      {
        id: "TableText",
        name: "Table Text",
        basedOn: "Normal",
        run: { size: SIZE.small, sizeComplexScript: SIZE.small },
        paragraph: { spacing: { before: 20, after: 20, ...exact(SIZE.small) } },
      },
      {
        id: "Muted",
        name: "Muted",
        basedOn: "Normal",
        run: { italics: true, italicsComplexScript: true, color: COLOURS.muted },
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

function tocStyle(level: 1 | 2, rtl: boolean): string {
  const indent = level === 2 ? '<w:ind w:start="360"/>' : "";
  const run = level === 1 ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : "";
  const spacing = level === 1 ? '<w:spacing w:before="80" w:after="40"/>' : '<w:spacing w:after="20"/>';
  return (
    `<w:style w:type="paragraph" w:styleId="TOC${level}"><w:name w:val="toc ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr>${rtl ? "<w:bidi/>" : ""}${spacing}${indent}</w:pPr>${run}</w:style>`
  );
}
