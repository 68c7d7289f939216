/**
 * A workshop activity's result as the projector shows it (decision 039): a
 * chart drawn on the server and the same figures as a table. Goal scores:
 * per goal (and criterion) the median, the spread and how many voted; points:
 * per goal the points given; readiness: the radar through the medians with the
 * interquartile band; a poll: a bar per option. Pure; both languages.
 */
import type { ChartView } from "#app/views/change-views.ts";
import { figure, pollChart, rangeChart, rangeChartHeight, scoreGrid, scoreGridHeights, spreadRadar, type RangeRow } from "#app/views/workshop-charts.ts";
import { localDigits } from "#app/views/format.ts";
import type { ActivitySubjects, Label, Stats, Summary } from "#app/domain/workshop.ts";
import { WORKSHOP_LIMITS } from "#app/domain/workshop.ts";
import type { Language } from "#methodology/schema.ts";

const TEXT = {
  en: {
    goal: "Goal", criterion: "Criterion", topic: "Topic", median: "Median", spread: "Spread (Q1–Q3)", range: "Lowest–highest", votes: "Votes",
    option: "Option", share: "Share", points: "Points in all", goalScores: "The room's scores of the goals", pointsTitle: "Points the room gave each goal",
    readiness: "The room's readiness", poll: "Poll", band: "Middle half of the room (first to third quartile)", notScored: "no votes yet",
    votesOf: (n: number) => `${n} vote${n === 1 ? "" : "s"}`,
  },
  fa: {
    goal: "هدف", criterion: "معیار", topic: "موضوع", median: "میانه", spread: "پراکندگی (چارک اول تا سوم)", range: "کمترین تا بیشترین", votes: "رأی‌ها",
    option: "گزینه", share: "سهم", points: "جمع امتیازها", goalScores: "امتیاز حاضران به اهداف", pointsTitle: "امتیازی که حاضران به هر هدف دادند",
    readiness: "آمادگی از نگاه حاضران", poll: "نظرسنجی", band: "نیمه میانی حاضران (چارک اول تا سوم)", notScored: "هنوز رأیی نیست",
    votesOf: (n: number) => `${localDigits(n, "fa")} رأی`,
  },
} as const;

const labelText = (l: Label, lang: Language) => (typeof l === "string" ? l : l[lang] || l.en);
const between = (a: number | null, b: number | null, lang: Language) => (a === null || b === null ? "—" : lang === "fa" ? `${figure(a, lang)} تا ${figure(b, lang)}` : `${figure(a, lang)}–${figure(b, lang)}`);

function statsRow(label: string[], s: Stats, lang: Language): string[] {
  return [...label, figure(s.median, lang), between(s.q1, s.q3, lang), between(s.min, s.max, lang), localDigits(s.n, lang)];
}

/** A run of goals (indexes into the activity's goals, `to` excluded) that the projector shows at once. */
export type GoalPage = { from: number; to: number };

const EMPTY_STATS: Stats = { n: 0, median: null, q1: null, q3: null, spread: null, min: null, max: null };
const pointsRows = (subjects: Extract<ActivitySubjects, { mode: "points" }>, summary: Extract<Summary, { mode: "points" }>, lang: Language): RangeRow[] => {
  const total = new Map(summary.goals.map((g) => [g.goalId, g]));
  return subjects.goals.map((g) => ({ label: g.label, sublabel: `${TEXT[lang].points}: ${localDigits(total.get(g.id)?.total ?? 0, lang)}`, stats: total.get(g.id)?.stats ?? EMPTY_STATS }));
};

/**
 * The goals of a goal-scoring activity cut into pages that each fit `room`
 * units of height (a 1200-unit-wide chart; the projector measures its screen):
 * as many whole goals as fit, at least one a page. Other activities: one page.
 */
