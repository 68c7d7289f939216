/**
 * How wide a piece of text is on the page, measured with the font the
 * document embeds: HarfBuzz (its own WebAssembly build, harfbuzzjs) shapes the
 * text with Vazirmatn, so Persian letters take their joined forms and a
 * ZWNJ-joined word is measured as it is drawn. Pure given the font bytes;
 * widths are cached per (token, bold), so a large register costs a lookup per
 * repeated word. Decision 024.
 */
import * as hb from "harfbuzzjs";
import { persianFontFiles } from "./styles.ts";

export type FontFaces = { regular: Uint8Array; bold: Uint8Array };

/**
 * Where a line may break: ordinary spaces and line breaks. A no-break space,
 * a ZWNJ and a hyphen do not end a token (Word may break after a hyphen; not
 * counting it only makes a column a little wider than it has to be).
 */
const BREAK = /[ \t\n\u2002-\u2006\u2008\u2009\u200A]+/;

/** Runs of Arabic-script text (Persian letters and digits, ZWNJ/ZWJ inside them) and of everything else. */
const SCRIPT_RUN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D]+|[^\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\u200C\u200D]+/g;

export type Measurer = {
  /** The width of one unbreakable token, in ems of the font. */
  tokenEm(token: string, bold: boolean): number;
  /** The width of a space, in ems. */
  spaceEm(bold: boolean): number;
};

type Shaper = { font: hb.Font; upem: number };

function shaper(bytes: Uint8Array): Shaper {
  const face = new hb.Face(new hb.Blob(bytes));
  return { font: new hb.Font(face), upem: face.upem };
}

/**
 * A measurer for the given faces. `latinScale` widens Latin runs when the
 * document's Latin font is not the one measured (see `latinScaleFor`).
 */
export function createMeasurer(faces: FontFaces, opts: { latinScale?: number } = {}): Measurer {
  const shapers = { regular: shaper(faces.regular), bold: shaper(faces.bold) };
  const latinScale = opts.latinScale ?? 1;
  const cache = new Map<string, number>();
  // One buffer, emptied between tokens: a new one per token costs an allocation and a finaliser each.
  const buffer = new hb.Buffer();
  const shapeEm = (s: Shaper, text: string): number => {
    buffer.clearContents();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(s.font, buffer);
    let advance = 0;
    for (const p of buffer.getGlyphPositions()) advance += p.xAdvance;
    return advance / s.upem;
  };
  const tokenEm = (token: string, bold: boolean): number => {
    if (!token) return 0;
    const key = (bold ? "b" : "r") + token;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const s = bold ? shapers.bold : shapers.regular;
    let em = 0;
    for (const run of token.match(SCRIPT_RUN) ?? []) {
      const arabic = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(run);
      em += shapeEm(s, run) * (arabic ? 1 : latinScale);
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(key, em);
    return em;
  };
  return { tokenEm, spaceEm: (bold) => tokenEm(" ", bold) || 0.25 };
}

/**
 * Latin text is drawn in the firm's brand font. Vazirmatn's own Latin glyphs
 * are measured exactly; for another brand font no metric-compatible face is
 * installed here (fc-match gives DejaVu Sans for Calibri, Arial, Cambria and
 * Times New Roman, and LibreOffice draws with it), so Vazirmatn's Latin width
 * is taken with a margin: DejaVu Sans sets English text about 13% wider than
 * Vazirmatn, Arial and Calibri narrower, so 15% covers every face the
 * document may be drawn with.
 */
export function latinScaleFor(brandFont: string): number {
  return brandFont === "Vazirmatn" ? 1 : 1.15;
}

const measurers = new Map<number, Measurer>();

/** The shared measurer for the embedded Vazirmatn faces (made once per Latin scale). */
export function documentMeasurer(brandFont: string): Measurer {
  const scale = latinScaleFor(brandFont);
  let m = measurers.get(scale);
  if (!m) {
    m = createMeasurer(persianFontFiles(), { latinScale: scale });
    measurers.set(scale, m);
  }
  return m;
}

/** The tokens a line cannot be broken inside. */
export function unbreakableTokens(text: string): string[] {
  return text.split(BREAK).filter(Boolean);
}

/** Twentieths of a point for a width in ems at a font size in half-points. */
export function emToTwips(em: number, halfPoints: number): number {
  return em * halfPoints * 10;
}

/** The widest unbreakable token of a text and its widest line unbroken, in ems. */
export function textExtentEm(m: Measurer, text: string, bold: boolean): { minEm: number; prefEm: number } {
  let minEm = 0;
  let prefEm = 0;
  const space = m.spaceEm(bold);
  for (const line of text.split("\n")) {
    const tokens = unbreakableTokens(line);
    let lineEm = 0;
    tokens.forEach((t, i) => {
      const w = m.tokenEm(t, bold);
      if (w > minEm) minEm = w;
      lineEm += w + (i > 0 ? space : 0);
    });
    if (lineEm > prefEm) prefEm = lineEm;
  }
  return { minEm, prefEm };
}
