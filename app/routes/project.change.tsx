import { useTranslation } from "react-i18next";
import { Link, data } from "react-router";
import type { Route } from "./+types/project.change";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { runWorkbenchAction, workbenchItems, workbenchState, type StepActionResult } from "#app/domain/step.server.ts";
import { isEditable, projectGates } from "#app/domain/signoff.server.ts";
import { lastChanges } from "#app/domain/audit.server.ts";
import { availableDeliverables } from "#app/domain/deliverables.server.ts";
import { impactedGroups, readinessAssessment, readinessTopics } from "#app/domain/change.ts";
import { attentionText, impactTable, outsideHelpText, readinessView } from "#app/change-views.ts";
import { can } from "#app/access.ts";
import { readForm } from "#app/http.server.ts";
import { loc } from "#app/i18n.ts";
import { formatNumber, localDigits } from "#app/format.ts";
import { scoreOf } from "#app/display.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { ChartFigure } from "#app/components/chart-figure.tsx";
import { DeliverableDownloads } from "#app/components/deliverable-downloads.tsx";
import type { Language } from "#methodology/schema.ts";

function workbench(params: { projectId?: string }, context: Route.LoaderArgs["context"]) {
  const ctx = requireProjectContext(params.projectId, context);
  const cm = ctx.pack.changeManagement;
  if (!cm) throw data({ error: "errors.noWorkbenchInPack" }, { status: 404 });
  const topicIds = readinessTopics(ctx.pack).map((i) => i.id);
  const entries = workbenchItems(ctx.pack, [...topicIds, ...cm.sections]);
  const gates = projectGates(ctx.db, ctx.project.id, ctx.pack);
  return { ...ctx, cm, topicIds, entries, lockedPhase: (phaseId: string) => !isEditable(gates.get(phaseId)) };
}

export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, role, cm, topicIds, entries, lockedPhase } = workbench(params, context);
  const readiness = readinessAssessment(pack, projectData)!;
  const impact = impactedGroups(pack, projectData)!;
  const state = workbenchState(pack, entries, projectData, lockedPhase);
  return {
    projectId: project.id,
    items: entries.map((e) => e.item),
    topicIds,
    impactedGroupsId: cm.impactedGroups,
    ...state,
    lastChange: Object.fromEntries(lastChanges(db, project.id, entries.map((e) => e.item.id))),
    canAnswer: can(role, "answer"),
    canEditRegisters: can(role, "edit-registers"),
    canExport: can(role, "export"),
    plan: availableDeliverables(pack).some((d) => d.id === "change-management-plan"),
    readiness: {
      scored: readiness.scored,
      total: readiness.topics.length,
      average: readiness.average,
      max: readiness.max,
      gapBelow: readiness.gapBelow,
      outsideHelpGaps: readiness.outsideHelpGaps,
      outsideHelp: readiness.outsideHelp,
      gaps: readiness.gaps.map((g) => ({ id: g.item.id, title: g.item.shortTitle ?? g.item.title, score: g.score! })),
    },
    highImpactRows: impact.groups.map((g) => g.impact !== null && g.impact >= 3),
    views: {
      fa: { readiness: readinessView(readiness, "fa"), impact: impactTable(impact, "fa") },
      en: { readiness: readinessView(readiness, "en"), impact: impactTable(impact, "en") },
    },
    sentences: {
      fa: { outsideHelp: outsideHelpText(readiness, "fa"), attention: impact.groups.flatMap((g) => g.attention.map((a) => attentionText(a, g.group, "fa"))) },
      en: { outsideHelp: outsideHelpText(readiness, "en"), attention: impact.groups.flatMap((g) => g.attention.map((a) => attentionText(a, g.group, "en"))) },
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, actor, entries, lockedPhase } = workbench(params, context);
  const form = await readForm(request);
  const { status, body } = runWorkbenchAction(db, project.id, entries, form, { by: actor, lockedPhase });
  return data(body, { status });
}

export function meta() {
  return [{ title: "Change management · Gambegam" }];
}

export default function ChangeManagementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const views = d.views[lang];
  const r = d.readiness;
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const topics = d.topicIds.map((id) => byId.get(id)!).filter(Boolean);
  const groupsItem = byId.get(d.impactedGroupsId);
  const rest = d.items.filter((i) => !d.topicIds.includes(i.id) && i.id !== d.impactedGroupsId);
  const listData = { projectId: d.projectId, answers: d.answers, rows: d.rows, refOptions: d.refOptions, answered: d.answered, sources: d.sources, lastChange: d.lastChange, locked: d.locked, canAnswer: d.canAnswer, canEditRegisters: d.canEditRegisters };
  const fallback = actionData as StepActionResult | undefined;
  const verdictTone = r.outsideHelp === "advised" ? "warning" : r.outsideHelp === "not-needed" ? "ok" : "info";
  return (
    <div className="stack workbench">
      <header className="section-head">
        <h2 className="page-title">{t("change.title")}</h2>
        <p className="lead">{t("change.lead")}</p>
        {d.plan && d.canExport ? <DeliverableDownloads projectId={d.projectId} id="change-management-plan" label={t("documents.items.change-management-plan.title")} /> : null}
      </header>

      <section className="card workbench-section" aria-labelledby="readiness-heading">
        <h3 id="readiness-heading">{t("change.readinessTitle")}</h3>
        <p className="muted">{t("change.readinessLead", { below: localDigits(r.gapBelow, lang), gaps: localDigits(r.outsideHelpGaps, lang) })}</p>
        <div className="workbench-summary">
          <ChartFigure view={views.readiness} empty={t("change.noScores")} testId="readiness-chart" />
          <div className={`verdict tone-${verdictTone}`} data-testid="readiness-verdict">
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
            <p className="strong">{d.sentences[lang].outsideHelp}</p>
          </div>
        </div>
        <h4>{t("change.scoreTopics")}</h4>
        <ItemList items={topics} data={listData} fallback={fallback} />
      </section>

      {groupsItem ? (
        <section className="card workbench-section" aria-labelledby="impact-heading">
          <h3 id="impact-heading">{t("change.impactTitle")}</h3>
          <p className="muted">{t("change.impactLead")}</p>
          {views.impact.rows.length ? (
            <div className="table-wrap">
              <table className="data-table" data-testid="impact-table">
                <caption className="visually-hidden">{t("change.impactTitle")}</caption>
                <thead>
                  <tr>{views.impact.columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
                </thead>
                <tbody>
                  {views.impact.rows.map((row, i) => (
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
          {d.sentences[lang].attention.length ? (
            <ul className="figure-issues" data-testid="impact-attention">
              {d.sentences[lang].attention.map((x, i) => <li key={i}>{x}</li>)}
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
      <p>
        <Link to={`/projects/${d.projectId}/post-launch-review`}>{t("change.toReview")}</Link>
      </p>
    </div>
  );
}
