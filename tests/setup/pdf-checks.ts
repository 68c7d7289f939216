/**
 * What a client's reader notices on the printed pages of a deliverable, read
 * back from the PDF LibreOffice prints (pdftotext with its word boxes):
 * words broken inside a line's width, dates split across lines, page
 * numbers and contents entries in the wrong digits or pointing at the wrong
 * page, "not answered" text, pages left mostly empty in mid-chapter. Plus
 * one check read from the Word file itself: Persian set in italics.
 *
 * pdftotext gives right-to-left words in visual order (letters reversed);
 * `logical()` turns a word back into the order it was typed.
 */
import { execFileSync } from "node:child_process";
import { xmlParts } from "./docx.ts";

export type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };
export type Line = { words: Word[]; rtl: boolean; xMin: number; yMin: number; xMax: number; yMax: number };
export type Block = { lines: Line[] };
export type Page = { number: number; width: number; height: number; blocks: Block[] };

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LATIN_OR_DIGITS = /[A-Za-z0-9\u06F0-\u06F9\u0660-\u0669.,٫٬%:/+\-]+/g;
const decode = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** A word as typed: right-to-left words come reversed from the PDF; their digit and Latin runs do not. */
export function logical(visual: string): string {
  if (!RTL_LETTER.test(visual)) return visual.normalize("NFKC");
  const reversed = [...visual].reverse().join("");
  return reversed.replace(LATIN_OR_DIGITS, (run) => [...run].reverse().join("")).normalize("NFKC");
}

/** The pages of a PDF, as blocks of lines of words (logical text, visual boxes). */
export function readPdf(pdf: string): Page[] {
  const html = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const pages: Page[] = [];
  const num = (s: string, name: string) => Number(s.match(new RegExp(`${name}="([\\d.]+)"`))?.[1] ?? 0);
  for (const [i, pm] of [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].entries()) {
    const page: Page = { number: i + 1, width: Number(pm[1]), height: Number(pm[2]), blocks: [] };
    for (const bm of pm[3]!.matchAll(/<block[^>]*>([\s\S]*?)<\/block>/g)) {
      const block: Block = { lines: [] };
      for (const lm of bm[1]!.matchAll(/<line([^>]*)>([\s\S]*?)<\/line>/g)) {
        const words = [...lm[2]!.matchAll(/<word([^>]*)>([^<]*)<\/word>/g)].map((wm) => ({
          text: logical(decode(wm[2]!)),
          xMin: num(wm[1]!, "xMin"),
          yMin: num(wm[1]!, "yMin"),
          xMax: num(wm[1]!, "xMax"),
          yMax: num(wm[1]!, "yMax"),
        }));
        if (!words.length) continue;
        const rtlWords = words.filter((w) => RTL_LETTER.test(w.text)).length;
        const latinWords = words.filter((w) => /[A-Za-z]/.test(w.text)).length;
        const rtl = rtlWords > latinWords;
        // Logical order: right-to-left lines read from their rightmost word.
        words.sort((a, b) => (rtl ? b.xMax - a.xMax : a.xMin - b.xMin));
        block.lines.push({ words, rtl, xMin: num(lm[1]!, "xMin"), yMin: num(lm[1]!, "yMin"), xMax: num(lm[1]!, "xMax"), yMax: num(lm[1]!, "yMax") });
      }
      if (block.lines.length) page.blocks.push(block);
    }
    pages.push(page);
  }
  return pages;
}

export const lineText = (l: Line) => l.words.map((w) => w.text).join(" ");
const pageLines = (p: Page) => p.blocks.flatMap((b) => b.lines);

