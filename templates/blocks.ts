/**
 * Reusable pieces of a deliverable: paragraphs that respect writing
 * direction, headings, answer sections, register tables, checklists, the
 * sign-off block and diagram figures. Each returns docx objects; nothing here
 * reads a database or a file.
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from "docx";
import { displayCell, answerText, type RefOptions } from "#app/views/display.ts";
import { loc } from "#app/i18n.ts";
import { formatNumber } from "#app/views/format.ts";
import type { ChecklistItem, DiagramItem, Item, Pack, QuestionItem, RegisterColumn, RegisterItem } from "#methodology/schema.ts";
import type { ChecklistValue } from "#methodology/values.ts";
import { findItem } from "#methodology/load.ts";
import type { Branding, DeliverableInput, DocLang, Figure, SignOffState } from "./model.ts";
import { STRINGS, type Strings } from "./strings.ts";
import { COLOURS, LANDSCAPE_PICTURE_HEIGHT_PX, LANDSCAPE_TEXT_WIDTH_PX, PICTURE_SPACING, TEXT_WIDTH_PX, TEXT_WIDTH_TWIPS, exact } from "./styles.ts";
import { svgForWord } from "./svg-for-word.ts";
import { cleanText, date, dateTime, dominantDirection, isUserText, splitByDirection, user, type DocText, type Sentence } from "./text.ts";

/** What every block needs to know; counters number figures and tables. */
export type Ctx = {
  lang: DocLang;
  rtl: boolean;
  s: Strings;
  brand: Branding;
  pack: Pack;
  data: DeliverableInput["data"];
  refOptions: RefOptions;
  counters: { figure: number; table: number; rows: number };
};

export function createCtx(input: DeliverableInput): Ctx {
  return {
    lang: input.lang,
    rtl: input.lang === "fa",
    s: STRINGS[input.lang],
    brand: input.branding,
    pack: input.pack,
    data: input.data,
    refOptions: refOptions(input),
    counters: { figure: 0, table: 0, rows: 0 },
  };
}

/** Labels of the rows that ref columns point at: the first column's text, or "#n". */
function refOptions(input: DeliverableInput): RefOptions {
  const out: RefOptions = {};
  for (const [itemId, rows] of input.data.rows) {
    const reg = findItem(input.pack, itemId);
    if (reg?.kind !== "register") continue;
    const first = reg.columns[0]?.id;
    out[itemId] = rows.map((r, i) => ({ id: r.id, label: (first && r.cells[first] != null ? cleanText(r.cells[first]) : "") || `#${i + 1}` }));
  }
  return out;
}

type RunStyle = { bold?: boolean; italics?: boolean; color?: string; size?: number };

/**
 * Whether a paragraph (or cell) of this text is right to left (decision 025).
 * Gambegam's own words and its sentences take the document's direction; the
 * user's words alone take that of their dominant script (a Persian answer
 * that opens with "CRM" stays right to left; an English one in a Persian
 * document is left to right). A cell's plain string is a value (the user's,
 * or a label in the document's language, which is dominant there anyway).
 */
function rtlFor(ctx: Ctx, text: DocText, plain: "document" | "dominant" = "document"): boolean {
  if (typeof text === "string") return plain === "document" ? ctx.rtl : dominantRtl(ctx, text);
  if (isUserText(text)) return dominantRtl(ctx, text.user);
  return ctx.rtl;
}

function dominantRtl(ctx: Ctx, text: string): boolean {
  return dominantDirection(cleanText(text), ctx.rtl ? "rtl" : "ltr") === "rtl";
}

/** A run of text in one direction, in a style. */
function styledRun(text: string, rtl: boolean, style: RunStyle, lineBreak = false): TextRun {
  return new TextRun({
    text,
    rightToLeft: rtl || undefined,
    bold: style.bold,
    boldComplexScript: style.bold,
    italics: style.italics,
    italicsComplexScript: style.italics,
    color: style.color,
    size: style.size,
    sizeComplexScript: style.size,
    break: lineBreak ? 1 : undefined,
  });
}

const EMBED_RTL = "\u202B";
const EMBED_LTR = "\u202A";
const POP = "\u202C";
const RLM = "\u200F";
const LRM = "\u200E";

/**
 * The user's words set inside a line of the document's own words, as a unit
 * in their own direction. In an English sentence, "ویزیتورهای فروش: large
 * change…" split into runs by direction alone would let the punctuation
 * around the name join the wrong side, and "پیاده‌سازی CRM مهرگان" would read
 * "مهرگان CRM پیاده‌سازی". When the words' dominant direction is not the
 * line's, they go in as one run wrapped in an explicit embedding (RLE/LRE …
 * PDF: Word has honoured embeddings far longer than isolates, and LibreOffice
 * draws both alike; cleanText has already removed any control the user
 * typed). Words in the line's direction are plain runs like the line's own.
 */
