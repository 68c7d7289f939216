import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.review";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { requireWorkbench, workbenchAction, workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { availableDeliverables } from "#app/domain/deliverables.server.ts";
import { adoptionFigures, kpiFigures, metricFigures } from "#app/domain/adoption.ts";
import { adoptionIssueText, adoptionVerdictText, adoptionView, progressView } from "#app/views/change-views.ts";
import { formatDate } from "#app/views/format.ts";
import { itemLink } from "#app/domain/links.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { ChartFigure } from "#app/components/chart-figure.tsx";
import { DeliverableDownloads } from "#app/components/deliverable-downloads.tsx";
import { thresholdsUsedBy } from "#app/domain/thresholds.ts";
import { thresholdLines } from "#app/views/thresholds.ts";
import { ThresholdNote } from "#app/components/threshold-note.tsx";
import type { Language, Pack } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

const pick = (pack: Pack) => (pack.postLaunchReview ? { config: pack.postLaunchReview, ids: pack.postLaunchReview.sections } : null);

export async function loader(args: Route.LoaderArgs) {
  const wb = requireWorkbench(args, pick);
  const { pack, project, data: projectData, config: cfg } = wb;
  const base = await workbenchLoaderData(args, wb);
  const lang = base.lang;
  const adoption = adoptionFigures(pack, projectData)!;
  const kpi = kpiFigures(pack, projectData)!;
  const metrics = metricFigures(pack, projectData)!;
  const references = thresholdsUsedBy(pack, projectData, { page: "post-launch-review" });
  // What the source says, once per passage, with Gambegam's reading of it.
  const sourceNotes = [...new Map(references.filter((u) => u.threshold.sourceSays).map((u) => [u.threshold.sourceSays![lang], { source: loc(pack.sources.find((s) => s.file === u.threshold.source)?.title, lang), says: u.threshold.sourceSays![lang], reading: u.threshold.reading?.[lang] ?? null }])).values()];
  return {
    ...base,
    ids: { adoption: cfg.adoption, kpi: cfg.kpiActuals, metrics: cfg.metrics },
    report: availableDeliverables(pack).some((d) => d.id === "post-launch-review"),
    goLive: adoption.goLive,
    // The pack loader checked that goLive is a date question of the pack.
    goLiveLink: itemLink(pack, project.id, cfg.goLive)!,
    thresholdLines: thresholdLines(references, lang),
    sourceNotes,
    verdictTone: adoption.verdict.kind === "compared" ? (adoption.verdict.met ? "ok" : "warning") : "info",
    hasGoals: (projectData.rows.get(kpi.goalsRegister) ?? []).length > 0,
    views: {
      adoption: adoptionView(adoption, lang),
      verdict: adoptionVerdictText(adoption, lang),
      issues: adoption.issues.map((x) => adoptionIssueText(x, lang)),
      kpi: progressView("kpi", kpi.periods, kpi.series, lang),
      metrics: progressView("metrics", metrics.periods, metrics.series, lang),
    },
  };
}

export async function action(args: Route.ActionArgs) {
  return workbenchAction(args, requireWorkbench(args, pick));
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.review")]);
}

export default function PostLaunchReviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const views = d.views;
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const pick = (id: string) => (byId.get(id) ? [byId.get(id)!] : []);
  const rest = d.items.filter((i) => i.id !== d.ids.adoption && i.id !== d.ids.kpi && i.id !== d.ids.metrics);
  const listData = d.list;
  const fallback = actionData as StepActionResult | undefined;
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("review.title")}</h2>
        <p className="lead">{t("review.lead")}</p>
        <p>
          {d.goLive ? t("review.goLive", { date: formatDate(d.goLive, lang) }) : t("review.noGoLive")} <Link to={d.goLiveLink} className="screen-only">{d.goLive ? t("review.changeGoLive") : t("review.setGoLive")}</Link>
        </p>
        {d.report && d.canExport ? <DeliverableDownloads projectId={d.list.projectId} id="post-launch-review" label={t("documents.items.post-launch-review.title")} small /> : null}
      </header>

      <section className="card workbench-section" aria-labelledby="adoption-heading">
        <h3 id="adoption-heading">{t("review.adoptionTitle")}</h3>
        <p className="muted">{t("review.adoptionLead")}</p>
        <ThresholdNote projectId={d.list.projectId} lines={d.thresholdLines} />
        {d.sourceNotes.map((s, i) => (
          <p key={i} className="muted small" data-testid="reference-source">
            <span className="label">{t("review.sourceSays", { source: s.source })}</span> {s.says} {s.reading}
          </p>
        ))}
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