/** Surrounding punctuation off; what a reader would call the word. */
export function bare(word: string): string {
  return word.replace(/^[\s"'“”‘’«»()[\]{}.,;:!?؟،؛…—–-]+|[\s"'“”‘’«»()[\]{}.,;:!?؟،؛…—–-]+$/g, "").normalize("NFKC");
}

/**
 * A word's key for comparing a PDF's words with the document's: the PDF
 * gives the lam-alef ligature's letters in an order that survives reversal
 * wrongly, so "لا" and "ال" compare equal.
 */
export const fold = (w: string) => w.replace(/لا|ال/g, "\u0000");

/** The words and adjacent word pairs of a document's own text: what "a whole word" means for it. */
export function vocabulary(docx: Uint8Array): { words: Set<string>; pairs: Set<string> } {
  const parts = [...xmlParts(docx).keys()].filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n));
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const part of parts) {
    const xml = xmlParts(docx).get(part)!;
    // Paragraph by paragraph, so that two paragraphs' words do not make a pair.
    for (const pm of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
      // A tab or a line break separates words as a space does (a contents entry's number and title).
      const spaced = pm[0].replace(/<w:(?:tab|br|cr)\b[^>]*\/>/g, "<w:t> </w:t>");
      const text = [...spaced.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join("");
      const list = text.split(/[\s\u00A0]+/).map(bare).filter(Boolean);
      list.forEach((w, i) => {
        words.add(fold(w));
        if (i > 0) pairs.add(fold(`${list[i - 1]} ${w}`));
      });
    }
  }
  return { words, pairs };
}

export type Problem = { page: number; what: string };

