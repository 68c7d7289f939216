import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.change";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { requireWorkbench, workbenchAction, workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { availableDeliverables } from "#app/domain/deliverables.server.ts";
import { impactedGroups, readinessAssessment, readinessTopics } from "#app/domain/change.ts";
import { attentionText, impactTable, outsideHelpText, readinessView } from "#app/views/change-views.ts";
import { formatNumber, localDigits } from "#app/views/format.ts";
import { scoreOf } from "#app/views/display.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { ChartFigure } from "#app/components/chart-figure.tsx";
import { DeliverableDownloads } from "#app/components/deliverable-downloads.tsx";
import { thresholdsUsedBy } from "#app/domain/thresholds.ts";
import { thresholdLines } from "#app/views/thresholds.ts";
import { ThresholdNote } from "#app/components/threshold-note.tsx";
import type { Language, Pack } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

const pick = (pack: Pack) => {
  const cm = pack.changeManagement;
  return cm ? { config: cm, ids: [...readinessTopics(pack).map((i) => i.id), ...cm.sections] } : null;
};

export async function loader(args: Route.LoaderArgs) {
  const wb = requireWorkbench(args, pick);
  const { pack, data: projectData, config: cm } = wb;
  const base = await workbenchLoaderData(args, wb);
  const lang = base.lang;
  const readiness = readinessAssessment(pack, projectData)!;
  const impact = impactedGroups(pack, projectData)!;
  return {
    ...base,
    topicIds: readinessTopics(pack).map((i) => i.id),
    impactedGroupsId: cm.impactedGroups,
    plan: availableDeliverables(pack).some((d) => d.id === "change-management-plan"),
    readiness: {
      scored: readiness.scored,
      total: readiness.topics.length,
      average: readiness.average,
      max: readiness.max,
      gapBelow: readiness.gapBelow,
      outsideHelpGaps: readiness.outsideHelpGaps,
      gaps: readiness.gaps.map((g) => ({ id: g.item.id, title: g.item.shortTitle ?? g.item.title, score: g.score! })),
      verdict: outsideHelpText(readiness, lang),
      tone: readiness.outsideHelp === "advised" ? "warning" : readiness.outsideHelp === "not-needed" ? "ok" : "info",
    },
    chart: readinessView(readiness, lang),
    thresholdLines: thresholdLines(thresholdsUsedBy(pack, projectData, { page: "change-management" }), lang),
    impact: impactTable(impact, lang),
    highImpactRows: impact.groups.map((g) => g.impact !== null && g.impact >= 3),
    attention: impact.groups.flatMap((g) => g.attention.map((a) => attentionText(a, g.group, lang))),
  };
}

export async function action(args: Route.ActionArgs) {
  return workbenchAction(args, requireWorkbench(args, pick));
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.change")]);
}

export default function ChangeManagementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const r = d.readiness;
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const topics = d.topicIds.map((id) => byId.get(id)!).filter(Boolean);
  const groupsItem = byId.get(d.impactedGroupsId);
  const rest = d.items.filter((i) => !d.topicIds.includes(i.id) && i.id !== d.impactedGroupsId);
  const listData = d.list;
  const fallback = actionData as StepActionResult | undefined;
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("change.title")}</h2>
        <p className="lead">{t("change.lead")}</p>
        {d.plan && d.canExport ? <DeliverableDownloads projectId={d.list.projectId} id="change-management-plan" label={t("documents.items.change-management-plan.title")} small /> : null}
      </header>

      <section className="card workbench-section" aria-labelledby="readiness-heading">
        <h3 id="readiness-heading">{t("change.readinessTitle")}</h3>
        <p className="muted">{t("change.readinessLead", { below: localDigits(r.gapBelow, lang), gaps: localDigits(r.outsideHelpGaps, lang) })}</p>
        <ThresholdNote projectId={d.list.projectId} lines={d.thresholdLines} />
        <div className="workbench-summary">
          <ChartFigure view={d.chart} empty={t("change.noScores")} testId="readiness-chart" />
          <div className={`verdict tone-${r.tone}`} data-testid="readiness-verdict">
            <p>
              {r.average === null
                ? t("change.noScores")
                : t("change.average", { avg: formatNumber(Math.round(r.average * 10) / 10, lang), max: localDigits(r.max, lang), n: localDigits(r.scored, lang), total: localDigits(r.total, lang) })}
            </p>
            {r.gaps.length ? (
              <>
                <p className="label">{t("change.gapsTitle", { count: r.gaps.length, n: localDigits(r.gaps.length, lang) })}</p>
                <ul className="figure-issues">
                  {r.gaps.map((g) => (
                    <li key={g.id}>
                      <a href={`#item-${g.id}`}>{loc(g.title, lang)}</a> — {scoreOf(g.score, r.max, lang)}
                    </li>
                  ))}
                </ul>
              </>
            ) : r.scored ? (
              <p>{t("change.noGaps")}</p>
            ) : null}
            <p className="strong">{r.verdict}</p>
          </div>
        </div>
        <h4>{t("change.scoreTopics")}</h4>
        <ItemList items={topics} data={listData} fallback={fallback} />
      </section>

      {groupsItem ? (
        <section className="card workbench-section" aria-labelledby="impact-heading">
          <h3 id="impact-heading">{t("change.impactTitle")}</h3>
          <p className="muted">{t("change.impactLead")}</p>
          {d.impact.rows.length ? (
            <div className="table-wrap">
              <table className="data-table" data-testid="impact-table">
                <caption className="visually-hidden">{t("change.impactTitle")}</caption>
                <thead>
                  <tr>{d.impact.columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
                </thead>
                <tbody>
                  {d.impact.rows.map((row, i) => (
                    <tr key={i} className={d.highImpactRows[i] ? "impact-high" : undefined}>
                      {row.map((cell, j) => (j === 0 ? <th key={j} scope="row" dir="auto">{cell}</th> : <td key={j} dir="auto" className={j > 1 && j < row.length - 2 ? "impact-cell" : undefined}>{cell}</td>))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("change.noGroups")}</p>
          )}
          {d.attention.length ? (
            <ul className="figure-issues" data-testid="impact-attention">
              {d.attention.map((x, i) => <li key={i}>{x}</li>)}
            </ul>
          ) : null}
          <ItemList items={[groupsItem]} data={listData} fallback={fallback} />
        </section>
      ) : null}

      <section className="workbench-section" aria-labelledby="plans-heading">
        <h3 id="plans-heading">{t("change.plansTitle")}</h3>
        <p className="muted">{t("change.plansLead")}</p>
        <ItemList items={rest} data={listData} fallback={fallback} />
      </section>
      <p className="screen-only">
        <Link to={`/projects/${d.list.projectId}/post-launch-review`}>{t("change.toReview")}</Link>
      </p>
    </div>
  );
}
