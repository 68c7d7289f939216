/**
 * Planning figures drawn for a page, in one language: the value-versus-effort
 * matrix (SVG, with the same content as a table) and the journey map as a
 * mermaid flowchart with its table. Pure.
 */
import { formatNumber, localDigits } from "#app/format.ts";
import { matrixChart } from "#app/charts.ts";
import { mermaidLabel, type GeneratedDiagram } from "#app/diagrams.ts";
import type { ChartView } from "#app/change-views.ts";
import type { Language, Localized } from "#methodology/schema.ts";
import type { MatrixPoint, Segment, Touchpoint } from "#app/domain/planning.ts";

const TEXT = {
  fa: {
    matrix: "ارزش در برابر تلاش",
    value: "ارزش",
    effort: "تلاش",
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
