/**
 * Planning figures drawn for a page, in one language: the value-versus-effort
 * matrix (SVG, with the same content as a table) and the journey map as a
 * mermaid flowchart with its table. Pure.
 */
import { formatNumber, localDigits } from "#app/views/format.ts";
import { i18nFor } from "#app/i18n.ts";
import { matrixChart } from "#app/views/charts.ts";
import { mermaidLabel, type GeneratedDiagram } from "#app/views/diagrams.ts";
import type { ChartView } from "#app/views/change-views.ts";
import type { Language, Localized } from "#methodology/schema.ts";
import { SCORE_MAX, type Criterion, type Goal, type MatrixPoint, type Ranking, type ScoreGrid, type Segment, type Touchpoint } from "#app/domain/planning.ts";

const TEXT = {
  fa: {
    matrix: "ارزش در برابر میزان تلاش",
    value: "ارزش",
    effort: "میزان تلاش",
    goal: "هدف",
    number: "شماره",
    quadrant: "ناحیه",
    quadrants: { "quick-win": "برد سریع", "major-project": "پروژه بزرگ", "fill-in": "کار جانبی", "money-pit": "چاه پول" },
    stage: "مرحله سفر",
    touchpoint: "نقطه تماس",
    channel: "کانال",
    segment: "بخش مشتریان",
    action: "آنچه مشتری انجام می‌دهد",
    data: "داده‌ای که داریم",
    gap: "شکاف",
    noStage: "بدون مرحله",
    allSegments: "همه بخش‌ها",
    gapPrefix: "شکاف",
  },
  en: {
    matrix: "Value versus effort",
    value: "Value",
    effort: "Effort",
    goal: "Goal",
    number: "No.",
    quadrant: "Quadrant",
    quadrants: { "quick-win": "Quick win", "major-project": "Major project", "fill-in": "Fill-in", "money-pit": "Money pit" },
    stage: "Journey stage",
    touchpoint: "Touchpoint",
    channel: "Channel",
    segment: "Customer segment",
    action: "What the customer does",
    data: "Data we hold",
    gap: "Gap",
    noStage: "No stage",
    allSegments: "All segments",
    gapPrefix: "Gap",
  },
} as const;

/** The matrix: goals numbered by their place in the goals register; the table says which is which. */
export function matrixView(m: { points: MatrixPoint[] }, lang: Language): ChartView {
  const L = TEXT[lang];
  const n = (p: MatrixPoint) => p.goal.index + 1;
  const table = {
    columns: [L.goal, L.number, L.value, L.effort, L.quadrant],
    rows: m.points.map((p) => [p.goal.name, localDigits(n(p), lang), formatNumber(Math.round(p.value * 10) / 10, lang), formatNumber(Math.round(p.effort * 10) / 10, lang), L.quadrants[p.quadrant]]),
  };
  if (!m.points.length) return { title: L.matrix, svg: null, table };
  const svg = matrixChart({
    title: L.matrix,
    lang,
    min: 0,
    max: 5,
    xLabel: L.effort,
    yLabel: L.value,
    quadrants: [L.quadrants["quick-win"], L.quadrants["major-project"], L.quadrants["fill-in"], L.quadrants["money-pit"]],
    points: m.points.map((p) => ({ n: n(p), x: p.effort, y: p.value })),
  });
  return { title: L.matrix, svg, table };
}

type TableView = { columns: string[]; rows: string[][] };

/** A weighted score as the ranking shows it: two decimals. */
const weightedScore = (score: number, lang: Language) => formatNumber(Math.round(score * 100) / 100, lang);

/**
 * A ranking as a table, in the prioritisation page's words: rank (a shared
 * rank marked as a tie), goal, weighted score or MoSCoW class, roadmap stage.
 * A goal not ranked yet says why.
 */
