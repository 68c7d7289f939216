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
import { cleanText, dateTime, splitByDirection, textDirection } from "./text.ts";

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

type RunStyle = { bold?: boolean; italics?: boolean; color?: string; size?: number };

/**
 * Whether a paragraph of this text is right to left: user text keeps its own
 * direction (a Persian answer in an English document reads right to left).
 */
function rtlFor(ctx: Ctx, text: string): boolean {
  const dir = textDirection(text);
  return dir === null ? ctx.rtl : dir === "rtl";
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

/**
 * One piece of typed text (a project's name) set inside a line of the
 * document's own words, as a single run in its own direction. In an English
 * header, "پیاده‌سازی CRM مهرگان" split into runs by direction would read
 * "مهرگان CRM پیاده‌سازی": the Latin word in the middle breaks the Persian in
 * two. An explicit embedding around the cleaned text keeps it whole (cleanText
 * has already removed any control the user typed).
 */
export function unitRuns(ctx: Ctx, text: string, style: RunStyle = {}): TextRun[] {
  const clean = cleanText(text).replace(/\n/g, " ");
  const rtl = (textDirection(clean) ?? (ctx.rtl ? "rtl" : "ltr")) === "rtl";
  if (rtl === ctx.rtl) return runs(ctx, clean, style);
  return [styledRun(`${rtl ? "\u202B" : "\u202A"}${clean}\u202C`, rtl, style)];
}

/** Runs for text, split by writing direction, with "\n" as line breaks. */
export function runs(ctx: Ctx, text: string, style: RunStyle = {}, paragraphRtl = ctx.rtl): TextRun[] {
  const out: TextRun[] = [];
  cleanText(text)
    .split("\n")
    .forEach((line, i) => {
      const parts = splitByDirection(line, paragraphRtl);
      if (parts.length === 0) parts.push({ text: "", rtl: paragraphRtl });
      parts.forEach((part, j) => out.push(styledRun(part.text, part.rtl, style, i > 0 && j === 0)));
    });
  return out;
}

export function para(ctx: Ctx, text: string, opts: { style?: string; bold?: boolean; align?: "center"; keepNext?: boolean; color?: string; size?: number } = {}): Paragraph {
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

export function heading(ctx: Ctx, text: string, level: 1 | 2 | 3 = 1, opts: { newPage?: boolean } = {}): Paragraph {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: headingLevel, bidirectional: ctx.rtl, pageBreakBefore: opts.newPage, children: runs(ctx, text) });
}

export function note(ctx: Ctx, text: string): Paragraph {
  return para(ctx, text, { style: "Note" });
}

export function muted(ctx: Ctx, text: string): Paragraph {
  return para(ctx, text, { style: "Muted" });
}

// --- tables -------------------------------------------------------------------

const thin = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.border };
const tableBorders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function cell(ctx: Ctx, text: string, widthTwips: number, opts: { header?: boolean; fill?: string; bold?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    shading: opts.header ? { type: ShadingType.CLEAR, fill: ctx.brand.primaryColor, color: "auto" } : opts.fill ? { type: ShadingType.CLEAR, fill: opts.fill, color: "auto" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        style: "TableText",
        bidirectional: rtlFor(ctx, text),
        children: runs(ctx, text, { bold: opts.header || opts.bold, color: opts.header ? "FFFFFF" : undefined }, rtlFor(ctx, text)),
      }),
    ],
  });
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
export function table(ctx: Ctx, columns: Array<{ label: string; weight?: number }>, rows: string[][], opts: { boldFirstColumn?: boolean } = {}): Table {
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
export function factsTable(ctx: Ctx, facts: Array<[string, string]>): Table {
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
  return it ? answerText(it, ctx.data.answers.get(id)?.value, ctx.lang) : "";
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
  const answer = answerText(it, ctx.data.answers.get(id)?.value, ctx.lang);
  if (answer) return [heading(ctx, itemHeading(ctx, it), opts.level ?? 3), para(ctx, answer)];
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
    const answer = answerText(it, ctx.data.answers.get(id)?.value, ctx.lang);
    if (answer) facts.push([itemHeading(ctx, it), answer]);
    else if (ctx.draft) facts.push([itemHeading(ctx, it), ctx.s.open.mark]);
    else recordOpen(ctx, it);
  }
  return facts.length ? [factsTable(ctx, facts), para(ctx, "")] : [];
}

