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

export type RangeRow = { label: string; sublabel?: string; group?: string; stats: Spread };

/**
 * Drawn 1200 units wide for a projector that shows it across the screen: the
 * smallest text (19 units) is 20 px or more from 1366 px up (review finding 3).
 */
const WIDE = 1200;

/**
 * Per row: the label (reading side), then the scale `min..max` with the
 * spread drawn on it, then the median and how many voted (far side). Rows of
 * one `group` (a goal's criteria) sit under the group's name, written once
 * across the chart and wrapped, never cut. Rows with no votes show the scale
 * empty and "—".
 */
export function rangeChart(input: { title: string; lang: ChartLang; min: number; max: number; rows: RangeRow[]; votesLabel: (n: number) => string }): string {
  const W = WIDE;
  const lineH = 24;
  const top = 44;
  const labelW = 360;
  const figW = 250;
  const rtl = input.lang === "fa";
  // The layout first: a band for each new group's name, then the row.
  type Band = { kind: "group"; lines: string[]; y: number } | { kind: "row"; row: RangeRow; lines: string[]; y: number; h: number };
  const bands: Band[] = [];
  let y = top;
  let group: string | undefined;
  for (const r of input.rows) {
    if (r.group !== undefined && r.group !== group) {
      const lines = wrapLabel(r.group, 80, 3);
      bands.push({ kind: "group", lines, y: y + 6 });
      y += 14 + lines.length * lineH;
    }
    group = r.group;
    const lines = [...wrapLabel(r.label, 30, r.sublabel ? 2 : 3), ...(r.sublabel ? [r.sublabel] : [])];
    const h = Math.max(50, lines.length * lineH + 12);
    bands.push({ kind: "row", row: r, lines, y, h });
    y += h;
  }
  const H = y + 12;
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
    if (b.kind === "group") {
      parts.push(`<rect x="0" y="${fmt(b.y - 4)}" width="${W}" height="${fmt(b.lines.length * lineH + 8)}" fill="#f3f5f7"/>`);
      b.lines.forEach((line, k) => parts.push(text(labelX, b.y + k * lineH + 18, line, { anchor: "start", lang: input.lang, size: 21, weight: 700 })));
      continue;
    }
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
