/**
 * The frame every deliverable shares: title page, table of contents, header
 * with the project and document version, footer with "page X of Y", the
 * styles and the embedded Persian font. A builder supplies only the body.
 */
import { actorLabel } from "#app/actors.ts";
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  ImageRun,
  LevelFormat,
  LevelSuffix,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  TableOfContents,
  TextRun,
  type FileChild,
  type IContext,
  type PageNumberEstimator,
} from "docx";
import { withJoinedWidths } from "./joined-widths.ts";
import { estimatePageNumbersWith, type MeasureWidth } from "docx/layout";
import { createMeasurer, type Measurer } from "./measure.ts";
import type { DeliverableId, DeliverableInput } from "./model.ts";
import { OrientationMarker, factsTable, heading, headingAtPageTop, headingOnNewPage, muted, para, runs, table, unitRuns, isSigned, type Ctx } from "./blocks.ts";
import { loc } from "#app/i18n.ts";
import {
  COLOURS,
  HEADING_NUMBERING,
  PAGE,
  PERSIAN_DIGITS_FONT,
  PERSIAN_DIGITS_RUN_FONT,
  PERSIAN_FONT,
  PICTURE_SPACING,
  documentStyles,
  lineHeight,
  persianDigitFontFiles,
  persianFontFiles,
  tocStylesXml,
} from "./styles.ts";
import { date, num, user } from "./text.ts";

const estimate = estimatePageNumbersWith({ guess: true });
const measuringCopies = new WeakMap<object, Buffer>();

/**
 * The contents' page numbers, laid out with the Persian faces measured as
 * Word and LibreOffice print them: the estimator measures an embedded font's
 * letters in their isolated forms, wider than the joined forms printed, so it
 * is given a measuring copy of each face with joined widths (joined-widths.ts,
 * decision 026). The document still embeds the fonts themselves.
 */
const pageNumbers: PageNumberEstimator = Object.assign((body: Parameters<PageNumberEstimator>[0], context: IContext) => estimate(withCellBorders(body), withMeasuringFonts(context)), {
  listNumbers: estimate.listNumbers ? (body: Parameters<PageNumberEstimator>[0], context: IContext) => estimate.listNumbers!(body, withMeasuringFonts(context)) : undefined,
});

/**
 * How much narrower LibreOffice sets a cell's text than Word, each side, in
 * twentieths of a point: it keeps the text inside the cell's borders (ours are
 * half-point lines) as well as its margins. Read off the printed pages: a cell
 * of 157.4 pt less margins wrapped a line of 156.9 pt, one of 118.35 pt kept a
 * line of 117.4 pt, so the text area is 0.5 to 0.95 pt narrower; 0.8 is taken.
 */
const CELL_BORDER_TWIPS = 8;

/**
 * The body as the estimator reads it, with each cell's left and right margins
 * widened by CELL_BORDER_TWIPS. A line within a point of a cell's width took
 * two lines in LibreOffice and one in the estimate, and moved what followed a
 * page on. The document itself is written unchanged: the parts leading to a
 * cell's margins are copied, the rest shared.
 */
function withCellBorders<T>(node: T): T {
  if (Array.isArray(node)) {
    let changed = false;
    const out = node.map((child) => {
      const next = withCellBorders(child);
      if (next !== child) changed = true;
      return next;
    });
    return (changed ? out : node) as T;
  }
  if (!node || typeof node !== "object") return node;
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const next = key === "w:tcMar" && Array.isArray(value) ? value.map(widenSide) : key === "_attr" ? value : withCellBorders(value);
    if (next !== value) (out ??= { ...(node as Record<string, unknown>) })[key] = next;
  }
  return (out ?? node) as T;
}