/** A register's rows as a numbered table with a caption; an empty register leaves the body (a draft marks it as open). */
export function registerTable(ctx: Ctx, id: string, opts: { columns?: string[]; title?: string; heading?: 1 | 2 | 3 | false; totals?: string[] } = {}): FileChild[] {
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
  const body = rows.map((r) => cols.map((c) => displayCell(c, r.cells[c.id], ctx.lang, ctx.refOptions)));
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
  if (!t.rows.length) return ctx.draft ? [openNote(ctx)] : [];
  ctx.counters.table++;
  return [table(ctx, t.columns.map((label, i) => ({ label, weight: opts.weights?.[i] ?? 1 })), t.rows, { boldFirstColumn: true }), caption(ctx, ctx.s.table(ctx.counters.table, title))];
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
      v?.dueDate ? displayCell({ id: "d", type: "date", label: { fa: "-", en: "-" }, required: false }, v.dueDate, ctx.lang, {}) : "",
      v?.evidence ?? "",
    ]);
  }
  if (!rows.length) return [];
  const s = ctx.s.checklist;
  return [table(ctx, [{ label: s.task, weight: 2.4 }, { label: s.status, weight: 0.9 }, { label: s.owner, weight: 1 }, { label: s.due, weight: 0.9 }, { label: s.evidence, weight: 1.8 }], rows), para(ctx, "")];
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
    heading(ctx, o.appendix, 1),
    para(ctx, o.intro),
    table(
      ctx,
      [{ label: "#", weight: 0.35 }, { label: o.item, weight: 2.2 }, { label: o.where, weight: 2.2 }, { label: o.required, weight: 0.8 }],
      ctx.open.map((x, i) => [formatNumber(i + 1, ctx.lang), x.heading, x.where, x.required ? ctx.s.yes : ctx.s.no]),
    ),
    caption(ctx, ctx.s.table(ctx.counters.table, o.appendix)),
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
export function approvalSection(ctx: Ctx, input: DeliverableInput, opts: { facts?: string[] } = {}): FileChild[] {
  const a = ctx.s.approval;
  const people = input.signatories?.length ? input.signatories : [{ name: "", role: a.clientSignatory, organisation: input.project.client, side: "client" as const }];
  const out: FileChild[] = [
    heading(ctx, a.heading, 1, { newPage: true }),
    para(ctx, a.intro(ctx.s.version(input.version)), { keepNext: true }),
    signatureTable(ctx, people),
    para(ctx, ""),
  ];
  const record = signOffRecord(ctx, input.signOff);
  const facts = opts.facts?.length ? answerFacts(ctx, opts.facts) : [];
  if (record.length || facts.length) out.push(heading(ctx, a.record, 2), ...record, ...facts);
  return out;
}

/**
 * How every deliverable ends: the "Open items" appendix (what the body left
 * out), then the one approval section. Called last, once the body has
 * recorded its open items.
 */
export function endMatter(ctx: Ctx, input: DeliverableInput, opts: { facts?: string[] } = {}): FileChild[] {
  const approval = approvalSection(ctx, input, opts);
  return [...openItemsAppendix(ctx), ...approval];
}

/** What the signature covers: the gate's real state and the content fingerprints. */
export function signOffRecord(ctx: Ctx, state: SignOffState | null): FileChild[] {
  const s = ctx.s.signOff;
  if (!state) return [];
  const facts: Array<[string, string]> = [
    [s.phase, state.phaseTitle],
    [s.state, s.states[state.status]],
  ];
  if (state.lastApproval) {
    facts.push([s.signedBy, state.lastApproval.by], [s.signedAt, dateTime(state.lastApproval.at, ctx.lang)], [s.signedFingerprint, state.lastApproval.fingerprint]);
    if (state.lastApproval.comment) facts.push([s.comment, state.lastApproval.comment]);
  }
  if (state.status === "awaiting" && state.request) facts.push([s.requestedBy, `${state.request.by} — ${dateTime(state.request.at, ctx.lang)}`]);
  if (state.rejection) facts.push([s.returned, `${state.rejection.by} — ${dateTime(state.rejection.at, ctx.lang)}`], [s.comment, state.rejection.comment]);
  const imported = state.importedApproval;
  if (imported) {
    facts.push(
      [s.importedApproval, `${imported.by} — ${dateTime(imported.at, ctx.lang)}`],
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