function userRuns(text: string, lineRtl: boolean, style: RunStyle): TextRun[] {
  const clean = cleanText(text).replace(/\n/g, " ");
  const rtl = dominantDirection(clean, lineRtl ? "rtl" : "ltr") === "rtl";
  // Words in the line's own direction need no embedding (LibreOffice draws a gap where a
  // right-to-left embedding inside a right-to-left line holds a Latin word: decision 025).
  if (rtl === lineRtl) return lineRuns(clean, lineRtl, style);
  // The line's own direction marked again after the unit: without it, digits that follow an
  // embedding take the embedding's direction (Unicode bidi rule W7), and in «Call centre، ۲۹ تیر»
  // the day jumps to the far end of the line. A mark is what an isolate does, in the form Word reads.
  return [styledRun(`${rtl ? EMBED_RTL : EMBED_LTR}${clean}${POP}`, rtl, style), styledRun(lineRtl ? RLM : LRM, lineRtl, style)];
}

/** One line (no breaks) split into runs by direction. */
function lineRuns(line: string, lineRtl: boolean, style: RunStyle, lineBreak = false): TextRun[] {
  const parts = splitByDirection(line, lineRtl);
  if (parts.length === 0) parts.push({ text: "", rtl: lineRtl });
  return parts.map((part, j) => styledRun(part.text, part.rtl, style, lineBreak && j === 0));
}

/** A piece of typed text (a project's name) inside a line of the document's own words. */
export function unitRuns(ctx: Ctx, text: string, style: RunStyle = {}): TextRun[] {
  return userRuns(text, ctx.rtl, style);
}

/** Runs for a text, a user's text or a sentence, with "\n" as line breaks. */
export function runs(ctx: Ctx, text: DocText, style: RunStyle = {}, paragraphRtl = ctx.rtl): TextRun[] {
  if (typeof text !== "string" && !isUserText(text)) return text.flatMap((part) => (typeof part === "string" ? runs(ctx, part, style, paragraphRtl) : userRuns(part.user, paragraphRtl, style)));
  const out: TextRun[] = [];
  cleanText(typeof text === "string" ? text : text.user)
    .split("\n")
    .forEach((line, i) => out.push(...lineRuns(line, paragraphRtl, style, i > 0)));
  return out;
}

export function para(ctx: Ctx, text: DocText, opts: { style?: string; bold?: boolean; align?: "center"; keepNext?: boolean; color?: string; size?: number } = {}): Paragraph {
  const rtl = rtlFor(ctx, text);
  return new Paragraph({
    style: opts.style,
    bidirectional: rtl,
    alignment: opts.align === "center" ? AlignmentType.CENTER : undefined,
    keepNext: opts.keepNext,
    spacing: opts.size ? exact(opts.size) : undefined,
    children: runs(ctx, text, { bold: opts.bold, color: opts.color, size: opts.size }, rtl),
  });
}

/** A paragraph of the user's words alone (an answer): the direction of its dominant script. */
export function userPara(ctx: Ctx, text: string): Paragraph {
  return para(ctx, user(text));
}

export function heading(ctx: Ctx, text: string, level: 1 | 2 | 3 = 1, opts: { newPage?: boolean } = {}): Paragraph {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: headingLevel, bidirectional: ctx.rtl, pageBreakBefore: opts.newPage, children: runs(ctx, text) });
}

export function note(ctx: Ctx, text: DocText): Paragraph {
  return para(ctx, text, { style: "Note" });
}

export function muted(ctx: Ctx, text: DocText): Paragraph {
  return para(ctx, text, { style: "Muted" });
}

// --- tables -------------------------------------------------------------------

const thin = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.border };
const tableBorders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function cell(ctx: Ctx, text: DocText, widthTwips: number, opts: { header?: boolean; fill?: string; bold?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    shading: opts.header ? { type: ShadingType.CLEAR, fill: ctx.brand.primaryColor, color: "auto" } : opts.fill ? { type: ShadingType.CLEAR, fill: opts.fill, color: "auto" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [cellParagraph(ctx, text, { bold: opts.header || opts.bold, color: opts.header ? "FFFFFF" : undefined })],
  });
}

function cellParagraph(ctx: Ctx, text: DocText, style: RunStyle): Paragraph {
  const rtl = rtlFor(ctx, text, "dominant");
  return new Paragraph({ style: "TableText", bidirectional: rtl, children: runs(ctx, text, style, rtl) });
}