function widenSide(side: Record<string, { _attr?: { "w:w"?: number | string; "w:type"?: string } }>) {
  const [key] = Object.keys(side);
  const attr = key ? side[key]?._attr : undefined;
  if (!key || !["w:left", "w:right", "w:start", "w:end"].includes(key) || !attr || attr["w:type"] !== "dxa") return side;
  return { [key]: { ...side[key], _attr: { ...attr, "w:w": Number(attr["w:w"] ?? 0) + CELL_BORDER_TWIPS } } };
}

/**
 * Text in Vazirmatn shaped as LibreOffice and Word draw it: HarfBuzz with the
 * real faces (the measurer the table columns are sized with, measure.ts), in
 * points. The measuring copy's averaged letters (above) are a few per cent
 * off per word; on a column fitted to its longest label that is the
 * difference between one line and two, and a page's worth of such rows moved
 * headings a page late (decision 026, "Contents page numbers").
 */
const SHAPED_FACES = new Set([PERSIAN_FONT, PERSIAN_DIGITS_FONT]);
let shapers: { text: Measurer; digits: Measurer } | null = null;
const shapedWidth: MeasureWidth = (text, font) => {
  shapers ??= { text: createMeasurer(persianFontFiles()), digits: createMeasurer(persianDigitFontFiles()) };
  const m = font.name === PERSIAN_DIGITS_FONT ? shapers.digits : shapers.text;
  return m.tokenEm(text, font.bold) * font.size;
};
const shapedEstimate = estimatePageNumbersWith({ guess: true, measureWidth: shapedWidth });

/** The estimator's view of the document without its embedded Vazirmatn faces, so that text in them is measured by `shapedWidth`. */
function withShapedFonts(context: IContext): IContext {
  const file = context.file as unknown as { FontTable: { files: EmbeddedFace[] } };
  const fontTable = file.FontTable;
  const files = fontTable.files.filter((face) => !SHAPED_FACES.has(face.name));
  const table = new Proxy(fontTable, { get: (target, key) => (key === "files" ? files : Reflect.get(target, key, target)) });
  return { ...context, file: new Proxy(context.file, { get: (target, key) => (key === "FontTable" ? table : Reflect.get(target, key, target)) }) } as IContext;
}

/** Every run in Vazirmatn (the default brand font): the whole document can be measured by shaping. */
const shapedPageNumbers: PageNumberEstimator = Object.assign((body: Parameters<PageNumberEstimator>[0], context: IContext) => shapedEstimate(withCellBorders(body), withShapedFonts(context)), {
  listNumbers: shapedEstimate.listNumbers ? (body: Parameters<PageNumberEstimator>[0], context: IContext) => shapedEstimate.listNumbers!(body, withShapedFonts(context)) : undefined,
});

type EmbeddedFace = { name: string; data: Buffer };
function withMeasuringFonts(context: IContext): IContext {
  const file = context.file as unknown as { FontTable: { files: EmbeddedFace[] } };
  const fontTable = file.FontTable;
  const files = fontTable.files.map((face) => {
    if (face.name !== PERSIAN_FONT && face.name !== PERSIAN_DIGITS_FONT) return face;
    let data = measuringCopies.get(face.data);
    if (!data) measuringCopies.set(face.data, (data = withJoinedWidths(face.data)));
    return { ...face, data };
  });
  const table = new Proxy(fontTable, { get: (target, key) => (key === "files" ? files : Reflect.get(target, key, target)) });
  return { ...context, file: new Proxy(context.file, { get: (target, key) => (key === "FontTable" ? table : Reflect.get(target, key, target)) }) } as IContext;
}

/**
 * Laying the pages out to number the table of contents costs about 2–3 ms
 * per table row; past this many rows the contents are written without page
 * numbers (entries still link to their sections, and Word's "Update table"
 * adds the numbers) so that large projects still export in about a second.
 * A completed engagement's scope document (about 260 rows) is numbered.
 */
export const PAGE_NUMBER_ROW_LIMIT = 400;

