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
  HeightRule,
  ImageRun,
  Paragraph,
  ShadingType,
  SimpleField,
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
import { COLOURS, LANDSCAPE_PICTURE_HEIGHT_PX, LANDSCAPE_TEXT_WIDTH_PX, PICTURE_SPACING, TEXT_WIDTH_PX, TEXT_WIDTH_TWIPS, lineHeight } from "./styles.ts";
import { svgForWord } from "./svg-for-word.ts";
import { cleanText, date, dateTime, dominantDirection, isUserText, sentenceText, splitByDirection, user, type DocText, type Sentence } from "./text.ts";
import { documentMeasurer } from "./measure.ts";
import { FACTS_VALUE_MAX_MIN_TWIPS, columnNeed, factsWidths, glueUnbreakables, isRecordRegister, planTable, type ColumnNeed } from "./layout.ts";
import { workshopSessions } from "./deliverables/sections/workshops.ts";

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
  /** A draft for the team: unanswered items stay in place, marked as open (decision 023). */
  draft: boolean;
  /** Items the document would show but that have no answer yet, in document order (the "Open items" appendix). */
  open: OpenItem[];
  /** Every method item the document shows or lists as open (the pack test checks each has a heading). */
  shown: Set<string>;
};

/** An item left out of the body because it has no answer: its heading, where it lives and whether it is required. */
export type OpenItem = { id: string; heading: string; where: string; required: boolean };

/** The items each built document showed or listed as open, by its input (for the pack's heading check). */
const SHOWN = new WeakMap<DeliverableInput, Set<string>>();

/** The method items a document built from this input shows or lists as open (after it is built). */
export function itemsShownBy(input: DeliverableInput): ReadonlySet<string> {
  return SHOWN.get(input) ?? new Set();
}

export function createCtx(input: DeliverableInput): Ctx {
  const shown = new Set<string>();
  SHOWN.set(input, shown);
  return {
    lang: input.lang,
    rtl: input.lang === "fa",
    s: STRINGS[input.lang],
    brand: input.branding,
    pack: input.pack,
    data: input.data,
    refOptions: refOptions(input),
    counters: { figure: 0, table: 0, rows: 0 },
    draft: input.draft === true,
    open: [],
    shown,
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

/** No italics: Vazirmatn has no italic face, and Persian slanted artificially is not Persian type (decision 026). */
type RunStyle = { bold?: boolean; color?: string; size?: number };

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
    spacing: opts.size ? lineHeight(opts.size) : undefined,
    children: runs(ctx, text, { bold: opts.bold, color: opts.color, size: opts.size }, rtl),
  });
}

/** A paragraph of the user's words alone (an answer): the direction of its dominant script. */
export function userPara(ctx: Ctx, text: string): Paragraph {
  return para(ctx, user(text));
}

/**
 * A heading. Heading 1 and 2 are numbered ("2", "2.1") by the list linked to
 * their styles; `numbered: false` leaves one out of the count (the approval
 * page, appendices), still listed in the contents.
 */
export function heading(ctx: Ctx, text: string, level: 1 | 2 | 3 = 1, opts: { newPage?: boolean; numbered?: boolean; atPageTop?: boolean } = {}): Paragraph {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  const made = new Paragraph({
    heading: headingLevel,
    bidirectional: ctx.rtl,
    pageBreakBefore: opts.newPage,
    // Word leaves out the space before a paragraph at the top of a page (after a section break, all of it that the
    // paragraph before the break had after it); LibreOffice keeps it, so its page was laid out lower there than the
    // contents' page numbers were counted (decision 026). A heading known to start a page has none.
    ...(opts.newPage || opts.atPageTop ? { spacing: { before: 0 } } : {}),
    ...(opts.numbered === false && level !== 3 ? { numbering: false as const } : {}),
    children: runs(ctx, text),
  });
  madeHeadings.set(made, (top) => heading(ctx, text, level, { ...opts, ...top }));
  return made;
}

const madeHeadings = new WeakMap<FileChild, (top: { newPage?: boolean; atPageTop?: boolean }) => Paragraph>();