/** Column widths in twips from relative weights, filling the text width. */
export function widthsFrom(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH_TWIPS));
  widths[widths.length - 1]! += TEXT_WIDTH_TWIPS - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A table across the text width with fixed columns; right-to-left documents mirror it. */
function fullWidthTable(ctx: Ctx, widths: number[], rows: TableRow[]): Table {
  // Rows are what the page-number layout pays for (see PAGE_NUMBER_ROW_LIMIT).
  ctx.counters.rows += rows.length;
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    visuallyRightToLeft: ctx.rtl,
    borders: tableBorders,
    rows,
  });
}

/** A table with a repeated header row and banded rows. */
export function table(ctx: Ctx, columns: Array<{ label: string; weight?: number }>, rows: DocText[][], opts: { boldFirstColumn?: boolean } = {}): Table {
  const widths = widthsFrom(columns.map((c) => c.weight ?? 1));
  return fullWidthTable(ctx, widths, [
    new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(ctx, c.label, widths[i]!, { header: true })) }),
    ...rows.map(
      (row, r) =>
        new TableRow({
          children: columns.map((_, i) => cell(ctx, row[i] ?? "", widths[i]!, { fill: r % 2 === 1 ? COLOURS.zebra : undefined, bold: opts.boldFirstColumn && i === 0 })),
        }),
    ),
  ]);
}

/** Label/value pairs as a two-column table without a header. */
export function factsTable(ctx: Ctx, facts: Array<[string, DocText]>): Table {
  const widths = widthsFrom([1, 2.4]);
  return fullWidthTable(
    ctx,
    widths,
    facts.map(([label, value]) => new TableRow({ cantSplit: true, children: [cell(ctx, label, widths[0]!, { fill: COLOURS.zebra, bold: true }), cell(ctx, value, widths[1]!)] })),
  );
}

function caption(ctx: Ctx, text: string): Paragraph {
  return para(ctx, text, { style: "Caption" });
}

/** How wide a register column should be, relative to the others. */
function columnWeight(col: RegisterColumn): number {
  if (col.type === "long-text") return 2.4;
  if (col.type === "text") return col.maxLength > 200 ? 1.8 : 1.2;
  if (col.type === "ref") return 1.3;
  return 0.9;
}

// --- methodology items ------------------------------------------------------------

function itemOf<K extends Item["kind"]>(ctx: Ctx, id: string, kind: K): Extract<Item, { kind: K }> | null {
  const it = findItem(ctx.pack, id);
  return it && it.kind === kind ? (it as Extract<Item, { kind: K }>) : null;
}

/** A source document's title in the document's language (its file name if the pack does not list it). */
export function sourceTitle(ctx: Ctx, file: string): string {
  return loc(ctx.pack.sources.find((s) => s.file === file)?.title, ctx.lang) || file;
}

export function hasItem(ctx: Ctx, id: string): boolean {
  return Boolean(findItem(ctx.pack, id));
}

export function questionText(ctx: Ctx, id: string): string {
  const it = itemOf(ctx, id, "question");
  return it ? docAnswer(ctx, it, ctx.data.answers.get(id)?.value) : "";
}

/** A question's answer as the document prints it: dates by the document's one rule (`date`). */
function docAnswer(ctx: Ctx, it: QuestionItem, value: unknown): string {
  return it.answer.type === "date" && typeof value === "string" && value ? date(value, ctx.lang) : answerText(it, value, ctx.lang);
}

/** A register cell as the document prints it: dates by the document's one rule (`date`). */
function docCell(ctx: Ctx, col: RegisterColumn, value: unknown): string {
  return col.type === "date" && typeof value === "string" && value ? date(value, ctx.lang) : displayCell(col, value, ctx.lang, ctx.refOptions);
}

export function rowsOf(ctx: Ctx, id: string) {
  return ctx.data.rows.get(id) ?? [];
}

/** A question with its answer beneath it (or "not answered yet"). */
export function answerSection(ctx: Ctx, id: string, opts: { level?: 2 | 3 } = {}): FileChild[] {
  const it = itemOf(ctx, id, "question") as QuestionItem | null;
  if (!it) return [];
  const answer = docAnswer(ctx, it, ctx.data.answers.get(id)?.value);
  return [heading(ctx, loc(it.title, ctx.lang), opts.level ?? 3), answer ? userPara(ctx, answer) : muted(ctx, ctx.s.notAnswered)];
}

