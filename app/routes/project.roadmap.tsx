import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.roadmap";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { workbenchAction, workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { requirePlanningPage } from "#app/domain/planning.server.ts";
import { readGoals, readStages, roadmapWarnings, type RoadmapWarning } from "#app/domain/planning.ts";
import { planningLimits, thresholdsUsedBy } from "#app/domain/thresholds.ts";
import { thresholdLines } from "#app/views/thresholds.ts";
import { ThresholdNote } from "#app/components/threshold-note.tsx";
import { roadmapTimeline, screenText, SCREEN_TIMELINE } from "#app/views/roadmap-timeline.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { formatDate, localDigits } from "#app/views/format.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { GeneratedDiagramView } from "#app/components/generated-diagram.tsx";
import type { Language } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

export async function loader(args: Route.LoaderArgs) {
  const wb = requirePlanningPage(args, "roadmap");
  const { pack, data: projectData, config: planning } = wb;
  const base = await workbenchLoaderData(args, wb);
  const lang = base.lang;
  const { large } = await getPreferences(args.request);
  const stages = readStages(planning, projectData);
  const goals = readGoals(planning, projectData);
  const limits = planningLimits(pack, projectData);
  const warning = (w: RoadmapWarning) => {
    switch (w.kind) {
      case "first-stage-overloaded":
        return { kind: w.kind, stage: w.stage.name, count: w.count, total: w.total, share: Math.round((w.count / w.total) * 100), maxShare: Math.round(w.maxShare * 100), minGoals: w.minGoals };
      case "all-at-once":
        return { kind: w.kind, count: w.count, from: formatDate(w.from, lang), to: formatDate(w.to, lang), windowDays: w.windowDays };
      case "single-stage":
        return { kind: w.kind, stage: w.stage.name, count: w.count };
      case "stage-dates":
        return { kind: w.kind, stage: w.stage.name };
      case "goal-outside-stage":
        return { kind: w.kind, goal: w.goal.name, stage: w.stage.name, date: formatDate(w.goal.targetDate, lang) };
      case "unassigned":
        return { kind: w.kind, names: w.goals.map((g) => g.name) };
    }
  };
  return {
    ...base,
    // Drawn on the server as the scope document draws it (time runs right to left in Persian), with labels sized for a screen.
    gantt: { definition: null, ...roadmapTimeline(pack, projectData, lang, lang === "fa" ? "نقشه راه مرحله‌ای" : "Phased roadmap", SCREEN_TIMELINE.widths, screenText(large)) },
    warnings: roadmapWarnings(stages, goals, limits).map(warning),
    spectrum: stages.map((s) => ({
      name: s.name,
      tech: s.tech,
      start: formatDate(s.start, lang),
      end: formatDate(s.end, lang),
      goals: { ...Object.fromEntries((["low-tech", "mid-tech", "high-tech"] as const).map((l) => [l, goals.filter((g) => g.stageId === s.id && g.tech === l).length])), none: goals.filter((g) => g.stageId === s.id && !g.tech).length } as Record<"low-tech" | "mid-tech" | "high-tech" | "none", number>,
    })),
    thresholds: { maxShare: Math.round(limits.maxShare * 100), minGoals: limits.minGoals, windowDays: limits.windowDays },
    thresholdLines: thresholdLines(thresholdsUsedBy(pack, projectData, { page: "roadmap" }), lang),
  };
}

export async function action(args: Route.ActionArgs) {
  return workbenchAction(args, requirePlanningPage(args, "roadmap"));
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.roadmap")]);
}