/** The same heading starting a new page (its space before left out), if `child` was made by `heading()`. */
export function headingOnNewPage(child: FileChild | undefined): Paragraph | null {
  return (child && madeHeadings.get(child)?.({ newPage: true })) ?? null;
}

/** The same heading without its space before, for the top of a page a section break starts, if `child` was made by `heading()`. */
export function headingAtPageTop(child: FileChild | undefined): Paragraph | null {
  return (child && madeHeadings.get(child)?.({ atPageTop: true })) ?? null;
}

/** An appendix's heading, unnumbered, lettered in words: "Appendix A — Open items" / «پیوست الف — موارد باز». */
export function appendixHeading(ctx: Ctx, index: number, text: string, opts: { newPage?: boolean } = {}): Paragraph {
  return heading(ctx, `${ctx.s.appendix(index)} — ${text}`, 1, { ...opts, numbered: false });
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

function cell(ctx: Ctx, text: DocText, widthTwips: number, opts: { header?: boolean; fill?: string; bold?: boolean; keepNext?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    shading: opts.header ? { type: ShadingType.CLEAR, fill: ctx.brand.primaryColor, color: "auto" } : opts.fill ? { type: ShadingType.CLEAR, fill: opts.fill, color: "auto" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [cellParagraph(ctx, text, { bold: opts.header || opts.bold, color: opts.header ? "FFFFFF" : undefined }, opts.keepNext)],
  });
}

function cellParagraph(ctx: Ctx, text: DocText, style: RunStyle, keepNext?: boolean): Paragraph {
  const rtl = rtlFor(ctx, text, "dominant");
  // An English name in a Persian table keeps its own direction but sits on the table's reading side, not
  // detached at the far edge of its cell.
  const alignment = ctx.rtl && !rtl ? AlignmentType.RIGHT : undefined;
  return new Paragraph({ style: "TableText", keepNext, bidirectional: rtl, alignment, children: runs(ctx, text, style, rtl) });
}

/** Column widths in twips from relative weights, filling the text width. */
export function widthsFrom(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH_TWIPS));
  widths[widths.length - 1]! += TEXT_WIDTH_TWIPS - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A table as wide as its columns (the text width of its page) with fixed columns; right-to-left documents mirror it. */
function fullWidthTable(ctx: Ctx, widths: number[], rows: TableRow[]): Table {
  // Rows are what the page-number layout pays for (see PAGE_NUMBER_ROW_LIMIT).
  ctx.counters.rows += rows.length;
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    visuallyRightToLeft: ctx.rtl,
    // A table narrower than its page (on a landscape page) starts on the reading side.
    alignment: ctx.rtl ? AlignmentType.RIGHT : undefined,
    borders: tableBorders,
    rows,
  });
}

/**
 * A table's columns; their widths come from the cells' text (decision 024).
 * `fixed` keeps a column at its content's width (the "#").
 */
export type TableColumn = { label: string; fixed?: boolean };

/** What each column needs, measured with the embedded font: header bold, body as set. */
function columnNeeds(ctx: Ctx, columns: TableColumn[], rows: DocText[][], opts: { boldFirstColumn?: boolean }): ColumnNeed[] {
  const m = documentMeasurer(ctx.brand.font);
  return columns.map((c, i) => {
    const body = columnNeed(m, rows.map((row) => ({ text: plainOf(row[i] ?? ""), bold: opts.boldFirstColumn && i === 0 })), { fixed: c.fixed });
    // A header wraps at its words: its longest word counts, its full length does not ("Change to performance metrics" over figures).
    const header = columnNeed(m, [{ text: c.label, bold: true }], { fixed: c.fixed });
    const min = Math.max(body.min, header.min);
    return { min, pref: Math.max(body.pref, min), fixed: c.fixed };
  });
}

/** A table of this many rows or fewer is not split across pages. */
const SHORT_TABLE_ROWS = 10;