/** Several questions as one label/answer table (for short answers such as dates). */
export function answerFacts(ctx: Ctx, ids: string[]): FileChild[] {
  const facts: Array<[string, string]> = [];
  for (const id of ids) {
    const it = itemOf(ctx, id, "question");
    if (it) facts.push([loc(it.title, ctx.lang), docAnswer(ctx, it, ctx.data.answers.get(id)?.value) || "—"]);
  }
  return facts.length ? [factsTable(ctx, facts), para(ctx, "")] : [];
}

/** A register's rows as a numbered table with a caption, or "nothing recorded". */
export function registerTable(ctx: Ctx, id: string, opts: { columns?: string[]; title?: string; heading?: 1 | 2 | 3 | false; totals?: string[] } = {}): FileChild[] {
  const reg = itemOf(ctx, id, "register") as RegisterItem | null;
  if (!reg) return [];
  const title = opts.title ?? loc(reg.title, ctx.lang);
  const cols = opts.columns ? opts.columns.map((c) => reg.columns.find((x) => x.id === c)).filter((c): c is RegisterColumn => Boolean(c)) : reg.columns;
  const rows = rowsOf(ctx, id);
  const out: FileChild[] = [];
  if (opts.heading !== false) out.push(heading(ctx, title, opts.heading ?? 3));
  if (rows.length === 0) {
    out.push(muted(ctx, ctx.s.noneRecorded));
    return out;
  }
  const body = rows.map((r) => cols.map((c) => docCell(ctx, c, r.cells[c.id])));
  if (opts.totals?.length) {
    body.push(
      cols.map((c, i) => {
        if (i === 0) return ctx.s.total;
        if (!opts.totals!.includes(c.id)) return "";
        const sum = rows.reduce((a, r) => a + (typeof r.cells[c.id] === "number" ? (r.cells[c.id] as number) : 0), 0);
        return displayCell(c, sum, ctx.lang, ctx.refOptions);
      }),
    );
  }
  const columns = [{ label: "#", weight: 0.35 }, ...cols.map((c) => ({ label: loc(c.label, ctx.lang), weight: columnWeight(c) }))];
  const numbered = body.map((row, i) => [i < rows.length ? formatNumber(i + 1, ctx.lang) : "", ...row]);
  out.push(table(ctx, columns, numbered));
  ctx.counters.table++;
  out.push(caption(ctx, ctx.s.table(ctx.counters.table, title)));
  return out;
}

/** A table of figures worked out by Gambegam, numbered and captioned like a register. */
export function captionedTable(ctx: Ctx, title: string, t: { columns: string[]; rows: string[][] }, opts: { weights?: number[] } = {}): FileChild[] {
  if (!t.rows.length) return [muted(ctx, ctx.s.noneRecorded)];
  ctx.counters.table++;
  return [table(ctx, t.columns.map((label, i) => ({ label, weight: opts.weights?.[i] ?? 1 })), t.rows, { boldFirstColumn: true }), caption(ctx, ctx.s.table(ctx.counters.table, title))];
}

/** Checklist items with their status, owner, due date and evidence. */
export function checklistTable(ctx: Ctx, ids: string[]): FileChild[] {
  const items = ids.map((id) => itemOf(ctx, id, "checklist")).filter((x): x is ChecklistItem => Boolean(x));
  if (!items.length) return [];
  const rows = items.map((it) => {
    const v = ctx.data.answers.get(it.id)?.value as ChecklistValue | undefined;
    return [
      loc(it.title, ctx.lang),
      ctx.s.checklistStatus[v?.status ?? "todo"],
      v?.owner ?? "",
      v?.dueDate ? date(v.dueDate, ctx.lang) : "",
      v?.evidence ?? "",
    ];
  });
  const s = ctx.s.checklist;
  return [table(ctx, [{ label: s.task, weight: 2.4 }, { label: s.status, weight: 0.9 }, { label: s.owner, weight: 1 }, { label: s.due, weight: 0.9 }, { label: s.evidence, weight: 1.8 }], rows), para(ctx, "")];
}

export function checklistStatus(ctx: Ctx, id: string): ChecklistValue["status"] | null {
  if (!itemOf(ctx, id, "checklist")) return null;
  return (ctx.data.answers.get(id)?.value as ChecklistValue | undefined)?.status ?? "todo";
}

export function checklistTitle(ctx: Ctx, id: string): string {
  const it = itemOf(ctx, id, "checklist");
  return it ? loc(it.title, ctx.lang) : id;
}

export function diagramItem(ctx: Ctx, id: string): DiagramItem | null {
  return itemOf(ctx, id, "diagram") as DiagramItem | null;
}

// --- figures --------------------------------------------------------------------

/**
 * Where the page turns: the document frame starts a landscape section at a
 * `landscape` marker and goes back to portrait at a `portrait` one.
 */