function logoRun(input: DeliverableInput, maxHeight: number, maxWidth: number): ImageRun | null {
  const logo = input.branding.logo;
  if (!logo) return null;
  const scale = Math.min(maxHeight / logo.height, maxWidth / logo.width, 1);
  return new ImageRun({
    type: logo.type,
    data: logo.data,
    transformation: { width: Math.max(1, Math.round(logo.width * scale)), height: Math.max(1, Math.round(logo.height * scale)) },
    altText: { name: "logo", description: input.branding.firmName || "logo", title: input.branding.firmName || "logo" },
  });
}

function titlePage(ctx: Ctx, id: DeliverableId, input: DeliverableInput): FileChild[] {
  const s = ctx.s;
  const out: FileChild[] = [];
  const logo = logoRun(input, 90, 260);
  if (logo) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 600, after: 240, ...PICTURE_SPACING }, children: [logo] }));
  else out.push(new Paragraph({ spacing: { before: 1200 }, children: [] }));
  if (input.branding.firmName) out.push(para(ctx, user(input.branding.firmName), { align: "center", color: COLOURS.muted, size: 28 }));
  out.push(
    new Paragraph({ style: "Title", alignment: AlignmentType.CENTER, bidirectional: ctx.rtl, spacing: { before: 1200, after: 240 }, children: runs(ctx, s.deliverables[id]) }),
    new Paragraph({ alignment: AlignmentType.CENTER, bidirectional: ctx.rtl, spacing: { after: 1200, ...lineHeight(32) }, children: unitRuns(ctx, input.project.name, { size: 32, color: input.branding.primaryColor }) }),
    factsTable(ctx, [
      [s.titlePage.client, input.project.client],
      ...(input.branding.firmName ? ([[s.titlePage.firm, input.branding.firmName]] as Array<[string, string]>) : []),
      [s.titlePage.project, input.project.name],
      [s.titlePage.version, num(input.version, ctx.lang)],
      [s.titlePage.date, date((input.dated ?? input.generatedAt).slice(0, 10), ctx.lang)],
      [s.titlePage.author, authorOf(input, ctx)],
      [s.titlePage.status, s.titlePage.statuses[documentStatus(input)]],
    ]),
    new Paragraph({ spacing: { before: 1600, ...lineHeight(18) }, alignment: AlignmentType.CENTER, bidirectional: ctx.rtl, children: runs(ctx, s.titlePage.confidential(input.project.client), { color: COLOURS.muted, size: 18 }) }),
    new Paragraph({ children: [new PageBreak()] }),
  );
  return out;
}

/** Who the cover names as author: the person who exported (never a system name). */
function authorOf(input: DeliverableInput, ctx: Ctx): string {
  return input.author || actorLabel(input.generatedBy, ctx.lang);
}

/** The cover's status: a draft export is a draft; signed content unchanged since is approved; anything else goes for approval. */
export function documentStatus(input: DeliverableInput): "draft" | "for-approval" | "approved" | "issued" {
  if (input.draft) return "draft";
  if (input.issuedForResponse) return "issued";
  return isSigned(input.signOff) ? "approved" : "for-approval";
}

/** How many versions the revision history lists (the latest ones). */
const REVISIONS_LISTED = 10;

/**
 * The document-control page, after the contents: the revision history (one
 * row per version Gambegam has numbered for this deliverable: when, who,
 * what changed) and the distribution list.
 */