function tableOf(ctx: Ctx, columns: TableColumn[], rows: DocText[][], widths: number[], opts: { boldFirstColumn?: boolean; keep?: boolean }): Table {
  return fullWidthTable(ctx, widths, [
    new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(ctx, c.label, widths[i]!, { header: true })) }),
    ...rows.map(
      (row, r) =>
        new TableRow({
          // A row is read whole: not split across pages (Word and LibreOffice also split rows at different lines).
          cantSplit: true,
          // Asked for (keep): a short table is kept whole on one page, with its caption.
          children: columns.map((_, i) =>
            cell(ctx, row[i] ?? "", widths[i]!, { fill: r % 2 === 1 ? COLOURS.zebra : undefined, bold: opts.boldFirstColumn && i === 0, keepNext: opts.keep && rows.length <= SHORT_TABLE_ROWS ? true : undefined }),
          ),
        }),
    ),
  ]);
}

/** The text of a cell, whoever wrote it. */
function plainOf(t: DocText): string {
  return typeof t === "string" ? t : isUserText(t) ? t.user : sentenceText(t);
}

/** Dates, numbers with their unit and scores kept on one line (no-break spaces), in whoever's words they are. */
function glue(t: DocText): DocText {
  if (typeof t === "string") return glueUnbreakables(cleanText(t));
  if (isUserText(t)) return user(glueUnbreakables(cleanText(t.user)));
  return t.map((part) => (typeof part === "string" ? glueUnbreakables(cleanText(part)) : user(glueUnbreakables(cleanText(part.user)))));
}

function glued(rows: DocText[][]): DocText[][] {
  return rows.map((row) => row.map(glue));
}

/**
 * A table with a repeated header row and banded rows, its columns as wide as
 * their content asks, across the portrait text width. Where it cannot fit,
 * use `tableBlock`, which may turn the page.
 */
export function table(ctx: Ctx, columns: TableColumn[], rows: DocText[][], opts: { boldFirstColumn?: boolean } = {}): Table {
  const body = glued(rows);
  const plan = planTable(columnNeeds(ctx, columns, body, opts), { allowLandscape: false });
  const widths = plan.layout === "records" ? widthsFrom(columns.map(() => 1)) : scaleTo(plan.widths, TEXT_WIDTH_TWIPS);
  return tableOf(ctx, columns, body, widths, opts);
}