export function goalPages(subjects: ActivitySubjects, room: number): GoalPage[] {
  if (subjects.kind !== "goal-scores") return [{ from: 0, to: 0 }];
  const n = subjects.goals.length;
  let head: number;
  let rows: number[];
  if (subjects.mode === "criteria") {
    const h = scoreGridHeights(subjects.criteria.map((c) => c.label), subjects.goals.map((g) => g.label));
    head = h.head + h.foot;
    rows = h.rows;
  } else {
    const empty = rangeChartHeight([]);
    head = empty;
    rows = subjects.goals.map((g) => rangeChartHeight([{ label: g.label, sublabel: "x", stats: EMPTY_STATS }]) - empty);
  }
  const pages: GoalPage[] = [];
  let from = 0;
  let used = head;
  for (let i = 0; i < n; i++) {
    if (i > from && used + rows[i]! > room) {
      pages.push({ from, to: i });
      from = i;
      used = head;
    }
    used += rows[i]!;
  }
  pages.push({ from, to: n });
  // Even pages: 15 goals that need two pages are shown 8 + 7, not 14 + 1.
  if (pages.length > 1) {
    const per = Math.ceil(n / pages.length);
    const even = Array.from({ length: pages.length }, (_, k) => ({ from: k * per, to: Math.min(n, (k + 1) * per) })).filter((p) => p.from < p.to);
    const fits = even.every((p) => head + rows.slice(p.from, p.to).reduce((a, b) => a + b, 0) <= room);
    if (fits) return even;
  }
  return pages;
}

/** The chart and table of an activity's result; null for ideas (the projector lists them as cards). A `page` draws only those goals (the table keeps them all). */
export function activityResultView(subjects: ActivitySubjects, summary: Summary, lang: Language, page?: GoalPage): ChartView | null {
  const s = TEXT[lang];
  const shown = <T,>(all: T[]) => (page ? all.slice(page.from, page.to) : all);
  if (subjects.kind === "goal-scores" && summary.kind === "goal-scores") {
    const goal = new Map(subjects.goals.map((g) => [g.id, g.label]));
    if (subjects.mode === "criteria" && summary.mode === "criteria") {
      const crit = new Map(subjects.criteria.map((c) => [c.id, c.label]));
      const cell = new Map(summary.cells.map((c) => [`${c.goalId} ${c.criterionId}`, c.stats]));
      const goals = shown(subjects.goals).map((g) => ({ label: g.label, cells: subjects.criteria.map((c) => cell.get(`${g.id} ${c.id}`) ?? EMPTY_STATS) }));
      return {
        title: s.goalScores,
        svg: scoreGrid({ title: s.goalScores, lang, min: WORKSHOP_LIMITS.scoreMin, max: WORKSHOP_LIMITS.scoreMax, criteria: subjects.criteria.map((c) => c.label), goals, votesLabel: s.votesOf }),
        table: { columns: [s.goal, s.criterion, s.median, s.spread, s.range, s.votes], rows: summary.cells.map((c) => statsRow([goal.get(c.goalId) ?? "", crit.get(c.criterionId) ?? ""], c.stats, lang)) },
      };
    }
    if (summary.mode === "points" && subjects.mode === "points") {
      const max = subjects.points;
      return {
        title: s.pointsTitle,
        svg: rangeChart({ title: s.pointsTitle, lang, min: 0, max, rows: shown(pointsRows(subjects, summary, lang)), votesLabel: s.votesOf }),
        table: { columns: [s.goal, s.points, s.median, s.spread, s.range, s.votes], rows: summary.goals.map((g) => statsRow([goal.get(g.goalId) ?? "", localDigits(g.total, lang)], g.stats, lang)) },
      };
    }
  }
  if (subjects.kind === "readiness" && summary.kind === "readiness") {
    const topic = new Map(subjects.topics.map((t) => [t.id, labelText(t.label, lang)]));
    const topics = summary.topics.map((t) => ({ label: topic.get(t.topicId) ?? t.topicId, stats: t.stats }));
    return {
      title: s.readiness,
      svg: spreadRadar({ title: s.readiness, lang, min: WORKSHOP_LIMITS.scoreMin, max: WORKSHOP_LIMITS.scoreMax, topics, unscoredLabel: s.notScored, bandLabel: s.band }),
      table: { columns: [s.topic, s.median, s.spread, s.range, s.votes], rows: topics.map((t) => statsRow([t.label], t.stats, lang)) },
    };
  }
  if (subjects.kind === "poll" && summary.kind === "poll") {
    const total = summary.options.reduce((a, o) => a + o.count, 0);
    const pct = (c: number) => (total ? Math.round((c / total) * 100) : 0);
    return {
      title: subjects.question,
      svg: pollChart({ title: subjects.question, lang, options: summary.options.map((o) => ({ label: o.label, count: o.count })) }),
      table: { columns: [s.option, s.votes, s.share], rows: summary.options.map((o) => [o.label, localDigits(o.count, lang), lang === "fa" ? `${localDigits(pct(o.count), "fa")}٪` : `${pct(o.count)}%`]) },
    };
  }
  return null;
}