const MONTHS = [
  ...["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  ...["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
];
const DAY = /^[0-9۰-۹]{1,2}$/;
const YEAR = /^[0-9۰-۹]{4}$/;

/**
 * Words cut in two at a line's end ("technolo|gy", «شاخص|های» at the ZWNJ,
 * "Decemb|er") and dates split across lines ("12 | December 2027"): the
 * last word of a line and the first of the next line of the same block
 * make one word of the document where the document never has them apart.
 */
export function brokenWords(pages: Page[], vocab: { words: Set<string>; pairs: Set<string> }): Problem[] {
  const out: Problem[] = [];
  for (const page of pages) {
    for (const [upper, lower] of followingLines(page)) {
      const a = bare(upper.words.at(-1)!.text);
      const b = bare(lower.words[0]!.text);
      if (!a || !b) continue;
      const joined = [a + b, `${a}\u200C${b}`].find((w) => vocab.words.has(fold(w)));
      if (joined && !vocab.pairs.has(fold(`${a} ${b}`))) out.push({ page: page.number, what: `"${joined}" broken as "${a}" | "${b}"` });
      else if ((MONTHS.includes(b) && DAY.test(a)) || (MONTHS.includes(a) && YEAR.test(b))) out.push({ page: page.number, what: `date split across lines: "${a}" | "${b}"` });
    }
  }
  return out;
}

/**
 * Pairs of lines where the second continues the first: directly below it
 * (no more than about half a line apart), in the same column, sharing its
 * left edge (left-to-right text), right edge (right-to-left) or centre.
 * pdftotext puts each line of a table cell in a block of its own, so lines
 * are paired by where they are, not by block.
 */
export function followingLines(page: Page): Array<[Line, Line]> {
  const lines = pageLines(page).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  const out: Array<[Line, Line]> = [];
  for (const a of lines) {
    const h = a.yMax - a.yMin;
    const aligned = (b: Line) =>
      (a.rtl ? Math.abs(a.xMax - b.xMax) < 3 : Math.abs(a.xMin - b.xMin) < 3) || Math.abs((a.xMin + a.xMax) / 2 - (b.xMin + b.xMax) / 2) < 3;
    const below = lines.filter((b) => b !== a && b.yMin > a.yMin + h * 0.5 && b.yMin - a.yMax < h * 0.7 && b.xMin < a.xMax && b.xMax > a.xMin && aligned(b));
    const next = below.sort((x, y) => x.yMin - y.yMin)[0];
    if (next) out.push([a, next]);
  }
  return out;
}

/**
 * Per page, the numbers drawn in a Persian-digit face (a font whose 0–9
 * glyphs are ۰–۹, decision 026): the text layer says "3", the reader sees ۳.
 * Read from pdftohtml's XML, which names each fragment's font.
 */
export function persianFaceNumbers(pdf: string): Map<number, string[]> {
  const xml = execFileSync("pdftohtml", ["-xml", "-i", "-stdout", pdf], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const fd = new Set([...xml.matchAll(/<fontspec id="(\d+)"[^>]*family="([^"]+)"/g)].filter((m) => /-FD\b/.test(m[2]!)).map((m) => m[1]!));
  const out = new Map<number, string[]>();
  for (const pm of xml.matchAll(/<page number="(\d+)"[\s\S]*?<\/page>/g)) {
    const numbers: string[] = [];
    for (const tm of pm[0].matchAll(/<text [^>]*font="(\d+)"[^>]*>([\s\S]*?)<\/text>/g)) {
      if (!fd.has(tm[1]!)) continue;
      numbers.push(...(tm[2]!.replace(/<[^>]+>/g, "").match(/[0-9]+/g) ?? []));
    }
    out.set(Number(pm[1]), numbers);
  }
  return out;
}

const PERSIAN_DIGIT = /[۰-۹]/;
const LATIN_DIGIT = /[0-9]/;
const toInt = (s: string) => Number(s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)));

/** The lines in the page's bottom margin (the footer), top-down. */
function footerLines(page: Page, marginPt: number): Line[] {
  return pageLines(page).filter((l) => l.yMin > page.height - marginPt);
}

/**
 * "Page X of Y" on every page after the title page, X and Y in the
 * document's digits and right (X the page's number, Y the page count).
 */
export function pageNumberProblems(pages: Page[], lang: "fa" | "en", persianFace: Map<number, string[]> = new Map(), marginPt = 56): Problem[] {
  const out: Problem[] = [];
  for (const page of pages.slice(1)) {
    const numbers = footerLines(page, marginPt)
      .flatMap((l) => l.words)
      .map((w) => bare(w.text))
      .filter((w) => /^[0-9۰-۹]+$/.test(w));
    if (numbers.length < 2) {
      out.push({ page: page.number, what: `no "page X of Y" in the footer (found: ${footerLines(page, marginPt).map(lineText).join(" / ") || "nothing"})` });
      continue;
    }
    const face = [...(persianFace.get(page.number) ?? [])];
    const drawnPersian = (n: string) => {
      const i = face.indexOf(n);
      return i >= 0 && face.splice(i, 1).length === 1;
    };
    const wrongDigits = numbers.filter((n) => (lang === "fa" ? LATIN_DIGIT.test(n) && !drawnPersian(n) : PERSIAN_DIGIT.test(n)));
    if (wrongDigits.length) out.push({ page: page.number, what: `footer page numbers in the wrong digits: ${wrongDigits.join(", ")}` });
    const values = numbers.map(toInt);
    if (!values.includes(page.number) || !values.includes(pages.length)) out.push({ page: page.number, what: `footer says ${numbers.join(" / ")} on page ${page.number} of ${pages.length}` });
  }
  return out;
}

export type ContentsEntry = { text: string; words: string[]; page: string };

/** The contents list's entries: heading text and the page number at the entry's far end. */
export function contentsEntries(pages: Page[], contentsTitle: string): { entries: ContentsEntry[]; pages: number[] } {
  const start = pages.findIndex((p) => pageLines(p).some((l) => lineText(l).trim() === contentsTitle));
  if (start < 0) return { entries: [], pages: [] };
  const entries: ContentsEntry[] = [];
  const used: number[] = [];
  for (let i = start; i < pages.length; i++) {
    const page = pages[i]!;
    const lines = pageLines(page)
      .filter((l) => lineText(l).trim() !== contentsTitle && l.yMin > 56 && l.yMax < page.height - 56)
      .sort((a, b) => a.yMin - b.yMin);
    // A leader of dots may be a word of its own or glued to the entry's last word and its number.
    const split = lines.map((l) => ({
      leader: l.words.some((w) => /[.…·]{3,}/.test(w.text)),
      words: l.words.flatMap((w) => w.text.split(/[.…·]{3,}/)).filter((w) => w && !/^[.…·]+$/.test(w)),
    }));
    const numbered = split.filter((l) => l.leader && /^[0-9۰-۹]+$/.test(l.words.at(-1) ?? ""));
    // Contents pages are pages of entries led by dots to a page number (an entry may wrap onto a second line).
    if (numbered.length < Math.max(1, split.length / 2)) break;
    let pending: string[] = [];
    for (const { leader, words } of split) {
      const last = words.at(-1);
      // A line without a leader is part of an entry: its heading number set apart, or a title that wraps.
      if (leader && last && /^[0-9۰-۹]+$/.test(last)) {
        const text = [...pending, ...words.slice(0, -1)];
        entries.push({ text: text.join(" "), words: text.map(bare).filter(Boolean), page: last });
        pending = [];
      } else pending.push(...words);
    }
    used.push(page.number);
  }
  return { entries, pages: used };
}

/** Every contents entry in the document's digits, naming a page on which that heading's words all are. */
export function contentsProblems(pages: Page[], lang: "fa" | "en", contentsTitle: string, persianFace: Map<number, string[]> = new Map()): Problem[] {
  const { entries, pages: own } = contentsEntries(pages, contentsTitle);
  const out: Problem[] = [];
  if (!entries.length) return [{ page: 0, what: `no contents entries with page numbers found under "${contentsTitle}"` }];
  for (const e of entries) {
    if (lang === "fa" ? LATIN_DIGIT.test(e.page) && !own.some((p) => persianFace.get(p)?.includes(e.page)) : PERSIAN_DIGIT.test(e.page)) out.push({ page: own[0]!, what: `contents entry "${e.text}" numbered in the wrong digits: ${e.page}` });
    const n = toInt(e.page);
    const target = pages[n - 1];
    const there = new Set(target ? pageLines(target).flatMap((l) => l.words.map((w) => bare(w.text))) : []);
    const missing = e.words.filter((w) => !there.has(w) && !/^[0-9۰-۹.]+$/.test(w));
    if (!target || missing.length) {
      const actual = pages.findIndex((p, i) => i + 1 > Math.max(...own) && e.words.every((w) => /^[0-9۰-۹.]+$/.test(w) || pageLines(p).some((l) => l.words.some((x) => bare(x.text) === w))));
      out.push({ page: own[0]!, what: `contents entry "${e.text}" says page ${e.page}, the heading is on page ${actual >= 0 ? actual + 1 : "?"}` });
    }
  }
  return out;
}

/** Lines that say an item was not answered or a register is empty. */
export function notAnsweredLines(pages: Page[], phrases: string[]): Problem[] {
  const out: Problem[] = [];
  const wanted = phrases.map((p) => p.split(/\s+/).map(bare).filter(Boolean).join(" "));
  for (const page of pages)
    for (const line of pageLines(page)) {
      const text = line.words.map((w) => bare(w.text)).filter(Boolean).join(" ");
      const hit = wanted.find((p) => text.includes(p));
      if (hit) out.push({ page: page.number, what: `"${lineText(line)}"` });
    }
  return out;
}

/**
 * Pages whose text ends in the top third of the text area while the next
 * page does not begin a chapter (a Heading 1): a reader sees a page left
 * mostly blank in the middle of a section. Front matter (title, contents,
 * document control: the pages before the first chapter) and the last page
 * are exempt.
 */
export function emptyPages(pages: Page[], chapterTitles: string[], marginPt = 56): Problem[] {
  const out: Problem[] = [];
  const chapters = chapterTitles.map((t) => t.split(/\s+/).map(bare).filter(Boolean));
  const startsChapter = (p: Page) => {
    const body = pageLines(p)
      .filter((l) => l.yMin > marginPt && l.yMin < p.height - marginPt)
      .sort((a, b) => a.yMin - b.yMin);
    const first = body.slice(0, 3).flatMap((l) => l.words.map((w) => bare(w.text)));
    return chapters.some((c) => c.length > 0 && c.every((w) => first.includes(w)));
  };
  const firstChapter = pages.findIndex((p, i) => i > 0 && startsChapter(p));
  for (let i = Math.max(firstChapter, 1); i < pages.length - 1; i++) {
    const page = pages[i]!;
    const body = pageLines(page).filter((l) => l.yMin > marginPt && l.yMax < page.height - marginPt);
    const bottom = Math.max(marginPt, ...body.map((l) => l.yMax));
    const full = (bottom - marginPt) / (page.height - 2 * marginPt);
    if (full < 1 / 3 && !startsChapter(pages[i + 1]!)) out.push({ page: page.number, what: `only ${Math.round(full * 100)}% of the page is used and the next page does not begin a chapter` });
    // A caption torn from its table or figure onto a page of its own, in the middle of a chapter.
    // (Before a chapter's start it is allowed like any short last page — a known gap: keeping a
    // table's last row with its caption moves the contents' page numbers in LibreOffice.)
    else if (body.length > 0 && body.every((l) => CAPTION.test(lineText(l))) && !startsChapter(pages[i + 1]!)) out.push({ page: page.number, what: `the page holds only a caption: "${lineText(body[0]!)}"` });
  }
  return out;
}

const CAPTION = /^(Table|Figure) [0-9]+:|^(جدول|شکل) [0-9۰-۹]+:/;

/** The texts of Heading 1 paragraphs in a Word file (the chapters). */
export function chapterTitles(docx: Uint8Array): string[] {
  const xml = xmlParts(docx).get("word/document.xml") ?? "";
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => m[0])
    .filter((p) => /<w:pStyle w:val="Heading1"\/>/.test(p))
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(""));
}