export class OrientationMarker extends Paragraph {
  constructor(readonly orientation: "landscape" | "portrait") {
    super({});
  }
}

/** Wide, low diagrams (long process maps, Gantt charts) are legible only across a landscape page. */
function wantsLandscape(width: number, height: number): boolean {
  return width > TEXT_WIDTH_PX * 1.15 && width / height > 1.6;
}

/** A diagram as a picture (SVG with a PNG fallback), or as a table with a visible note. */
export function figure(ctx: Ctx, fig: Figure): FileChild[] {
  ctx.counters.figure++;
  const label = ctx.s.figure(ctx.counters.figure, fig.title);
  if (fig.image.kind === "image") {
    const landscape = wantsLandscape(fig.image.width, fig.image.height);
    const maxWidth = landscape ? LANDSCAPE_TEXT_WIDTH_PX : TEXT_WIDTH_PX;
    const maxHeight = landscape ? LANDSCAPE_PICTURE_HEIGHT_PX : 820;
    const scale = Math.min(1, maxWidth / fig.image.width, maxHeight / fig.image.height);
    const size = { width: Math.max(1, Math.round(fig.image.width * scale)), height: Math.max(1, Math.round(fig.image.height * scale)) };
    // Only what draws goes in: nothing the reader's Word could fetch, follow or run. An SVG that
    // cannot be read goes in as its PNG alone.
    const svg = fig.image.svg ? svgForWord(fig.image.svg) : null;
    const picture = [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: PICTURE_SPACING,
        children: [
          svg
            ? new ImageRun({ type: "svg", data: svg, transformation: size, fallback: { type: "png", data: fig.image.png }, altText: { name: fig.title, description: fig.title, title: fig.title } })
            : new ImageRun({ type: "png", data: fig.image.png, transformation: size, altText: { name: fig.title, description: fig.title, title: fig.title } }),
        ],
      }),
      caption(ctx, label),
    ];
    return landscape ? [new OrientationMarker("landscape"), ...picture, new OrientationMarker("portrait")] : picture;
  }
  const out: FileChild[] = [note(ctx, ctx.s.diagramFallback[fig.image.reason])];
  if (fig.fallback.rows.length) out.push(table(ctx, fig.fallback.columns.map((c) => ({ label: c })), fig.fallback.rows));
  else out.push(muted(ctx, ctx.s.noneRecorded));
  out.push(caption(ctx, label));
  return out;
}

// --- sign-off -------------------------------------------------------------------------

/** What the signature covers: the gate's real state and the content fingerprints. */
export function signOffBlock(ctx: Ctx, state: SignOffState | null): FileChild[] {
  const s = ctx.s.signOff;
  if (!state) return [];
  const facts: Array<[string, DocText]> = [
    [s.phase, state.phaseTitle],
    [s.state, s.states[state.status]],
  ];
  if (state.lastApproval) {
    facts.push([s.signedBy, state.lastApproval.by], [s.signedAt, dateTime(state.lastApproval.at, ctx.lang)], [s.signedFingerprint, state.lastApproval.fingerprint]);
    if (state.lastApproval.comment) facts.push([s.comment, state.lastApproval.comment]);
  }
  // Who and when: the person's name as they wrote it, inside the document's own line.
  const byAt = (by: string, at: string): Sentence => [user(by), " — ", dateTime(at, ctx.lang)];
  if (state.status === "awaiting" && state.request) facts.push([s.requestedBy, byAt(state.request.by, state.request.at)]);
  if (state.rejection) facts.push([s.returned, byAt(state.rejection.by, state.rejection.at)], [s.comment, state.rejection.comment]);
  const imported = state.importedApproval;
  if (imported) {
    facts.push(
      [s.importedApproval, byAt(imported.by, imported.at)],
      [s.importedStatus, s.importedNotVerified(imported.source)],
      [s.importedFingerprint, imported.fingerprint],
    );
  }
  facts.push([s.currentFingerprint, state.currentFingerprint]);
  const verdict = state.status === "signed" && !state.changedSinceSignoff ? s.matches : state.lastApproval ? s.differs : imported ? s.importedOnly : s.draft;
  // On a page of its own, so what was signed and by whom is read in one place.
  return [heading(ctx, s.heading, 1, { newPage: true }), para(ctx, verdict, { bold: true, keepNext: true }), factsTable(ctx, facts), para(ctx, ""), muted(ctx, s.howToCheck)];
}

export function isSigned(state: SignOffState | null): boolean {
  return Boolean(state && state.status === "signed" && !state.changedSinceSignoff);
}
