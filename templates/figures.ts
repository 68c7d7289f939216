/**
 * What a deliverable's figures show, before they are drawn: Gambegam's charts
 * (SVG, from the views the pages show too), its generated diagrams (mermaid,
 * from the same views) and the diagrams users wrote, each with its title and
 * the table that stands in when it cannot be drawn. Drawing them is the
 * export's job (app/domain/deliverables.server.ts asks the renderer).
 */
import type { Language, Pack } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { loc } from "#app/i18n.ts";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";
import { readinessAssessment } from "#app/domain/change.ts";
import { adoptionFigures, kpiFigures, metricFigures } from "#app/domain/adoption.ts";
import { readCriteria, readGoals, readScores, valueEffortMatrix } from "#app/domain/planning.ts";
import { teamStructure } from "#app/views/diagrams.ts";
import { roadmapTimeline } from "#app/views/roadmap-timeline.ts";
import { inReadingDirection } from "#app/views/diagram-direction.ts";
import { adoptionView, progressView, readinessView, type ChartView } from "#app/views/change-views.ts";
import { matrixView } from "#app/views/planning-views.ts";
import type { Figure } from "./model.ts";
import { STRINGS } from "./strings.ts";
import { diagramFallbackTable } from "./fallback.ts";
import { LANDSCAPE_TEXT_WIDTH_PX, TEXT_WIDTH_PX } from "./styles.ts";

/** A figure to draw: a chart already drawn as SVG (to rasterise), or a mermaid definition (to render). */
export type FigureSource = { key: string; title: string; fallback: Figure["fallback"] } & ({ kind: "chart"; svg: string } | { kind: "diagram"; definition: string });

/** The chart behind a `chart:<name>` figure, in a language. */
function chartView(name: string, pack: Pack, data: ProjectAnswers, lang: Language): ChartView | null {
  switch (name) {
    case "readiness": {
      const r = readinessAssessment(pack, data);
      return r ? readinessView(r, lang) : null;
    }
    case "adoption": {
      const a = adoptionFigures(pack, data);
      return a ? adoptionView(a, lang) : null;
    }
    case "kpi": {
      const k = kpiFigures(pack, data);
      return k ? progressView("kpi", k.periods, k.series, lang) : null;
    }
    case "value-effort": {
      const cfg = pack.planning;
      return cfg ? matrixView(valueEffortMatrix(readGoals(cfg, data), readCriteria(cfg, data), readScores(cfg, data)), lang) : null;
    }
    case "metrics": {
      const m = metricFigures(pack, data);
      return m ? progressView("metrics", m.periods, m.series, lang) : null;
    }
    default:
      return null;
  }
}

/**
 * The figures behind a deliverable's figure keys (`chart:<name>`, `team-structure`,
 * `roadmap` or a diagram item's id), in order; a figure with nothing to show is left out.
 * A chart's key is its name without `chart:`.
 */
export function figureSources(keys: readonly string[], pack: Pack, data: ProjectAnswers, lang: Language, projectName: string): FigureSource[] {
  const s = STRINGS[lang];
  const out: FigureSource[] = [];
  for (const key of keys) {
    if (key.startsWith("chart:")) {
      const name = key.slice("chart:".length);
      const view = chartView(name, pack, data, lang);
      if (view?.svg) out.push({ kind: "chart", key: name, title: view.title, svg: view.svg, fallback: view.table });
      continue;
    }
    if (key === "roadmap") {
      // Drawn by Gambegam (time runs right to left in Persian), as wide as the page it fills:
      // a portrait page when its months fit there, else the whole width of a landscape page.
      const timeline = roadmapTimeline(pack, data, lang, s.scope.roadmap, { narrow: TEXT_WIDTH_PX, wide: LANDSCAPE_TEXT_WIDTH_PX });
      if (timeline.svg) out.push({ kind: "chart", key, title: s.scope.roadmap, svg: timeline.svg, fallback: timeline.table });
      continue;
    }
    if (key === "team-structure") {
      const generated = teamStructure(pack, data, lang, projectName);
      if (generated.definition) out.push({ kind: "diagram", key, title: s.scope.teamStructure, definition: generated.definition, fallback: generated.table });
      continue;
    }
    const item = findItem(pack, key);
    const value = data.answers.get(key)?.value as { definition?: string } | undefined;
    // A process map written left to right is drawn right to left in a Persian document.
    const definition = item?.kind === "diagram" && value?.definition?.trim() ? inReadingDirection(value.definition, lang) : null;
    if (definition) out.push({ kind: "diagram", key, title: item ? loc(item.title, lang) : key, definition, fallback: diagramFallbackTable(definition, s) });
  }
  return out;
}
