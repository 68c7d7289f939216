/**
 * Charts as SVG text: a radar (readiness) and a line chart over periods
 * (adoption, KPI progress). Pure functions, so the page renders them on the
 * server (they work before any script loads) and the Word builders get the
 * same picture rasterised by the diagram renderer.
 *
 * Every series has its own colour (Okabe–Ito, safe for colour-blind readers)
 * and its own marker shape, so nothing is told by colour alone; every chart
 * has a table beside it on the page and in the documents.
 */
import { localDigits } from "#app/views/format.ts";
import { scoreOf } from "#app/views/display.ts";

export type ChartLang = "fa" | "en";

export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"] as const;
const MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross", "star"] as const;
const INK = "#1f2328";
const MUTED = "#59636e";
const GRID = "#d0d7de";
const FONT = "Vazirmatn, Tahoma, sans-serif";

/** Text safe inside SVG (also strips characters XML cannot hold). */
export function esc(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** A label anchored by its left or right edge (or centre) whatever the script's direction. */
function label(x: number, y: number, s: string, o: { edge: "left" | "right" | "middle"; lang: ChartLang; size?: number; weight?: number; fill?: string }): string {
  const rtl = o.lang === "fa";
  const anchor = o.edge === "middle" ? "middle" : (o.edge === "left") !== rtl ? "start" : "end";
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-size="${o.size ?? 12}"${o.weight ? ` font-weight="${o.weight}"` : ""} fill="${o.fill ?? INK}" text-anchor="${anchor}"${rtl ? ' direction="rtl"' : ""}>${esc(s)}</text>`;
}

/** Cuts a label to at most `max` characters per line, over at most `lines` lines (with an ellipsis). */
export function wrapLabel(s: string, max: number, lines = 2): string[] {
  const words = s.trim().split(/\s+/);
  const out: string[] = [];
  let cur = "";
  for (const w of words) {
    if (!cur) cur = w;
    else if ((cur + " " + w).length <= max) cur += " " + w;
    else {
      out.push(cur);
      cur = w;
    }
  }
  if (cur) out.push(cur);
  const kept = out.slice(0, lines).map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
  if (out.length > lines) kept[lines - 1] = `${kept[lines - 1]!.replace(/…$/, "").slice(0, max - 1)}…`;
  return kept;
}

function marker(shape: (typeof MARKERS)[number], x: number, y: number, colour: string, r = 4.5): string {
  const p = (pts: Array<[number, number]>) => `<polygon points="${pts.map(([a, b]) => `${fmt(x + a)},${fmt(y + b)}`).join(" ")}" fill="${colour}"/>`;
  switch (shape) {
    case "circle":
      return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${r}" fill="${colour}"/>`;
    case "square":
      return `<rect x="${fmt(x - r)}" y="${fmt(y - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
    case "triangle":
      return p([[0, -r - 1], [r + 1, r], [-r - 1, r]]);
    case "triangle-down":
      return p([[0, r + 1], [r + 1, -r], [-r - 1, -r]]);
    case "diamond":
      return p([[0, -r - 1], [r + 1, 0], [0, r + 1], [-r - 1, 0]]);
    case "plus":
      return `<path d="M${fmt(x - r)} ${fmt(y)}h${2 * r}M${fmt(x)} ${fmt(y - r)}v${2 * r}" stroke="${colour}" stroke-width="3"/>`;
    case "cross":
      return `<path d="M${fmt(x - r)} ${fmt(y - r)}l${2 * r} ${2 * r}M${fmt(x + r)} ${fmt(y - r)}l${-2 * r} ${2 * r}" stroke="${colour}" stroke-width="3"/>`;
    case "star":
      return p(Array.from({ length: 10 }, (_, i) => {
        const a = (Math.PI / 5) * i - Math.PI / 2;
        const rr = i % 2 ? r * 0.5 : r * 1.3;
        return [rr * Math.cos(a), rr * Math.sin(a)] as [number, number];
      }));
  }
}

function svg(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="${FONT}"><title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}

export type RadarInput = {
  title: string;
  lang: ChartLang;
  min: number;
  max: number;
  /** Scores below this are gaps: the ring is drawn dashed, and its label says so. */
  threshold?: { value: number; label: string };
  axes: Array<{ label: string; value: number | null }>;
  /** Shown at an unscored axis. */
  unscoredLabel: string;
  colour?: string;
  /** A band around the values (a workshop's interquartile range per axis), drawn under them, with its key. */
  band?: { label: string; values: Array<{ lo: number; hi: number } | null> };
  /** Drawn for a projector across the screen: a wider canvas, every text 20 units or more (review finding 3). */
  large?: boolean;
};

/** A radar chart; unscored axes get no point (they are not drawn as zero). */
export function radarChart(input: RadarInput): string {
  const big = input.large === true;
  const W = big ? 1200 : 640, H = big ? 740 : 500, cx = W / 2, cy = big ? 370 : 250, R = big ? 210 : 170;
  // Text sizes and line heights: as designed at 640 wide, or at least 20 units on the projector's canvas.
  const size = (n: number) => (big ? Math.max(20, Math.round(n * 1.8)) : n);
  const lh = big ? 25 : 14;
  const n = input.axes.length;
  const colour = input.colour ?? SERIES_COLOURS[0];
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  const at = (i: number, v: number) => {
    const r = (R * (v - input.min)) / (input.max - input.min);
    return [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))] as const;
  };
  const parts: string[] = [];
  // Rings: one per score step.
  for (let v = input.min + 1; v <= input.max; v++) {
    const pts = input.axes.map((_, i) => at(i, v).map(fmt).join(",")).join(" ");
    parts.push(`<polygon points="${pts}" fill="none" stroke="${GRID}" stroke-width="1"/>`);
    const [lx, ly] = at(0, v);
    parts.push(`<text x="${fmt(lx + 4)}" y="${fmt(ly + (big ? 8 : 4))}" font-size="${size(10)}" fill="${MUTED}">${esc(localDigits(v, input.lang))}</text>`);
  }
  if (input.threshold) {
    const pts = input.axes.map((_, i) => at(i, input.threshold!.value).map(fmt).join(",")).join(" ");
    parts.push(`<polygon points="${pts}" fill="none" stroke="#bc4c00" stroke-width="1.5" stroke-dasharray="5 4"/>`);
  }
  // Spokes and labels.
  input.axes.forEach((a, i) => {
    const [x, y] = at(i, input.max);
    parts.push(`<line x1="${cx}" y1="${cy}" x2="${fmt(x)}" y2="${fmt(y)}" stroke="${GRID}"/>`);
    const [lx, ly] = [cx + (R + (big ? 24 : 18)) * Math.cos(angle(i)), cy + (R + (big ? 24 : 18)) * Math.sin(angle(i))];
    const c = Math.cos(angle(i));
    const edge = Math.abs(c) < 0.2 ? "middle" : c > 0 ? "left" : "right";
    const lines = wrapLabel(a.label, 22);
    const valueText = a.value === null ? input.unscoredLabel : scoreOf(a.value, input.max, input.lang);
    const all = [...lines, valueText];
    const top = Math.sin(angle(i)) < -0.2 ? ly - (all.length - 1) * lh : Math.abs(Math.sin(angle(i))) <= 0.2 ? ly - ((all.length - 1) * lh) / 2 + 4 : ly + (big ? 18 : 8);
    all.forEach((line, k) =>
      parts.push(label(lx, top + k * lh, line, { edge, lang: input.lang, size: size(k === all.length - 1 ? 11 : 12), weight: k === all.length - 1 ? 700 : undefined, fill: k === all.length - 1 ? (a.value === null ? MUTED : colour) : INK })),
    );
  });
  if (input.band && input.band.values.filter(Boolean).length >= 3) {
    const ring = (pick: (b: { lo: number; hi: number }) => number) =>
      input.band!.values.flatMap((b, i) => (b ? [at(i, pick(b)).map(fmt).join(",")] : [])).join(" L");
    parts.push(`<path d="M${ring((b) => b.hi)} Z M${ring((b) => b.lo)} Z" fill="${colour}" fill-opacity="0.16" fill-rule="evenodd" stroke="${colour}" stroke-width="1" stroke-dasharray="3 3"/>`);
    const rtl = input.lang === "fa";
    parts.push(`<rect x="${rtl ? W - 54 : 24}" y="${H - 44}" width="30" height="14" fill="${colour}" fill-opacity="0.16" stroke="${colour}" stroke-dasharray="3 3"/>`);
    parts.push(label(rtl ? W - 62 : 62, H - (big ? 30 : 33), input.band.label, { edge: rtl ? "right" : "left", lang: input.lang, size: size(12), fill: MUTED }));
  }
  // The scores: a filled shape through the scored axes, and a marker on each.
  const scored = input.axes.map((a, i) => ({ a, i })).filter(({ a }) => a.value !== null);
  if (scored.length >= 3) {
    parts.push(`<polygon points="${scored.map(({ a, i }) => at(i, a.value!).map(fmt).join(",")).join(" ")}" fill="${colour}" fill-opacity="0.18" stroke="${colour}" stroke-width="2.5"/>`);
  } else if (scored.length === 2) {
    const [p, q] = scored.map(({ a, i }) => at(i, a.value!));
    parts.push(`<line x1="${fmt(p![0])}" y1="${fmt(p![1])}" x2="${fmt(q![0])}" y2="${fmt(q![1])}" stroke="${colour}" stroke-width="2.5"/>`);
  }
  for (const { a, i } of scored) {
    const [x, y] = at(i, a.value!);
    parts.push(marker("circle", x, y, colour, big ? 7 : 4));
  }
  if (input.threshold) {
    const rtl = input.lang === "fa";
    const [a, b] = rtl ? [W - 24, W - 54] : [24, 54];
    parts.push(`<line x1="${a}" y1="${H - 18}" x2="${b}" y2="${H - 18}" stroke="#bc4c00" stroke-width="1.5" stroke-dasharray="5 4"/>`);
    parts.push(label(rtl ? W - 62 : 62, H - 14, input.threshold.label, { edge: rtl ? "right" : "left", lang: input.lang, size: size(12), fill: MUTED }));
  }
  return svg(W, H, input.title, parts.join(""));
}

export type LineSeries = { name: string; values: Array<number | null> };

export type LineChartInput = {
  title: string;
  lang: ChartLang;
  /** One label per x position (e.g. formatted period dates). */
  xLabels: string[];
  series: LineSeries[];
  /** Unit after each y tick (e.g. "%"). */
  yUnit?: string;
  /** Axis floor and least ceiling; the axis grows to fit values beyond them. */
  yMin?: number;
  yMax?: number;
  /** Horizontal reference lines (e.g. the adoption reference, or "target = 100%"). */
  references?: Array<{ value: number; label: string }>;
  yAxisLabel?: string;
};

/** Round numbers for the y axis: about five ticks. */
export function niceTicks(min: number, max: number): number[] {
  const span = max - min || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => span / s <= 6) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/**
 * Lines over ordered periods. A null value is a gap: the line breaks there
 * rather than falling to zero. Values beyond the axis bounds widen the axis.
 */
export function lineChart(input: LineChartInput): string {
  const rtl = input.lang === "fa";
  const W = 720;
  const legendRows = input.series.length + (input.references?.length ?? 0);
  const plotTop = 24, plotH = 300;
  const H = plotTop + plotH + 56 + legendRows * 20 + 8;
  const left = rtl ? 24 : 64, right = rtl ? 64 : 24;
  const plotW = W - left - right;
  const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const refs = input.references ?? [];
  const lo = Math.min(input.yMin ?? 0, ...values, ...refs.map((r) => r.value));
  const hi = Math.max(input.yMax ?? 1, ...values, ...refs.map((r) => r.value));
  const ticks = niceTicks(lo, hi);
  const y0 = ticks[0]!, y1 = ticks[ticks.length - 1]!;
  const n = input.xLabels.length;
  const xAt = (i: number) => (n <= 1 ? left + plotW / 2 : left + 24 + ((plotW - 48) * i) / (n - 1));
  const yAt = (v: number) => plotTop + plotH - ((v - y0) / (y1 - y0 || 1)) * plotH;
  const parts: string[] = [];
  const axisX = rtl ? W - right : left;
  for (const t of ticks) {
    parts.push(`<line x1="${left}" y1="${fmt(yAt(t))}" x2="${W - right}" y2="${fmt(yAt(t))}" stroke="${GRID}"/>`);
    const txt = `${localDigits(fmt(t), input.lang)}${input.yUnit ?? ""}`;
    parts.push(label(rtl ? axisX + 8 : axisX - 8, yAt(t) + 4, txt, { edge: rtl ? "left" : "right", lang: input.lang, size: 11, fill: MUTED }));
  }
  parts.push(`<line x1="${axisX}" y1="${plotTop}" x2="${axisX}" y2="${plotTop + plotH}" stroke="${MUTED}"/>`);
  input.xLabels.forEach((xl, i) => {
    parts.push(`<line x1="${fmt(xAt(i))}" y1="${plotTop + plotH}" x2="${fmt(xAt(i))}" y2="${plotTop + plotH + 5}" stroke="${MUTED}"/>`);
    parts.push(label(xAt(i), plotTop + plotH + 20, xl, { edge: "middle", lang: input.lang, size: 11, fill: MUTED }));
  });
  refs.forEach((r, k) => {
    const dash = k % 2 ? "2 4" : "7 5";
    parts.push(`<line x1="${left}" y1="${fmt(yAt(r.value))}" x2="${W - right}" y2="${fmt(yAt(r.value))}" stroke="#6e7781" stroke-width="1.5" stroke-dasharray="${dash}"/>`);
  });
  input.series.forEach((s, k) => {
    const colour = SERIES_COLOURS[k % SERIES_COLOURS.length]!;
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) parts.push(`<polyline points="${run.join(" ")}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round"/>`);
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flush();
      run.push(`${fmt(xAt(i))},${fmt(yAt(v))}`);
    });
    flush();
    s.values.forEach((v, i) => {
      if (v !== null) parts.push(marker(MARKERS[k % MARKERS.length]!, xAt(i), yAt(v), colour));
    });
  });
  // Legend: one row per series, then the reference lines.
  let ly = plotTop + plotH + 48;
  const keyX = rtl ? W - right - 4 : left + 4;
  const textX = rtl ? keyX - 40 : keyX + 40;
  input.series.forEach((s, k) => {
    const colour = SERIES_COLOURS[k % SERIES_COLOURS.length]!;
    const x1 = rtl ? keyX - 30 : keyX;
    parts.push(`<line x1="${x1}" y1="${ly - 4}" x2="${x1 + 30}" y2="${ly - 4}" stroke="${colour}" stroke-width="2.5"/>`);
    parts.push(marker(MARKERS[k % MARKERS.length]!, x1 + 15, ly - 4, colour));
    parts.push(label(textX, ly, s.name, { edge: rtl ? "right" : "left", lang: input.lang, size: 12 }));
    ly += 20;
  });
  refs.forEach((r, k) => {
    const x1 = rtl ? keyX - 30 : keyX;
    parts.push(`<line x1="${x1}" y1="${ly - 4}" x2="${x1 + 30}" y2="${ly - 4}" stroke="#6e7781" stroke-width="1.5" stroke-dasharray="${k % 2 ? "2 4" : "7 5"}"/>`);
    parts.push(label(textX, ly, r.label, { edge: rtl ? "right" : "left", lang: input.lang, size: 12, fill: MUTED }));
    ly += 20;
  });
  if (input.yAxisLabel) parts.push(label(rtl ? W - right : left, 14, input.yAxisLabel, { edge: rtl ? "right" : "left", lang: input.lang, size: 11, fill: MUTED }));
  return svg(W, H, input.title, parts.join(""));
}

export type MatrixInput = {
  title: string;
  lang: ChartLang;
  /** Scale of both axes (0–5 for goal scores). */
  min: number;
  max: number;
  xLabel: string;
  yLabel: string;
  /** Quadrant names: top-left, top-right, bottom-left, bottom-right (x = effort, y = value). */
  quadrants: [string, string, string, string];
  /** Each point is drawn as a numbered marker; the table beside the chart says which goal each number is. */
  points: Array<{ n: number; x: number; y: number }>;
};

/**
 * A two-by-two matrix (value against effort): four named quadrants split at
 * the middle of the scale, each goal a numbered circle. Points that share a
 * place are fanned out a little so every number stays readable.
 */
export function matrixChart(input: MatrixInput): string {
  const left = 64, top = 16, pw = 440, ph = 340;
  const W = left + pw + 24, H = top + ph + 50;
  const span = input.max - input.min || 1;
  const xAt = (v: number) => left + ((v - input.min) / span) * pw;
  const yAt = (v: number) => top + ph - ((v - input.min) / span) * ph;
  const mid = (input.min + input.max) / 2;
  const parts: string[] = [];
  const shade = ["#e8f4fb", "#fdf2e9", "#f6f8fa", "#fbeaea"];
  const q = [
    [xAt(input.min), yAt(input.max), xAt(mid) - xAt(input.min), yAt(mid) - yAt(input.max)],
    [xAt(mid), yAt(input.max), xAt(input.max) - xAt(mid), yAt(mid) - yAt(input.max)],
    [xAt(input.min), yAt(mid), xAt(mid) - xAt(input.min), yAt(input.min) - yAt(mid)],
    [xAt(mid), yAt(mid), xAt(input.max) - xAt(mid), yAt(input.min) - yAt(mid)],
  ] as const;
  q.forEach(([x, y, w, h], i) => {
    parts.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" fill="${shade[i]}" stroke="${GRID}"/>`);
    const lines = wrapLabel(input.quadrants[i]!, 24);
    lines.forEach((ln, j) => parts.push(label(x + w / 2, y + 18 + j * 15, ln, { edge: "middle", lang: input.lang, size: 12, weight: 600, fill: MUTED })));
  });
  for (let v = input.min; v <= input.max; v++) {
    parts.push(label(xAt(v), top + ph + 16, localDigits(v, input.lang), { edge: "middle", lang: input.lang, size: 12, fill: MUTED }));
    parts.push(`<text x="${fmt(left - 8)}" y="${fmt(yAt(v) + 4)}" font-size="12" fill="${MUTED}" text-anchor="end">${esc(localDigits(v, input.lang))}</text>`);
  }
  parts.push(label(left + pw / 2, top + ph + 36, input.xLabel, { edge: "middle", lang: input.lang, size: 12, weight: 600 }));
  parts.push(`<text transform="translate(${fmt(left - 36)} ${fmt(top + ph / 2)}) rotate(-90)" font-size="12" font-weight="600" fill="${INK}" text-anchor="middle"${input.lang === "fa" ? ' direction="rtl"' : ""}>${esc(input.yLabel)}</text>`);
  const seen = new Map<string, number>();
  for (const p of input.points) {
    const key = `${fmt(p.x)}:${fmt(p.y)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const a = (k * 2 * Math.PI) / 6;
    const r = k ? 14 : 0;
    const cx = xAt(p.x) + r * Math.cos(a), cy = yAt(p.y) + r * Math.sin(a);
    parts.push(`<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="10" fill="${SERIES_COLOURS[0]}" stroke="#ffffff" stroke-width="1.5"/>`);
    // 12 units, like every label here: full screen on a 1366 × 768 laptop the matrix then fits at the room's 18 px instead of being drawn larger and cut at the bottom.
    parts.push(`<text x="${fmt(cx)}" y="${fmt(cy + 4)}" font-size="12" font-weight="700" fill="#ffffff" text-anchor="middle">${esc(localDigits(p.n, input.lang))}</text>`);
  }
  return svg(W, H, input.title, parts.join(""));
}
