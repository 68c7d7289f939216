/**
 * The workshop's results as server-drawn SVG charts, each with the same
 * figures as a table (the projector shows both; decision 039):
 * - a range chart: per subject (a goal, a goal × criterion, a readiness topic)
 *   the spread from min to max as a thin line, the interquartile range as a
 *   bar, the median as a marker, and how many voted;
 * - bars for a poll (count per option);
 * - the readiness radar (app/views/charts.ts) through the room's medians,
 *   with the interquartile band around them.
 * Persian charts run right to left (the scale starts at the right) with
 * Persian digits. Pure: no database, safe for the browser bundle.
 */
import { type ChartLang, SERIES_COLOURS, esc, radarChart, wrapLabel } from "#app/views/charts.ts";
import { localDigits } from "#app/views/format.ts";

const INK = "#1f2328";
const MUTED = "#59636e";
const GRID = "#d0d7de";
const FONT = "Vazirmatn, Tahoma, sans-serif";

export type Spread = { n: number; median: number | null; q1: number | null; q3: number | null; min: number | null; max: number | null };

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
/** A figure as a reader sees it: at most one decimal, Persian digits and decimal mark in Persian. */
export const figure = (n: number | null, lang: ChartLang) => (n === null ? "—" : lang === "fa" ? localDigits(fmt(n), "fa").replace(".", "٫") : fmt(n));

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="${FONT}"><title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}

/**
 * A label whose `anchor` is given for the chart's direction. A label in the
 * other script (a Persian goal in an English chart, an English option in a
 * Persian one) is laid out in its own direction and anchored to the same edge.
 */