function scaleTo(widths: number[], total: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  if (sum === total) return widths;
  const out = widths.map((w) => Math.floor((w * total) / sum));
  out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

/**
 * A table with what follows it (its caption): on the portrait page when its
 * columns' minimums fit, otherwise on a landscape page of its own; "records"
 * when it fits neither and the caller can set it one record at a time.
 */
function tableBlock(ctx: Ctx, columns: TableColumn[], rows: DocText[][], after: FileChild[], opts: { boldFirstColumn?: boolean; allowRecords?: boolean; landscape?: boolean; keep?: boolean } = {}): FileChild[] | "records" {
  const body = glued(rows);
  const plan = planTable(columnNeeds(ctx, columns, body, opts), { allowRecords: opts.allowRecords, landscape: opts.landscape });
  if (plan.layout === "records") return "records";
  const t = tableOf(ctx, columns, body, plan.widths, opts);
  return plan.layout === "landscape" ? [new OrientationMarker("landscape"), t, ...after, new OrientationMarker("portrait")] : [t, ...after];
}

/** Label/value pairs as a two-column table without a header: the labels' column as wide as its longest label, up to 40%. */
export function factsTable(ctx: Ctx, facts: Array<[string, DocText]>): Table {
  const m = documentMeasurer(ctx.brand.font);
  const pairs = facts.map(([label, value]) => [cleanText(label), glue(value)] as const);
  const widths = factsWidths(
    columnNeed(m, pairs.map(([label]) => ({ text: label, bold: true }))),
    columnNeed(m, pairs.map(([, value]) => ({ text: plainOf(value) })), { maxMin: FACTS_VALUE_MAX_MIN_TWIPS }),
  );
  return fullWidthTable(
    ctx,
    widths,
    pairs.map(([label, value]) => new TableRow({ cantSplit: true, children: [cell(ctx, label, widths[0]!, { fill: COLOURS.zebra, bold: true }), cell(ctx, value, widths[1]!)] })),
  );
}

/**
 * One record of a wide register as a block: its first column as a bold line,
 * then a label/value table of the rest (empty values left out), kept with
 * the line and together on a page where it is short.
 */
function recordBlock(ctx: Ctx, n: number, title: string, facts: Array<[string, string]>): FileChild[] {
  // The document's direction, the record's name as one run in its own (a Persian name in an English document).
  const head = new Paragraph({
    bidirectional: ctx.rtl,
    keepNext: true,
    children: [...runs(ctx, `${formatNumber(n, ctx.lang)}. `, { bold: true }), ...unitRuns(ctx, title, { bold: true })],
  });
  const shown = facts.filter(([, v]) => v.trim() !== "");
  if (!shown.length) return [head];
  const m = documentMeasurer(ctx.brand.font);
  const pairs = shown.map(([label, value]) => [cleanText(label), glueUnbreakables(cleanText(value))] as const);
  const widths = factsWidths(
    columnNeed(m, pairs.map(([label]) => ({ text: label, bold: true }))),
    columnNeed(m, pairs.map(([, value]) => ({ text: value })), { maxMin: FACTS_VALUE_MAX_MIN_TWIPS }),
  );
  const short = pairs.reduce((a, [, v]) => a + v.length, 0) < 1200;
  const rows = pairs.map(
    ([label, value], i) =>
      new TableRow({
        cantSplit: true,
        children: [cell(ctx, label, widths[0]!, { fill: COLOURS.zebra, bold: true, keepNext: short && i < pairs.length - 1 }), cell(ctx, value, widths[1]!, { keepNext: short && i < pairs.length - 1 })],
      }),
  );
  return [head, fullWidthTable(ctx, widths, rows), para(ctx, "")];
}

/**
 * "Table 3: title" with the number a SEQ field (Word's caption numbering), its
 * result written now so it reads right before any update; Word renumbers it on
 * "Update field". In Persian the Caption style's Farsi-digit face draws the
 * number as ۳ in Word and LibreOffice alike.
 */
function caption(ctx: Ctx, kind: "table" | "figure", n: number, title: string): Paragraph {
  const label = ctx.s.caption[kind];
  return new Paragraph({
    style: "Caption",
    bidirectional: ctx.rtl,
    keepLines: true,
    children: [...runs(ctx, `${label} `), new SimpleField(`SEQ ${label} \\* ARABIC`, String(n)), ...runs(ctx, `${ctx.s.caption.separator}${title}`)],
  });
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

/** An item's document heading: the noun phrase the pack gives it, or its title for an item without one. */
export function itemHeading(ctx: Ctx, it: Item): string {
  return loc(it.heading ?? it.title, ctx.lang);
}

/** Where an item is recorded: "phase › step". */
function whereOf(ctx: Ctx, id: string): string {
  for (const phase of ctx.pack.phases) for (const step of phase.steps) if (step.items.some((i) => i.id === id)) return `${loc(phase.title, ctx.lang)} › ${loc(step.title, ctx.lang)}`;
  return "";
}

/** Notes an item without an answer for the "Open items" appendix (once, however often the document reads it). */
export function recordOpen(ctx: Ctx, it: Item, headingText = itemHeading(ctx, it)): void {
  ctx.shown.add(it.id);
  if (ctx.open.some((o) => o.id === it.id)) return;
  ctx.open.push({ id: it.id, heading: headingText, where: whereOf(ctx, it.id), required: "required" in it && it.required === true });
}

/** In a draft, what stands where an unanswered item's content will go: a shaded note. */
export function openNote(ctx: Ctx): Paragraph {
  return note(ctx, ctx.s.open.inPlace);
}

/** A question with its answer beneath it; without an answer, nothing (a draft marks it as open in place). */
export function answerSection(ctx: Ctx, id: string, opts: { level?: 1 | 2 | 3 } = {}): FileChild[] {
  const it = itemOf(ctx, id, "question") as QuestionItem | null;
  if (!it) return [];
  ctx.shown.add(id);
  const answer = docAnswer(ctx, it, ctx.data.answers.get(id)?.value);
  if (answer) return [heading(ctx, itemHeading(ctx, it), opts.level ?? 3), userPara(ctx, answer)];
  if (ctx.draft) return [heading(ctx, itemHeading(ctx, it), opts.level ?? 3), openNote(ctx)];
  recordOpen(ctx, it);
  return [];
}

/** Several questions as one label/answer table (for short answers such as dates); unanswered ones leave it. */
export function answerFacts(ctx: Ctx, ids: string[]): FileChild[] {
  const facts: Array<[string, string]> = [];
  for (const id of ids) {
    const it = itemOf(ctx, id, "question");
    if (!it) continue;
    ctx.shown.add(id);
    const answer = docAnswer(ctx, it as QuestionItem, ctx.data.answers.get(id)?.value);
    if (answer) facts.push([itemHeading(ctx, it), answer]);
    else if (ctx.draft) facts.push([itemHeading(ctx, it), ctx.s.open.mark]);
    else recordOpen(ctx, it);
  }
  return facts.length ? [factsTable(ctx, facts), para(ctx, "")] : [];
}

/** A register's rows as a numbered table with a caption; an empty register leaves the body (a draft marks it as open). */
export function registerTable(ctx: Ctx, id: string, opts: { columns?: string[]; title?: string; heading?: 1 | 2 | 3 | false; totals?: string[]; landscape?: boolean } = {}): FileChild[] {
  const reg = itemOf(ctx, id, "register") as RegisterItem | null;
  if (!reg) return [];
  ctx.shown.add(id);
  const title = opts.title ?? itemHeading(ctx, reg);
  const cols = opts.columns ? opts.columns.map((c) => reg.columns.find((x) => x.id === c)).filter((c): c is RegisterColumn => Boolean(c)) : reg.columns;
  const rows = rowsOf(ctx, id);
  const out: FileChild[] = [];
  if (rows.length === 0 && !ctx.draft) {
    recordOpen(ctx, reg);
    return out;
  }
  if (opts.heading !== false) out.push(heading(ctx, title, opts.heading ?? 3));
  if (rows.length === 0) {
    out.push(openNote(ctx));
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
  const columns: TableColumn[] = [{ label: "#", fixed: true }, ...cols.map((c) => ({ label: loc(c.label, ctx.lang) }))];
  const numbered = body.map((row, i) => [i < rows.length ? formatNumber(i + 1, ctx.lang) : "", ...row]);
  ctx.counters.table++;
  const captionPara = caption(ctx, "table", ctx.counters.table, title);
  const block = isRecordRegister(cols.map((c) => c.type)) ? "records" : tableBlock(ctx, columns, numbered, [captionPara], { allowRecords: true, landscape: opts.landscape });
  if (block !== "records") {
    // A landscape table takes its heading with it.
    if (block[0] instanceof OrientationMarker && out.length) return [block[0], ...out, ...block.slice(1)];
    return [...out, ...block];
  }
  // Too wide to read across: one block per record, its first column as the record's title.
  const labels = cols.map((c) => loc(c.label, ctx.lang));
  rows.forEach((_, i) => {
    const row = body[i]!;
    out.push(...recordBlock(ctx, i + 1, row[0] || "—", labels.slice(1).map((label, j) => [label, row[j + 1] ?? ""] as [string, string])));
  });
  out.push(captionPara);
  return out;
}

/** A table of figures worked out by Gambegam, numbered and captioned like a register. */
export function captionedTable(ctx: Ctx, title: string, t: { columns: string[]; rows: DocText[][] }, opts: { keep?: boolean } = {}): FileChild[] {
  if (!t.rows.length) return ctx.draft ? [openNote(ctx)] : [];
  ctx.counters.table++;
  const block = tableBlock(ctx, t.columns.map((label) => ({ label })), t.rows, [caption(ctx, "table", ctx.counters.table, title)], { boldFirstColumn: true, keep: opts.keep });
  return block === "records" ? [] : block;
}

/** Checklist items with their status, owner, due date and evidence; items nobody has recorded leave it (a draft marks them open). */
export function checklistTable(ctx: Ctx, ids: string[]): FileChild[] {
  const items = ids.map((id) => itemOf(ctx, id, "checklist")).filter((x): x is ChecklistItem => Boolean(x));
  const rows: string[][] = [];
  for (const it of items) {
    ctx.shown.add(it.id);
    const v = ctx.data.answers.get(it.id)?.value as ChecklistValue | undefined;
    if (!v && !ctx.draft) {
      recordOpen(ctx, it);
      continue;
    }
    rows.push([
      itemHeading(ctx, it),
      v ? ctx.s.checklistStatus[v.status] : ctx.s.open.mark,
      v?.owner ?? "",
      v?.dueDate ? date(v.dueDate, ctx.lang) : "",
      v?.evidence ?? "",
    ]);
  }
  if (!rows.length) return [];
  const s = ctx.s.checklist;
  const block = tableBlock(ctx, [{ label: s.task }, { label: s.status }, { label: s.owner }, { label: s.due }, { label: s.evidence }], rows, [para(ctx, "")]);
  return block === "records" ? [] : block;
}

export function checklistStatus(ctx: Ctx, id: string): ChecklistValue["status"] | null {
  if (!itemOf(ctx, id, "checklist")) return null;
  return (ctx.data.answers.get(id)?.value as ChecklistValue | undefined)?.status ?? "todo";
}

export function checklistTitle(ctx: Ctx, id: string): string {
  const it = itemOf(ctx, id, "checklist");
  return it ? itemHeading(ctx, it) : id;
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

/** Whether a figure is drawn on a landscape page (what follows it there may take that page's width). */
export function isLandscapeFigure(fig: Figure): boolean {
  return fig.image.kind === "image" && wantsLandscape(fig.image.width, fig.image.height);
}

/**
 * A diagram as a picture (SVG with a PNG fallback), or as a table with a visible note.
 * `after` (e.g. the table of what the picture shows) follows it, on the same landscape page when the picture needs one.
 */
export function figure(ctx: Ctx, fig: Figure, opts: { after?: FileChild[] } = {}): FileChild[] {
  const after = opts.after ?? [];
  ctx.counters.figure++;
  const label = caption(ctx, "figure", ctx.counters.figure, fig.title);
  if (fig.image.kind === "image") {
    const landscape = wantsLandscape(fig.image.width, fig.image.height);
    const maxWidth = landscape ? LANDSCAPE_TEXT_WIDTH_PX : TEXT_WIDTH_PX;
    // With a table to follow on the same landscape page, the picture leaves it half the page.
    const maxHeight = landscape ? (after.length ? Math.round(LANDSCAPE_PICTURE_HEIGHT_PX * 0.5) : LANDSCAPE_PICTURE_HEIGHT_PX) : 820;
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
      label,
    ];
    return landscape ? [new OrientationMarker("landscape"), ...picture, ...after, new OrientationMarker("portrait")] : [...picture, ...after];
  }
  const out: FileChild[] = [note(ctx, ctx.s.diagramFallback[fig.image.reason])];
  if (fig.fallback.rows.length) out.push(table(ctx, fig.fallback.columns.map((c) => ({ label: c })), fig.fallback.rows));
  else out.push(muted(ctx, ctx.s.noneRecorded));
  out.push(label);
  return [...out, ...after];
}

// --- open items and approval -----------------------------------------------------------

/**
 * The "Open items" appendix: what the method asks for that this document
 * leaves out because nobody has answered it yet (none in a draft, which shows
 * them in place).
 */
export function openItemsAppendix(ctx: Ctx): FileChild[] {
  if (ctx.draft || ctx.open.length === 0) return [];
  const o = ctx.s.open;
  ctx.counters.table++;
  return [
    appendixHeading(ctx, 1, o.appendix),
    para(ctx, o.intro),
    table(
      ctx,
      [{ label: "#", fixed: true }, { label: o.item }, { label: o.where }, { label: o.required }],
      ctx.open.map((x, i) => [formatNumber(i + 1, ctx.lang), x.heading, x.where, x.required ? ctx.s.yes : ctx.s.no]),
    ),
    caption(ctx, "table", ctx.counters.table, o.appendix),
  ];
}

/** Blank cells tall enough to sign in (2 cm). */
const SIGNATURE_ROW_TWIPS = 1134;

/** The table the signatories sign: name, role, organisation, then blank signature and date cells. */
function signatureTable(ctx: Ctx, people: Array<{ name: string; role: string; organisation: string }>): Table {
  const a = ctx.s.approval;
  const widths = widthsFrom([1.5, 1.5, 1.5, 1.6, 1]);
  const labels = [a.name, a.role, a.organisation, a.signature, a.date];
  return fullWidthTable(ctx, widths, [
    new TableRow({ tableHeader: true, cantSplit: true, children: labels.map((l, i) => cell(ctx, l, widths[i]!, { header: true })) }),
    ...people.map(
      (p) =>
        new TableRow({
          cantSplit: true,
          height: { value: SIGNATURE_ROW_TWIPS, rule: HeightRule.ATLEAST },
          children: [p.name, p.role, p.organisation, "", ""].map((t, i) => cell(ctx, t, widths[i]!, { bold: i === 0 })),
        }),
    ),
  ]);
}

/**
 * The one approval section that ends a deliverable, on a page of its own: a
 * table for the client's and the consultant's signatories to sign, and
 * beneath it the sign-off record — the gate's real state, who approved and
 * when, the fingerprints, any approval imported from a project file — with
 * the answers about approval the document's phase records (`facts`).
 */
export function approvalSection(ctx: Ctx, input: DeliverableInput, opts: ApprovalOptions = {}): FileChild[] {
  const a = ctx.s.approval;
  const all = input.signatories?.length ? input.signatories : [{ name: "", role: a.clientSignatory, organisation: input.project.client, side: "client" as const }];
  const people = opts.clientOnly ? all.filter((p) => p.side === "client") : all;
  const out: FileChild[] = [
    // Unnumbered: the approval page closes the document, outside the numbered sections.
    heading(ctx, opts.heading ?? a.heading, 1, { newPage: true, numbered: false }),
    para(ctx, opts.intro ?? a.intro(ctx.s.version(input.version)), { keepNext: true }),
    signatureTable(ctx, people),
    para(ctx, ""),
  ];
  const record = signOffRecord(ctx, input.signOff);
  const facts = opts.facts?.length ? answerFacts(ctx, opts.facts) : [];
  if (record.length || facts.length) out.push(heading(ctx, a.record, 2, { numbered: false }), ...record, ...facts);
  return out;
}

/**
 * How every deliverable ends: the "Open items" appendix (what the body left
 * out), then the one approval section. Called last, once the body has
 * recorded its open items.
 */
/** How a document's approval section differs from the usual one (an RFP is approved for issue by the client). */
export type ApprovalOptions = { facts?: string[]; heading?: string; intro?: DocText; clientOnly?: boolean };

export function endMatter(ctx: Ctx, input: DeliverableInput, opts: ApprovalOptions = {}): FileChild[] {
  // The phase's workshop sessions close the body of every deliverable of that phase (decision 038).
  const workshops = workshopSessions(ctx, input);
  const approval = approvalSection(ctx, input, opts);
  return [...workshops, ...openItemsAppendix(ctx), ...approval];
}

/** What the signature covers: the gate's real state and the content fingerprints. */
export function signOffRecord(ctx: Ctx, state: SignOffState | null): FileChild[] {
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
  if (state.rejection) facts.push([s.returned, byAt(state.rejection.by, state.rejection.at)], ...(state.rejection.comment ? ([[s.comment, state.rejection.comment]] as Array<[string, DocText]>) : []));
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
  return [para(ctx, verdict, { bold: true, keepNext: true }), factsTable(ctx, facts), para(ctx, ""), muted(ctx, s.howToCheck)];
}

export function isSigned(state: SignOffState | null): boolean {
  return Boolean(state && state.status === "signed" && !state.changedSinceSignoff);
}
