/**
 * The phased roadmap as a timeline Gambegam draws itself (SVG text), because
 * mermaid's Gantt chart can only run time left to right and write Gregorian
 * axis dates. In Persian, time runs right to left and the ticks fall on Jalali
 * month starts; in English, left to right on the 1st of each month. One bar per
 * dated stage, with its name and its date range written as the document writes
 * dates (start before end); a goal's target date is a diamond on its stage's
 * row. Pure, so the Word export (rasterised by the diagram renderer, decision
 * 019) and a page can show the same picture.
 */
import jalaali from "jalaali-js";
import type { Language, Pack } from "#methodology/schema.ts";
import { readGoals, readStages } from "#app/domain/planning.ts";
import { esc } from "#app/views/charts.ts";
import { calendarYear, formatDate } from "#app/views/format.ts";
import { isolatedFor, roadmapGantt, type DiagramData } from "#app/views/diagrams.ts";

export type RoadmapTimeline = {
  /** The drawing; null when no stage has dates to draw. */
  svg: string | null;
  /** The same content as a table (stages, their dates, their goals). */
  table: { columns: string[]; rows: string[][] };
};

/** The widths the drawing may take: the narrow one (a portrait page) when its months fit, else the wide one (landscape). */
export type TimelineWidths = { narrow: number; wide: number };
const DEFAULT_WIDTHS: TimelineWidths = { narrow: 640, wide: 970 };

/**
 * The drawing a screen shows (the project home, the roadmap page, full screen):
 * narrower in its own units and with labels 1.3 times the document's, so a page
 * column of 680 px or more shows every label at 13 px or more, and a projector
 * that fits the picture to its width shows them at 18 px or more. Large text
 * (the display preference) multiplies the labels by a further 1.25.
 */
export const SCREEN_TIMELINE = { widths: { narrow: 680, wide: 680 } satisfies TimelineWidths, text: 1.3 };
export const LARGE_TEXT = 1.25;
/** The text scale of the screen's drawing, in normal or large text. */
export const screenText = (large: boolean) => SCREEN_TIMELINE.text * (large ? LARGE_TEXT : 1);

const INK = "#1f2328";
const MUTED = "#59636e";
const GRID = "#d8dee4";
const YEAR_GRID = "#8c959f";
const BAR = "#0072B2";
const GOAL = "#D55E00";
const FONT = "Vazirmatn, Tahoma, sans-serif";

const PAD = 16;
/** Below this many pixels a month, the drawing takes the wide width. */
const MONTH_PX = 40;
const AXIS_H = 44;
const ROW_H = 58;
const BAR_H = 14;
const LEGEND_H = 24;

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/**
 * The month starts from the one on or before `from` to the first one after
 * `to`: Jalali months in Persian, Gregorian in English.
 */
export function monthStarts(from: string, to: string, lang: Language): string[] {
  const out: string[] = [];
  const end = dayOf(to);
  if (lang === "fa") {
    let { jy, jm } = jalaali.toJalaali(Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10)));
    for (;;) {
      const { gy, gm, gd } = jalaali.toGregorian(jy, jm, 1);
      const iso = isoOf(gy, gm, gd);
      out.push(iso);
      if (dayOf(iso) > end) return out;
      if (++jm > 12) [jy, jm] = [jy + 1, 1];
    }
  }
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (;;) {
    const iso = isoOf(y, m, 1);
    out.push(iso);
    if (dayOf(iso) > end) return out;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

const monthFormats = new Map<Language, Intl.DateTimeFormat>();
/** A month's name as an axis writes it: Persian (Jalali) in full, English short ("Dec"). */
function monthName(iso: string, lang: Language): string {
  let f = monthFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === "fa" ? "fa-IR-u-ca-persian" : "en-GB", { month: lang === "fa" ? "long" : "short", timeZone: "UTC" });
    monthFormats.set(lang, f);
  }
  return f.format(new Date(dayOf(iso) * DAY_MS));
}

/** A rough width of a text (Vazirmatn and Latin alike, measured in Chromium at about half the size a character), to keep labels inside the drawing. */
const textWidth = (s: string, size: number, bold = false) => [...s].length * size * (bold ? 0.56 : 0.52);

function clip(s: string, size: number, room: number): string {
  const chars = [...s];
  const max = Math.max(4, Math.floor(room / (size * 0.56)));
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
}

const drawn = new WeakMap<DiagramData, Map<string, RoadmapTimeline>>();

/**
 * The roadmap timeline (drawn once per project data, language, title, widths
 * and text scale). `text` multiplies every label and the rows and axis that
 * hold them; the document's drawing is the default (1).
 */