function text(x: number, y: number, s: string, o: { anchor: "start" | "end" | "middle"; lang: ChartLang; size?: number; weight?: number; fill?: string }): string {
  const chartRtl = o.lang === "fa";
  const textRtl = /[\u0590-\u08FF]/.test(s) || (chartRtl && !/[A-Za-z]/.test(s));
  const anchor = o.anchor === "middle" || textRtl === chartRtl ? o.anchor : o.anchor === "start" ? "end" : "start";
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-size="${o.size ?? 16}"${o.weight ? ` font-weight="${o.weight}"` : ""} fill="${o.fill ?? INK}" text-anchor="${anchor}" direction="${textRtl ? "rtl" : "ltr"}">${esc(s)}</text>`;
}

export type RangeRow = { label: string; sublabel?: string; stats: Spread };

/**
 * Drawn 1200 units wide for a projector that shows it across the screen: the
 * smallest text (19 units) is 20 px or more from 1366 px up (review finding 3).
 */
const WIDE = 1200;

/**
 * Per row: the label (reading side), then the scale `min..max` with the
 * spread drawn on it, then the median and how many voted (far side). Rows
 * with no votes show the scale empty and "—".
 */
const RANGE_TOP = 44;
const LINE_H = 24;
type Band = { row: RangeRow; lines: string[]; y: number; h: number };

/** The range chart's layout: a band for each row; and the chart's height. */
function rangeBands(rows: RangeRow[]): { bands: Band[]; height: number } {
  const bands: Band[] = [];
  let y = RANGE_TOP;
  for (const r of rows) {
    const lines = [...wrapLabel(r.label, 30, r.sublabel ? 2 : 3), ...(r.sublabel ? [r.sublabel] : [])];
    const h = Math.max(50, lines.length * LINE_H + 12);
    bands.push({ row: r, lines, y, h });
    y += h;
  }
  return { bands, height: y + 12 };
}

/** How tall (in the chart's units, 1200 wide) the range chart of these rows is: the projector pages goals by it. */
export const rangeChartHeight = (rows: RangeRow[]) => rangeBands(rows).height;

export function rangeChart(input: { title: string; lang: ChartLang; min: number; max: number; rows: RangeRow[]; votesLabel: (n: number) => string }): string {
  const W = WIDE;
  const lineH = LINE_H;
  const top = RANGE_TOP;
  const labelW = 360;
  const figW = 250;
  const rtl = input.lang === "fa";
  const { bands, height } = rangeBands(input.rows);
  const H = height;
  // The scale runs from the reading side: left to right in English, right to left in Persian.
  const scaleStart = rtl ? W - labelW - 20 : labelW + 20;
  const scaleEnd = rtl ? figW : W - figW;
  const at = (v: number) => scaleStart + ((v - input.min) / (input.max - input.min)) * (scaleEnd - scaleStart);
  const parts: string[] = [];
  for (let v = input.min; v <= input.max; v++) {
    parts.push(`<line x1="${fmt(at(v))}" y1="${top - 10}" x2="${fmt(at(v))}" y2="${H - 12}" stroke="${GRID}"/>`);
    parts.push(text(at(v), top - 16, localDigits(v, input.lang), { anchor: "middle", lang: input.lang, size: 19, fill: MUTED }));
  }
  const colour = SERIES_COLOURS[0];
  const labelX = rtl ? W - 12 : 12;
  for (const b of bands) {
    const mid = b.y + b.h / 2;
    const sub = b.row.sublabel ? b.lines.length - 1 : -1;
    b.lines.forEach((line, k) =>
      parts.push(text(labelX, mid - ((b.lines.length - 1) * lineH) / 2 + k * lineH + 7, line, { anchor: "start", lang: input.lang, size: k === sub ? 19 : 20, weight: k === sub ? undefined : 600, fill: k === sub ? MUTED : INK })),
    );
    const s = b.row.stats;
    if (s.n > 0 && s.min !== null && s.max !== null && s.q1 !== null && s.q3 !== null && s.median !== null) {
      parts.push(`<line x1="${fmt(at(s.min))}" y1="${fmt(mid)}" x2="${fmt(at(s.max))}" y2="${fmt(mid)}" stroke="${colour}" stroke-width="3"/>`);
      const [a, c] = [at(s.q1), at(s.q3)].sort((p, q) => p - q) as [number, number];
      parts.push(`<rect x="${fmt(a - (c - a < 8 ? 4 : 0))}" y="${fmt(mid - 14)}" width="${fmt(Math.max(8, c - a))}" height="28" fill="${colour}" fill-opacity="0.35" stroke="${colour}"/>`);
      parts.push(`<circle cx="${fmt(at(s.median))}" cy="${fmt(mid)}" r="11" fill="${SERIES_COLOURS[1]}" stroke="#ffffff" stroke-width="2"/>`);
    }
    // The far side: the median, then how many voted, each running into the chart from its edge.
    const medianX = rtl ? figW - 20 : W - figW + 20;
    const votesX = rtl ? 12 : W - 12;
    parts.push(text(medianX, mid + 9, figure(s.median, input.lang), { anchor: "start", lang: input.lang, size: 28, weight: 700 }));
    parts.push(text(votesX, mid + 7, input.votesLabel(s.n), { anchor: "end", lang: input.lang, size: 19, fill: MUTED }));
  }
  return svg(W, H, input.title, parts.join(""));
}

/** Horizontal bars, one per option, with the count and share at the end of each bar. */
export function pollChart(input: { title: string; lang: ChartLang; options: Array<{ label: string; count: number }> }): string {
  const W = 960;
  const rowH = 56;
  const top = 16;
  const labelW = 320;
  const H = top + input.options.length * rowH + 8;
  const rtl = input.lang === "fa";
  const total = input.options.reduce((a, o) => a + o.count, 0);
  const most = Math.max(1, ...input.options.map((o) => o.count));
  const barMax = W - labelW - 160;
  const parts: string[] = [];
  input.options.forEach((o, i) => {
    const y = top + i * rowH + rowH / 2;
    const lines = wrapLabel(o.label, 32, 2);
    lines.forEach((line, k) => parts.push(text(rtl ? W - 12 : 12, y - ((lines.length - 1) * 18) / 2 + k * 18 + 6, line, { anchor: "start", lang: input.lang, size: 18, weight: 600 })));
    const w = (o.count / most) * barMax;
    const x0 = rtl ? W - labelW - 12 - w : labelW + 12;
    parts.push(`<rect x="${fmt(x0)}" y="${fmt(y - 16)}" width="${fmt(Math.max(w, 2))}" height="32" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/>`);
    const share = total ? Math.round((o.count / total) * 100) : 0;
    const figure = input.lang === "fa" ? `${localDigits(o.count, "fa")} (${localDigits(share, "fa")}٪)` : `${o.count} (${share}%)`;
    const fx = rtl ? x0 - 10 : x0 + Math.max(w, 2) + 10;
    parts.push(text(fx, y + 7, figure, { anchor: "start", lang: input.lang, size: 20, weight: 700 }));
  });
  return svg(W, H, input.title, parts.join(""));
}

/** The readiness radar through the room's medians, with the band from the first to the third quartile. */
export function spreadRadar(input: { title: string; lang: ChartLang; min: number; max: number; topics: Array<{ label: string; stats: Spread }>; unscoredLabel: string; bandLabel: string }): string {
  return radarChart({
    title: input.title,
    lang: input.lang,
    min: input.min,
    max: input.max,
    unscoredLabel: input.unscoredLabel,
    large: true,
    axes: input.topics.map((t) => ({ label: t.label, value: t.stats.median })),
    band: { label: input.bandLabel, values: input.topics.map((t) => (t.stats.q1 === null || t.stats.q3 === null ? null : { lo: t.stats.q1, hi: t.stats.q3 })) },
  });
}

export type GridGoal = { label: string; cells: Spread[] };

const GRID_LABEL_W = 340;
const GRID_VOTES_W = 110;
const GRID_PAD = 12;
/** Criteria narrower than this stack the median above its little scale. */
const GRID_INLINE_MIN = 150;

function gridLayout(criteria: string[], goals: string[]) {
  const cellW = (WIDE - GRID_PAD * 2 - GRID_LABEL_W - GRID_VOTES_W - 20) / Math.max(1, criteria.length);
  const stacked = cellW < GRID_INLINE_MIN;
  const headLines = criteria.map((c) => wrapLabel(c, Math.max(8, Math.floor(cellW / 10)), 3));
  const head = 16 + Math.max(1, ...headLines.map((l) => l.length)) * 22 + 30;
  const rowLines = goals.map((g) => wrapLabel(g, 32, 4));
  const rows = rowLines.map((l) => Math.max(stacked ? 70 : 46, l.length * LINE_H + 14));
  return { cellW, stacked, headLines, head, rowLines, rows };
}

/** The heights (in units of a 1200-wide chart) of the score grid's head and of each goal's row: the projector pages goals by them. */
export function scoreGridHeights(criteria: string[], goals: string[]): { head: number; rows: number[]; foot: number } {
  const l = gridLayout(criteria, goals);
  return { head: l.head, rows: l.rows, foot: 8 };
}

/**
 * The room's scores of the goals against the criteria as a grid: one row per
 * goal (its name whole, wrapped), one column per criterion, and in each cell
 * the median in large figures beside a small scale with the range (line), the
 * middle half (bar) and the median (dot); how many voted at the far side. A
 * goal takes one row rather than one per criterion, so fifteen goals × four
 * criteria fit a projector in two or three pages (the projector pages them).
 */
export function scoreGrid(input: { title: string; lang: ChartLang; min: number; max: number; criteria: string[]; goals: GridGoal[]; votesLabel: (n: number) => string }): string {
  const W = WIDE;
  const rtl = input.lang === "fa";
  const l = gridLayout(input.criteria, input.goals.map((g) => g.label));
  // x runs from the reading side: `pos(d)` is `d` units in from the reading edge.
  const pos = (d: number) => (rtl ? W - d : d);
  const cellsFrom = GRID_PAD + GRID_LABEL_W + 20;
  const parts: string[] = [];
  // The head: each criterion's name, and its scale's two ends under it.
  const scaleOf = (k: number) => {
    const c0 = cellsFrom + k * l.cellW;
    return l.stacked ? { a: c0 + 10, b: c0 + l.cellW - 10, fig: c0 + l.cellW / 2 } : { a: c0 + 64, b: c0 + l.cellW - 14, fig: c0 + 6 };
  };
  input.criteria.forEach((_, k) => {
    const c0 = cellsFrom + k * l.cellW;
    l.headLines[k]!.forEach((line, j) => parts.push(text(pos(c0 + l.cellW / 2), 24 + j * 22, line, { anchor: "middle", lang: input.lang, size: 19, weight: 700 })));
    const sc = scaleOf(k);
    const y = l.head - 10;
    parts.push(text(pos(sc.a), y, localDigits(input.min, input.lang), { anchor: "middle", lang: input.lang, size: 19, fill: MUTED }));
    parts.push(text(pos(sc.b), y, localDigits(input.max, input.lang), { anchor: "middle", lang: input.lang, size: 19, fill: MUTED }));
    if (k > 0) parts.push(`<line x1="${fmt(pos(c0))}" y1="8" x2="${fmt(pos(c0))}" y2="${fmt(l.head + l.rows.reduce((a, b) => a + b, 0))}" stroke="${GRID}"/>`);
  });
  const colour = SERIES_COLOURS[0];
  let y = l.head;
  input.goals.forEach((g, i) => {
    const h = l.rows[i]!;
    if (i % 2 === 0) parts.push(`<rect x="0" y="${fmt(y)}" width="${W}" height="${fmt(h)}" fill="#f3f5f7"/>`);
    const mid = y + h / 2;
    const lines = l.rowLines[i]!;
    lines.forEach((line, k) => parts.push(text(pos(GRID_PAD), mid - ((lines.length - 1) * LINE_H) / 2 + k * LINE_H + 7, line, { anchor: "start", lang: input.lang, size: 20, weight: 600 })));
    g.cells.forEach((s, k) => {
      const sc = scaleOf(k);
      const barY = l.stacked ? mid + 14 : mid;
      const at = (v: number) => pos(sc.a + ((v - input.min) / (input.max - input.min)) * (sc.b - sc.a));
      parts.push(`<line x1="${fmt(pos(sc.a))}" y1="${fmt(barY)}" x2="${fmt(pos(sc.b))}" y2="${fmt(barY)}" stroke="${GRID}" stroke-width="2"/>`);
      if (s.n > 0 && s.min !== null && s.max !== null && s.q1 !== null && s.q3 !== null && s.median !== null) {
        parts.push(`<line x1="${fmt(at(s.min))}" y1="${fmt(barY)}" x2="${fmt(at(s.max))}" y2="${fmt(barY)}" stroke="${colour}" stroke-width="3"/>`);
        const [a, c] = [at(s.q1), at(s.q3)].sort((p, q) => p - q) as [number, number];
        parts.push(`<rect x="${fmt(a - (c - a < 8 ? 4 : 0))}" y="${fmt(barY - 10)}" width="${fmt(Math.max(8, c - a))}" height="20" fill="${colour}" fill-opacity="0.35" stroke="${colour}"/>`);
        parts.push(`<circle cx="${fmt(at(s.median))}" cy="${fmt(barY)}" r="8" fill="${SERIES_COLOURS[1]}" stroke="#ffffff" stroke-width="2"/>`);
      }
      const fy = l.stacked ? mid - 4 : mid + 9;
      parts.push(text(pos(sc.fig), fy, figure(s.median, input.lang), { anchor: l.stacked ? "middle" : "start", lang: input.lang, size: 26, weight: 700 }));
    });
    const voters = Math.max(0, ...g.cells.map((c) => c.n));
    parts.push(text(pos(W - GRID_PAD), mid + 7, input.votesLabel(voters), { anchor: "end", lang: input.lang, size: 19, fill: MUTED }));
    y += h;
  });
  return svg(W, y + 8, input.title, parts.join(""));
}