function documentControl(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const d = ctx.s.documentControl;
  const revisions = input.revisions?.length ? input.revisions : [{ version: input.version, date: input.dated ?? input.generatedAt, author: authorOf(input, ctx), changes: null }];
  const phaseTitle = (id: string) => (id === "project" ? d.project : id === "sign-off" ? d.signOff : loc(input.pack.phases.find((p) => p.id === id)?.title, ctx.lang) || id);
  const sep = ctx.lang === "fa" ? "، " : ", ";
  // A long-running project can reach dozens of versions: the latest ones say what the reader needs.
  const listed = revisions.slice(-REVISIONS_LISTED);
  const offset = revisions.length - listed.length;
  const what = (r: (typeof revisions)[number], i: number) => (i + offset === 0 ? d.first : r.changes === null || r.changes.length === 0 ? d.unknown : d.changed(r.changes.map(phaseTitle).join(sep)));
  const out: FileChild[] = [
    heading(ctx, d.heading, 1, { newPage: true }),
    heading(ctx, d.revisions, 2),
    table(
      ctx,
      [{ label: d.version }, { label: d.date }, { label: d.author }, { label: d.changes }],
      listed.map((r, i) => [num(r.version, ctx.lang), date(r.date.slice(0, 10), ctx.lang), actorLabel(r.author, ctx.lang), what(r, i)]),
    ),
    offset > 0 ? muted(ctx, d.latest(num(listed.length, ctx.lang), num(revisions.length, ctx.lang))) : para(ctx, ""),
  ];
  if (input.distribution?.length) {
    out.push(
      heading(ctx, d.distribution, 2),
      table(ctx, [{ label: d.name }, { label: d.role }, { label: d.organisation }], input.distribution.map((p) => [p.name, p.role, p.organisation]), { boldFirstColumn: true }),
    );
  }
  return out;
}

function header(ctx: Ctx, id: DeliverableId, input: DeliverableInput): Header {
  const rest = ` — ${ctx.s.deliverables[id]} — ${ctx.s.version(input.version)}`;
  const logo = logoRun(input, 24, 120);
  return new Header({
    children: [
      new Paragraph({
        bidirectional: ctx.rtl,
        spacing: logo ? PICTURE_SPACING : lineHeight(16),
        border: { bottom: { style: "single", size: 6, color: input.branding.primaryColor, space: 4 } },
        children: [...(logo ? [logo, new TextRun({ text: "  " })] : []), ...unitRuns(ctx, input.project.name, { size: 16, color: COLOURS.muted }), ...runs(ctx, rest, { size: 16, color: COLOURS.muted })],
      }),
    ],
  });
}

/**
 * "Page X of Y". In Persian the two numbers are set in the Farsi-digit face:
 * Word and LibreOffice write PAGE and NUMPAGES in Latin digits whatever the
 * field's format (neither has a Persian-digit format), and the face draws them
 * as ۰–۹ in both (decision 026).
 */
function footer(ctx: Ctx): Footer {
  const p = ctx.s.page;
  const style = { size: 16, color: COLOURS.muted, rightToLeft: ctx.rtl || undefined };
  const number = ctx.rtl ? { ...style, font: PERSIAN_DIGITS_RUN_FONT } : style;
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        bidirectional: ctx.rtl,
        spacing: lineHeight(16),
        children: [
          new TextRun({ ...style, text: p.before }),
          new TextRun({ ...number, children: [PageNumber.CURRENT] }),
          new TextRun({ ...style, text: p.middle }),
          new TextRun({ ...number, children: [PageNumber.TOTAL_PAGES] }),
          ...(p.after ? [new TextRun({ ...style, text: p.after })] : []),
        ],
      }),
    ],
  });
}

/**
 * Heading 1 "1", Heading 2 "1.1", as a multilevel list linked to the heading
 * styles, so Word's contents and cross references show the numbers and a
 * heading a consultant adds in Word is numbered too. Heading 3 is not
 * numbered: it titles the many short answers inside a section. In Persian the
 * numbers are drawn in the Farsi-digit face.
 */