export function roadmapTimeline(pack: Pack, data: DiagramData, lang: Language, title: string, widths: TimelineWidths = DEFAULT_WIDTHS, text = 1): RoadmapTimeline {
  let byKey = drawn.get(data);
  if (!byKey) {
    byKey = new Map();
    drawn.set(data, byKey);
  }
  const key = `${pack.id}@${pack.version}|${lang}|${title}|${widths.narrow}|${widths.wide}|${text}`;
  let out = byKey.get(key);
  if (!out) {
    out = draw(pack, data, lang, title, widths, text);
    byKey.set(key, out);
  }
  return out;
}

function draw(pack: Pack, data: DiagramData, lang: Language, title: string, widths: TimelineWidths, k: number): RoadmapTimeline {
  const table = roadmapGantt(pack, data, lang, title).table;
  const planning = pack.planning;
  if (!planning) return { svg: null, table };
  const answers = { answers: new Map(), rows: data.rows };
  const stages = readStages(planning, answers).filter((s): s is typeof s & { start: string; end: string } => Boolean(s.start && s.end && s.end >= s.start));
  if (!stages.length) return { svg: null, table };
  const stageIds = new Set(stages.map((s) => s.id));
  const goals = readGoals(planning, answers).filter((g) => g.targetDate && g.stageId !== null && stageIds.has(g.stageId));
  const rtl = lang === "fa";

  const from = stages.reduce((a, s) => (s.start < a ? s.start : a), stages[0]!.start);
  const to = stages.reduce((a, s) => (s.end > a ? s.end : a), stages[0]!.end);
  const ticks = monthStarts(from, to, lang);
  const months = ticks.length - 1;
  const width = months * MONTH_PX + 2 * PAD <= widths.narrow ? widths.narrow : widths.wide;
  const plot = { left: PAD, right: width - PAD };
  const span = plot.right - plot.left;
  const first = dayOf(ticks[0]!);
  const days = dayOf(ticks.at(-1)!) - first;
  /** The x of a day's start edge: time runs right to left in Persian. */
  const x = (day: number) => (rtl ? plot.right - ((day - first) / days) * span : plot.left + ((day - first) / days) * span);
  // The axis, the rows and the legend grow with their labels (k: the text scale).
  const [AXIS, ROW, BARH, LEGEND] = [AXIS_H * k, ROW_H * k, BAR_H * Math.min(k, 1.5), LEGEND_H * k];
  const size = { name: 12 * k, range: 11 * k, month: 11 * k, year: 10 * k };
  const height = Math.ceil(AXIS + stages.length * ROW + (goals.length ? LEGEND : 0) + 8);
  const rowsBottom = AXIS + stages.length * ROW;

  /** A label whose start (in reading order) is at `at`, kept inside the plot: it turns back from the far edge when it would run out. */
  const text = (at: number, y: number, s: string, o: { size: number; fill?: string; weight?: string; cls?: string }) => {
    const w = textWidth(s.replace(/[\u2066-\u2069]/g, ""), o.size, Boolean(o.weight));
    const room = rtl ? at - plot.left : plot.right - at;
    const fits = w <= room;
    const anchor = fits ? "start" : "end";
    const ax = fits ? at : rtl ? plot.left : plot.right;
    return `<text${o.cls ? ` class="${o.cls}"` : ""} x="${fmt(ax)}" y="${fmt(y)}" font-size="${fmt(o.size)}"${o.weight ? ` font-weight="${o.weight}"` : ""} fill="${o.fill ?? INK}" text-anchor="${anchor}"${rtl ? ' direction="rtl"' : ""}>${esc(s)}</text>`;
  };

  const parts: string[] = [];
  // The axis: a line at every month start, a name inside each month (every k-th when months are narrow), the year where it turns.
  const perMonth = span / months;
  const widest = Math.max(...ticks.slice(0, -1).map((t) => textWidth(monthName(t, lang), size.month)));
  const every = [1, 2, 3, 4, 6, 12].find((k) => perMonth * k >= widest + 6);
  // A roadmap of many years: a line and a label at every n-th year's start only, no month names.
  const everyYears = every ? 0 : Math.ceil((textWidth("0000", size.year) + 8) / (perMonth * 12));
  let lastYear = "";
  ticks.forEach((t, i) => {
    const tx = x(dayOf(t));
    const j = lang === "fa" ? jalaali.toJalaali(Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8, 10))) : null;
    const month = j ? j.jm : Number(t.slice(5, 7));
    if (!every) {
      const year = j ? j.jy : Number(t.slice(0, 4));
      if (month !== 1 || year % everyYears !== 0) return;
      parts.push(`<line class="tick year" data-date="${t}" x1="${fmt(tx)}" x2="${fmt(tx)}" y1="${fmt(AXIS - 6)}" y2="${fmt(rowsBottom)}" stroke="${YEAR_GRID}" stroke-width="1"/>`);
      parts.push(`<text x="${fmt(rtl ? tx - 3 : tx + 3)}" y="${fmt(31 * k)}" font-size="${fmt(size.year)}" fill="${MUTED}" text-anchor="start"${rtl ? ' direction="rtl"' : ""}>${esc(calendarYear(t, lang))}</text>`);
      return;
    }
    parts.push(`<line class="tick" data-date="${t}" x1="${fmt(tx)}" x2="${fmt(tx)}" y1="${fmt(AXIS - 6)}" y2="${fmt(rowsBottom)}" stroke="${month === 1 && i > 0 ? YEAR_GRID : GRID}" stroke-width="1"/>`);
    // Every k-th month is named, counted from the year's first month, so a year's start always is.
    if (i === ticks.length - 1 || (month - 1) % every !== 0) return;
    const lx = rtl ? tx - 4 : tx + 4;
    const anchor = `text-anchor="start"${rtl ? ' direction="rtl"' : ""}`;
    parts.push(`<text x="${fmt(lx)}" y="${fmt(16 * k)}" font-size="${fmt(size.month)}" fill="${INK}" ${anchor}>${esc(monthName(t, lang))}</text>`);
    const year = calendarYear(t, lang);
    if (year !== lastYear) parts.push(`<text x="${fmt(lx)}" y="${fmt(31 * k)}" font-size="${fmt(size.year)}" fill="${MUTED}" ${anchor}>${esc(year)}</text>`);
    lastYear = year;
  });
  parts.push(`<line x1="${plot.left}" x2="${plot.right}" y1="${fmt(AXIS - 6)}" y2="${fmt(AXIS - 6)}" stroke="${YEAR_GRID}" stroke-width="1"/>`);

  // One row per stage: its name, its dates, its bar, and its goals' target dates.
  stages.forEach((s, row) => {
    const top = AXIS + row * ROW;
    const startEdge = x(dayOf(s.start));
    const endEdge = x(dayOf(s.end) + 1);
    const [left, right] = rtl ? [endEdge, startEdge] : [startEdge, endEdge];
    const range = rtl ? `${formatDate(s.start, lang)} تا ${formatDate(s.end, lang)}` : `${formatDate(s.start, lang)} – ${formatDate(s.end, lang)}`;
    parts.push(text(startEdge, top + 15 * k, isolatedFor(clip(s.name, size.name, span), lang), { size: size.name, weight: "bold" }));
    parts.push(text(startEdge, top + 31 * k, range, { size: size.range, fill: MUTED }));
    const barTop = top + ROW - 21 * k;
    parts.push(`<rect class="bar" data-stage="${s.index}" x="${fmt(left)}" y="${fmt(barTop)}" width="${fmt(Math.max(2, right - left))}" height="${fmt(BARH)}" rx="3" fill="${BAR}"/>`);
    const mid = barTop + BARH / 2;
    for (const g of goals.filter((g) => g.stageId === s.id)) {
      const d = dayOf(g.targetDate!);
      if (d < first || d > first + days) continue;
      const gx = x(d + 0.5);
      const r = 6 * Math.min(k, 1.5);
      parts.push(`<polygon class="goal" data-date="${g.targetDate}" points="${fmt(gx)},${fmt(mid - r - 1)} ${fmt(gx + r)},${fmt(mid)} ${fmt(gx)},${fmt(mid + r + 1)} ${fmt(gx - r)},${fmt(mid)}" fill="${GOAL}" stroke="#ffffff" stroke-width="1.5"><title>${esc(g.name)}</title></polygon>`);
    }
  });

  if (goals.length) {
    const y = rowsBottom + 16 * k;
    const r = 6 * Math.min(k, 1.5);
    const gx = rtl ? plot.right - r : plot.left + r;
    const my = y - 4 * k;
    parts.push(`<polygon points="${fmt(gx)},${fmt(my - r - 1)} ${fmt(gx + r)},${fmt(my)} ${fmt(gx)},${fmt(my + r + 1)} ${fmt(gx - r)},${fmt(my)}" fill="${GOAL}"/>`);
    parts.push(text(rtl ? gx - 2 * r : gx + 2 * r, y, lang === "fa" ? "تاریخ هدف‌ها" : "Goals’ target dates", { size: size.range, fill: MUTED }));
  }

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" font-family="${FONT}"><title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join("")}</svg>`;
  return { svg, table };
}