export default function RoadmapPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const n = (x: number) => localDigits(x, lang);
  const fallback = actionData as StepActionResult | undefined;
  const isOvernight = (w: (typeof d.warnings)[number]) => w.kind === "first-stage-overloaded" || w.kind === "all-at-once" || w.kind === "single-stage";
  const overnight = d.warnings.filter(isOvernight);
  const other = d.warnings.filter((w) => !isOvernight(w));
  const text = (w: (typeof d.warnings)[number]) => {
    switch (w.kind) {
      case "first-stage-overloaded":
        return t("planning.roadmap.warn.firstStage", { stage: w.stage, count: n(w.count), total: n(w.total), share: n(w.share), maxShare: n(w.maxShare), minGoals: n(w.minGoals) });
      case "all-at-once":
        return t("planning.roadmap.warn.allAtOnce", { count: n(w.count), from: w.from, to: w.to, days: n(w.windowDays) });
      case "single-stage":
        return t("planning.roadmap.warn.singleStage", { stage: w.stage, count: n(w.count) });
      case "stage-dates":
        return t("planning.roadmap.warn.stageDates", { stage: w.stage });
      case "goal-outside-stage":
        return t("planning.roadmap.warn.outside", { goal: w.goal, stage: w.stage, date: w.date });
      case "unassigned":
        return t("planning.roadmap.warn.unassigned", { names: w.names.join(t("planning.listSeparator")) });
    }
  };
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("planning.roadmap.title")}</h2>
        <p className="lead">{t("planning.roadmap.lead")}</p>
      </header>
      <section className="card workbench-section" aria-labelledby="gantt-heading">
        <h3 id="gantt-heading">{t("planning.roadmap.ganttTitle")}</h3>
        {overnight.length ? (
          <div className="banner banner-warning" role="status" data-testid="overnight-warning">
            <p className="strong">{t("planning.roadmap.overnightTitle")}</p>
            <ul>{overnight.map((w, i) => <li key={i}>{text(w)}</li>)}</ul>
          </div>
        ) : null}
        <GeneratedDiagramView diagram={d.gantt} title={t("planning.roadmap.ganttTitle")} empty={t("planning.roadmap.empty")} />
        <p className="muted small screen-only" data-testid="thresholds">
          {t("planning.roadmap.thresholds", { maxShare: n(d.thresholds.maxShare), minGoals: n(d.thresholds.minGoals), days: n(d.thresholds.windowDays) })}
        </p>
        <ThresholdNote projectId={d.list.projectId} lines={d.thresholdLines} />
        {other.length ? (
          <ul className="figure-issues" data-testid="roadmap-notes">{other.map((w, i) => <li key={i}>{text(w)}</li>)}</ul>
        ) : null}
      </section>
      {d.spectrum.length ? (
        <section className="card workbench-section" aria-labelledby="spectrum-heading">
          <h3 id="spectrum-heading">{t("planning.roadmap.spectrumTitle")}</h3>
          <p className="muted">{t("planning.roadmap.spectrumLead")}</p>
          <div className="table-wrap">
            <table className="data-table" data-testid="spectrum">
              <thead>
                <tr>
                  <th scope="col">{t("planning.roadmap.stage")}</th>
                  <th scope="col">{t("planning.roadmap.dates")}</th>
                  <th scope="col">{t("planning.roadmap.stageTech")}</th>
                  <th scope="col">{t("planning.tech.low-tech")}</th>
                  <th scope="col">{t("planning.tech.mid-tech")}</th>
                  <th scope="col">{t("planning.tech.high-tech")}</th>
                  <th scope="col">{t("planning.roadmap.noTech")}</th>
                </tr>
              </thead>
              <tbody>
                {d.spectrum.map((s, i) => (
                  <tr key={i}>
                    <th scope="row" dir="auto">{s.name}</th>
                    <td>{s.start && s.end ? `${s.start} – ${s.end}` : s.start || s.end || "—"}</td>
                    <td>{s.tech ? t(`planning.tech.${s.tech}`) : "—"}</td>
                    <td>{n(s.goals["low-tech"])}</td>
                    <td>{n(s.goals["mid-tech"])}</td>
                    <td>{n(s.goals["high-tech"])}</td>
                    <td>{n(s.goals.none)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <ItemList items={d.items} data={d.list} fallback={fallback} />
      <p className="screen-only">
        <Link to={`/projects/${d.list.projectId}/prioritisation`}>{t("planning.roadmap.toPrioritisation")}</Link>
      </p>
    </div>
  );
}