/**
 * Runs of Persian text set in italics, directly or through their paragraph
 * or character style (Vazirmatn has no italic: Word and LibreOffice slant it).
 */
export function italicPersian(docx: Uint8Array): string[] {
  const parts = xmlParts(docx);
  const styles = parts.get("word/styles.xml") ?? "";
  const italicStyles = new Set<string>();
  // Complex-script text (Persian) takes its slant from w:iCs, not w:i.
  const flag = (props: string) => /<w:iCs(?:\s+w:val="(?:true|1|on)")?\s*\/>/.test(props);
  for (const m of styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const rpr = m[2]!.match(/<w:rPr>([\s\S]*?)<\/w:rPr>/)?.[1] ?? "";
    if (flag(rpr)) italicStyles.add(m[1]!);
  }
  const out: string[] = [];
  for (const [name, xml] of parts) {
    if (!/^word\/(document|header\d*|footer\d*)\.xml$/.test(name)) continue;
    for (const pm of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
      const pStyle = pm[0].match(/<w:pStyle w:val="([^"]+)"\/>/)?.[1];
      for (const rm of pm[0].matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r [^>]*>([\s\S]*?)<\/w:r>/g)) {
        const run = rm[1] ?? rm[2] ?? "";
        const text = [...run.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join("");
        if (!RTL_LETTER.test(text)) continue;
        const rpr = run.match(/<w:rPr>([\s\S]*?)<\/w:rPr>/)?.[1] ?? "";
        const rStyle = rpr.match(/<w:rStyle w:val="([^"]+)"\/>/)?.[1];
        const off = /<w:iCs w:val="(?:false|0|off)"\/>/.test(rpr);
        if (!off && (flag(rpr) || (pStyle && italicStyles.has(pStyle)) || (rStyle && italicStyles.has(rStyle)))) out.push(text.slice(0, 60));
      }
    }
  }
  return out;
}

export const describeProblems = (ps: Problem[]) => ps.map((p) => `p.${p.page}: ${p.what}`).join("\n");