export function rankingTable(r: Ranking, stageNames: ReadonlyMap<number, string>, lang: Language): TableView {
  const { t } = i18nFor(lang);
  const p = "planning.prioritisation";
  const sep = t("planning.listSeparator");
  const measure = (e: Ranking["entries"][number]): string => {
    if (r.method === "moscow") return e.goal.moscow ? t(`planning.moscow.${e.goal.moscow}`) : t(`${p}.noClass`);
    if (e.score !== null) return weightedScore(e.score, lang);
    return e.missing.length ? t(`${p}.missing`, { names: e.missing.map((c) => c.name).join(sep) }) : "—";
  };
  return {
    columns: [t(`${p}.rank`), t(`${p}.goal`), r.method === "weighted" ? t(`${p}.score`, { max: localDigits(SCORE_MAX, lang) }) : t(`${p}.moscowClass`), t(`${p}.stage`)],
    rows: r.entries.map((e) => [
      e.rank === null ? "—" : e.tied ? `${localDigits(e.rank, lang)} (${t(`${p}.tie`)})` : localDigits(e.rank, lang),
      e.goal.name,
      measure(e),
      (e.goal.stageId !== null ? stageNames.get(e.goal.stageId) : undefined) ?? t(`${p}.noStage`),
    ]),
  };
}

/**
 * The score grid as a table: a row per goal, a column per criterion (named
 * only: the criteria table beside it gives weights and kinds), "—" where no
 * score is given.
 */
export function scoreGridTable(goals: Goal[], criteria: Criterion[], scores: ScoreGrid, lang: Language): TableView {
  const { t } = i18nFor(lang);
  return {
    columns: [t("planning.prioritisation.goal"), ...criteria.map((c) => c.name)],
    rows: goals.map((g) => [g.name, ...criteria.map((c) => {
      const cell = scores.get(g.id)?.get(c.id);
      return cell ? localDigits(cell.score, lang) : "—";
    })]),
  };
}

/**
 * The journey map: one column per journey stage (in the method's order),
 * each touchpoint a box naming its channel, and each gap a dashed red box
 * hanging off its touchpoint. Stages follow in reading order (right to left
 * in Persian).
 */
export function journeyDiagram(
  touchpoints: Touchpoint[],
  segments: Segment[],
  stages: Array<{ id: string; label: Localized }>,
  channels: Array<{ id: string; label: Localized }>,
  lang: Language,
): GeneratedDiagram {
  const L = TEXT[lang];
  const label = (list: Array<{ id: string; label: Localized }>, id: string) => list.find((x) => x.id === id)?.label[lang] ?? "";
  const segName = (id: number | null) => (id === null ? "" : (segments.find((s) => s.id === id)?.name ?? ""));
  const table = {
    columns: [L.stage, L.touchpoint, L.channel, L.segment, L.action, L.data, L.gap],
    rows: [] as string[][],
  };
  const order = [...stages.map((s) => s.id), ""];
  const byStage = new Map<string, Touchpoint[]>();
  for (const t of touchpoints) {
    const key = stages.some((s) => s.id === t.stage) ? t.stage : "";
    byStage.set(key, [...(byStage.get(key) ?? []), t]);
  }
  if (!touchpoints.length) return { definition: null, table };
  const lines = [lang === "fa" ? "flowchart RL" : "flowchart LR"];
  const stageNodes: string[] = [];
  order.forEach((stageId, si) => {
    const list = byStage.get(stageId);
    if (!list) return;
    const name = stageId ? label(stages, stageId) : L.noStage;
    lines.push(`  subgraph s${si}["${mermaidLabel(name)}"]`, "    direction TB");
    list.forEach((t, i) => {
      const node = `t${si}x${i}`;
      const channel = label(channels, t.channel);
      const seg = segName(t.segmentId);
      const text = [t.name, channel, seg].filter(Boolean).join(" · ");
      lines.push(`    ${node}["${mermaidLabel(text)}"]`);
      if (t.gap) {
        lines.push(`    ${node}g["${mermaidLabel(`${L.gapPrefix}: ${t.gap}`)}"]:::gap`, `    ${node} -.- ${node}g`);
      }
      table.rows.push([name, t.name, channel, seg, t.action, t.dataHeld, t.gap]);
    });
    lines.push("  end");
    stageNodes.push(`s${si}`);
  });
  for (let i = 1; i < stageNodes.length; i++) lines.push(`  ${stageNodes[i - 1]} --> ${stageNodes[i]}`);
  lines.push("  classDef gap fill:#fbeaea,stroke:#b42318,stroke-dasharray:4 3,color:#7a1c14");
  return { definition: lines.join("\n"), table };
}
