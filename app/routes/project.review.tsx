import { useTranslation } from "react-i18next";
import { Link, data } from "react-router";
import type { Route } from "./+types/project.review";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { runWorkbenchAction, workbenchItems, workbenchState, type StepActionResult } from "#app/domain/step.server.ts";
import { isEditable, projectGates } from "#app/domain/signoff.server.ts";
import { lastChanges } from "#app/domain/audit.server.ts";
import { availableDeliverables } from "#app/domain/deliverables.server.ts";
import { adoptionFigures, kpiFigures, metricFigures, type Adoption } from "#app/domain/adoption.ts";
import { adoptionIssueText, adoptionVerdictText, adoptionView, progressView } from "#app/change-views.ts";
import { can } from "#app/access.ts";
import { readForm } from "#app/http.server.ts";
import { formatDate } from "#app/format.ts";
import { allItems } from "#methodology/load.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { ChartFigure } from "#app/components/chart-figure.tsx";
import { DeliverableDownloads } from "#app/components/deliverable-downloads.tsx";
import type { Language } from "#methodology/schema.ts";

function workbench(params: { projectId?: string }, context: Route.LoaderArgs["context"]) {
  const ctx = requireProjectContext(params.projectId, context);
  const cfg = ctx.pack.postLaunchReview;
  if (!cfg) throw data({ error: "errors.noWorkbenchInPack" }, { status: 404 });
  const entries = workbenchItems(ctx.pack, cfg.sections);
  const gates = projectGates(ctx.db, ctx.project.id, ctx.pack);
  return { ...ctx, cfg, entries, lockedPhase: (phaseId: string) => !isEditable(gates.get(phaseId)) };
}

export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, role, cfg, entries, lockedPhase } = workbench(params, context);
  const adoption = adoptionFigures(pack, projectData)!;
  const kpi = kpiFigures(pack, projectData)!;
  const metrics = metricFigures(pack, projectData)!;
  const goLiveAt = allItems(pack).find((x) => x.item.id === cfg.goLive)!;
  const view = (lang: Language) => ({
    adoption: adoptionView(adoption, lang),
    verdict: adoptionVerdictText(adoption, lang),
    issues: adoption.issues.map((x) => adoptionIssueText(x, lang)),
    kpi: progressView("kpi", kpi.periods, kpi.series, lang),
    metrics: progressView("metrics", metrics.periods, metrics.series, lang),
  });
  return {
    projectId: project.id,
    items: entries.map((e) => e.item),
    ids: { adoption: cfg.adoption, kpi: cfg.kpiActuals, metrics: cfg.metrics },
    ...workbenchState(pack, entries, projectData, lockedPhase),
    lastChange: Object.fromEntries(lastChanges(db, project.id, entries.map((e) => e.item.id))),
    canAnswer: can(role, "answer"),
    canEditRegisters: can(role, "edit-registers"),
    canExport: can(role, "export"),
    report: availableDeliverables(pack).some((d) => d.id === "post-launch-review"),
    goLive: adoption.goLive,
    goLiveLink: `/projects/${project.id}/phases/${goLiveAt.phase.id}/steps/${goLiveAt.step.id}#item-${cfg.goLive}`,
    verdictTone: adoption.verdict.kind === "compared" ? (adoption.verdict.met ? "ok" : "warning") : "info",
    hasGoals: (projectData.rows.get(kpi.goalsRegister) ?? []).length > 0,
    views: { fa: view("fa"), en: view("en") },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, actor, entries, lockedPhase } = workbench(params, context);
  const form = await readForm(request);
  const { status, body } = runWorkbenchAction(db, project.id, entries, form, { by: actor, lockedPhase });
  return data(body, { status });
}

export function meta() {
  return [{ title: "Post-launch review · Gambegam" }];
}

export default function PostLaunchReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const views = d.views[lang];
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const pick = (id: string) => (byId.get(id) ? [byId.get(id)!] : []);
  const rest = d.items.filter((i) => i.id !== d.ids.adoption && i.id !== d.ids.kpi && i.id !== d.ids.metrics);
  const listData = { projectId: d.projectId, answers: d.answers, rows: d.rows, refOptions: d.refOptions, answered: d.answered, sources: d.sources, lastChange: d.lastChange, locked: d.locked, canAnswer: d.canAnswer, canEditRegisters: d.canEditRegisters };
  const fallback = actionData as StepActionResult | undefined;
  return (
    <div className="stack workbench">
      <header className="section-head">
        <h2 className="page-title">{t("review.title")}</h2>
        <p className="lead">{t("review.lead")}</p>
        <p>
          {d.goLive ? t("review.goLive", { date: formatDate(d.goLive, lang) }) : t("review.noGoLive")} <Link to={d.goLiveLink}>{d.goLive ? t("review.changeGoLive") : t("review.setGoLive")}</Link>
        </p>
        {d.report && d.canExport ? <DeliverableDownloads projectId={d.projectId} id="post-launch-review" label={t("documents.items.post-launch-review.title")} /> : null}
      </header>

      <section className="card workbench-section" aria-labelledby="adoption-heading">
        <h3 id="adoption-heading">{t("review.adoptionTitle")}</h3>
        <p className="muted">{t("review.adoptionLead")}</p>
        <div className="workbench-summary">
          <ChartFigure view={views.adoption} empty={t("review.emptyAdoption")} testId="adoption-chart" />
          <div className={`verdict tone-${d.verdictTone}`} data-testid="adoption-verdict">
            <p>{views.verdict}</p>
            {views.issues.length ? (
              <ul className="figure-issues" data-testid="adoption-issues">
                {views.issues.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
        <ItemList items={pick(d.ids.adoption)} data={listData} fallback={fallback} />
      </section>

      <section className="card workbench-section" aria-labelledby="kpi-heading">
        <h3 id="kpi-heading">{t("review.kpiTitle")}</h3>
        <p className="muted">{t("review.kpiLead")}</p>
        {d.hasGoals ? null : <p className="banner banner-info">{t("review.noGoals")}</p>}
        <ChartFigure view={views.kpi} empty={t("review.emptyKpi")} testId="kpi-chart" />
        <ItemList items={pick(d.ids.kpi)} data={listData} fallback={fallback} />
      </section>

      <section className="card workbench-section" aria-labelledby="metrics-heading">
        <h3 id="metrics-heading">{t("review.metricsTitle")}</h3>
        <ChartFigure view={views.metrics} empty={t("review.emptyMetrics")} testId="metrics-chart" />
        <ItemList items={pick(d.ids.metrics)} data={listData} fallback={fallback} />
      </section>

      <section className="workbench-section" aria-labelledby="findings-heading">
        <h3 id="findings-heading">{t("review.findingsTitle")}</h3>
        <ItemList items={rest} data={listData} fallback={fallback} />
      </section>
    </div>
  );
}