function headingNumbering(ctx: Ctx) {
  const run = ctx.rtl ? { font: PERSIAN_DIGITS_RUN_FONT } : undefined;
  return {
    reference: HEADING_NUMBERING,
    levels: [
      { level: 0, format: LevelFormat.DECIMAL, text: "%1", suffix: ctx.rtl ? LevelSuffix.TAB : LevelSuffix.SPACE, alignment: AlignmentType.START, style: { style: "Heading1", run, paragraph: { indent: { start: 0, hanging: 0 } } } },
      { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2", suffix: ctx.rtl ? LevelSuffix.TAB : LevelSuffix.SPACE, alignment: AlignmentType.START, style: { style: "Heading2", run, paragraph: { indent: { start: 0, hanging: 0 } } } },
    ],
  };
}

/** A complete deliverable: frame plus the body a builder made. */
export function composeDocument(ctx: Ctx, id: DeliverableId, input: DeliverableInput, body: FileChild[]): Document {
  const fonts = persianFontFiles();
  const title = `${ctx.s.deliverables[id]} — ${input.project.name}`;
  // Built first: its tables count towards the rows the page-number layout pays for.
  const control = documentControl(ctx, input);
  const estimate = ctx.counters.rows <= PAGE_NUMBER_ROW_LIMIT;
  return new Document({
    // The document's properties are the one discreet place Gambegam is named; the author is the person.
    creator: authorOf(input, ctx),
    lastModifiedBy: authorOf(input, ctx),
    subject: input.branding.firmName || "",
    keywords: "Gambegam",
    title,
    description: title,
    styles: documentStyles(input.branding, input.lang),
    externalStyles: tocStylesXml(input.lang),
    fonts: [
      { name: PERSIAN_FONT, data: fonts.regular, bold: fonts.bold },
      ...(ctx.rtl ? [{ name: PERSIAN_DIGITS_FONT, data: persianDigitFontFiles().regular, bold: persianDigitFontFiles().bold }] : []),
    ],
    numbering: { config: [headingNumbering(ctx)] },
    pageNumbers: estimate ? (input.branding.font === PERSIAN_FONT ? shapedPageNumbers : pageNumbers) : undefined,
    sections: splitByOrientation([
      ...titlePage(ctx, id, input),
      para(ctx, ctx.s.contents, { bold: true, size: 32, color: input.branding.primaryColor }),
      new TableOfContents(ctx.s.contents, { hyperlink: true, headingStyleRange: "1-2", ...(estimate ? {} : { pageNumbersEntryLevelsRange: "1-2", beginDirty: false }) }),
      ...control,
      ...bodyOnNewPage(body),
    ]).map((part, i) => ({
      properties: {
        titlePage: i === 0,
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: part.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 },
        },
      },
      headers: { default: header(ctx, id, input), ...(i === 0 ? { first: new Header({ children: [new Paragraph({ children: [] })] }) } : {}) },
      footers: { default: footer(ctx), ...(i === 0 ? { first: footer(ctx) } : {}) },
      children: part.children,
    })),
  });
}

/**
 * The body starts a page: its first heading breaks the page itself, without
 * its space before (Word leaves it out at a page's top, LibreOffice keeps it
 * after a page break), rather than after a paragraph holding a page break.
 */
function bodyOnNewPage(body: FileChild[]): FileChild[] {
  const first = headingOnNewPage(body[0]);
  return first ? [first, ...body.slice(1)] : [new Paragraph({ children: [new PageBreak()] }), ...body];
}

/** Splits the content into sections at orientation markers; neighbouring landscape parts share a section. */
function splitByOrientation(children: FileChild[]): Array<{ landscape: boolean; children: FileChild[] }> {
  const parts: Array<{ landscape: boolean; children: FileChild[] }> = [{ landscape: false, children: [] }];
  for (const child of children) {
    if (child instanceof OrientationMarker) {
      const landscape = child.orientation === "landscape";
      if (parts.length > 1 && parts.at(-1)!.children.length === 0) parts.pop();
      if (parts.at(-1)!.landscape !== landscape) parts.push({ landscape, children: [] });
      continue;
    }
    parts.at(-1)!.children.push(child);
  }
  return parts
    .filter((p, i) => i === 0 || p.children.length > 0)
    .map((p, i) => {
      // A section after the first starts a page: its first heading there without the space before (see heading()).
      const top = i > 0 ? headingAtPageTop(p.children[0]) : null;
      return top ? { ...p, children: [top, ...p.children.slice(1)] } : p;
    });
}
