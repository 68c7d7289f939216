import { useRef } from "react";
import { useTranslation } from "#app/i18n.ts";
import { data, useFetcher } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.prioritisation";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { itemLocked, planningAction, requirePlanningPage, saveScores, type ScoresResult } from "#app/domain/planning.server.ts";
import { moscowRanking, rankingMethod, readCriteria, readGoals, readScores, SCORE_MAX, SCORE_MIN, stageNames, valueEffortMatrix, weightedRanking, type Ranking } from "#app/domain/planning.ts";
import { matrixView } from "#app/views/planning-views.ts";
import { formatNumber, localDigits } from "#app/views/format.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { ChartFigure } from "#app/components/chart-figure.tsx";
import type { Language } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

export async function loader(args: Route.LoaderArgs) {
  const wb = requirePlanningPage(args, "prioritisation");
  const { data: projectData, config: planning } = wb;
  const base = await workbenchLoaderData(args, wb);
  const goals = readGoals(planning, projectData);
  const criteria = readCriteria(planning, projectData);
  const scores = readScores(planning, projectData);
  const stages = stageNames(planning, projectData);
  const method = rankingMethod(planning, projectData);
  const serial = (r: Ranking) => ({
    problem: r.problem,
    entries: r.entries.map((e) => ({
      goalId: e.goal.id,
      n: e.goal.index + 1,
      name: e.goal.name,
      score: e.score,
      rank: e.rank,
      tied: e.tied,
      missing: e.missing.map((c) => c.name),
      moscow: e.goal.moscow,
      stage: e.goal.stageId !== null ? (stages.get(e.goal.stageId) ?? null) : null,
    })),
  });
  const matrix = valueEffortMatrix(goals, criteria, scores);
  return {
    ...base,
    method,
    rankings: { weighted: serial(weightedRanking(goals, criteria, scores)), moscow: serial(moscowRanking(goals)) },
    criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, direction: c.direction })),
    goals: goals.map((g) => ({ id: g.id, n: g.index + 1, name: g.name })),
    grid: Object.fromEntries([...scores].map(([g, row]) => [g, Object.fromEntries([...row].map(([c, cell]) => [c, { score: cell.score, version: cell.version }]))])),
    matrix: matrixView(matrix, base.lang),
    matrixAxes: { value: matrix.axes.value.length > 0, effort: matrix.axes.effort.length > 0 },
    unplaced: matrix.unplaced.map((g) => g.name),
    scoresLocked: itemLocked(wb, planning.scores),
    ids: { criteria: planning.criteria, goals: planning.goals, method: planning.rankingMethod },
  };
}

export async function action(args: Route.ActionArgs) {
  return planningAction(args, "prioritisation", {
    intent: "scores",
    register: (planning) => planning.scores,
    run: (wb, scoresItem, form, locked) => saveScores(wb.db, { projectId: wb.project.id, planning: wb.config, scoresItem, data: wb.data, form, by: wb.actor, locked }),
  });
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.prioritisation")]);
}

type LoaderData = Route.ComponentProps["loaderData"];

export default function PrioritisationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const fallback = actionData as StepActionResult | undefined;
  const first = d.rankings[d.method];
  const other: "weighted" | "moscow" = d.method === "weighted" ? "moscow" : "weighted";
  const before = d.items.filter((i) => i.id !== d.ids.criteria && i.id !== d.ids.goals && i.id !== "goals.prioritisation-rationale");
  const rationale = d.items.filter((i) => i.id === "goals.prioritisation-rationale");
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("planning.prioritisation.title")}</h2>
        <p className="lead">{t("planning.prioritisation.lead")}</p>
      </header>

      <section className="card workbench-section" aria-labelledby="ranking-heading">
        <h3 id="ranking-heading">{t("planning.prioritisation.rankingTitle", { method: t(`planning.method.${d.method}`) })}</h3>
        <RankingTable ranking={first} method={d.method} testId="ranking" />
        <details className="other-ranking">
          <summary>{t("planning.prioritisation.otherRanking", { method: t(`planning.method.${other}`) })}</summary>
          <RankingTable ranking={d.rankings[other]} method={other} testId="ranking-other" />
        </details>
      </section>

      <section className="card workbench-section" aria-labelledby="scores-heading" id="scores">
        <h3 id="scores-heading">{t("planning.prioritisation.scoresTitle")}</h3>
        <p className="muted">
          {t("planning.prioritisation.scoresLead", { min: localDigits(SCORE_MIN, lang), max: localDigits(SCORE_MAX, lang) })}{" "}
          {/* How the page saves is for the screen, not the handout. */}
          <span className="screen-only">{t("planning.prioritisation.scoresSaved")}</span>
        </p>
        {d.scoresLocked ? <p className="banner banner-info screen-only">{t("gate.errors.locked")}</p> : null}
        {d.goals.length === 0 || d.criteria.length === 0 ? (
          <p className="muted">{d.goals.length === 0 ? t("planning.prioritisation.noGoals") : t("planning.prioritisation.noCriteria")}</p>
        ) : (
          <ScoreGrid d={d} editable={d.list.canEditRegisters && !d.scoresLocked} result={actionData as ScoresResult | undefined} />
        )}
      </section>

      <section className="card workbench-section" aria-labelledby="matrix-heading">
        <h3 id="matrix-heading">{t("planning.prioritisation.matrixTitle")}</h3>
        <p className="muted">{t("planning.prioritisation.matrixLead")}</p>
        {!d.matrixAxes.value || !d.matrixAxes.effort ? <p className="banner banner-info">{t("planning.prioritisation.matrixNoAxes")}</p> : null}
        <ChartFigure view={d.matrix} empty={t("planning.prioritisation.matrixEmpty")} testId="value-effort" />
        {d.unplaced.length && d.matrix.svg ? <p className="muted">{t("planning.prioritisation.unplaced", { names: d.unplaced.join(t("planning.listSeparator")) })}</p> : null}
      </section>

      <ItemList items={before} data={d.list} fallback={fallback} />
      {byId.get(d.ids.criteria) ? <ItemList items={[byId.get(d.ids.criteria)!]} data={d.list} fallback={fallback} /> : null}

      {byId.get(d.ids.goals) ? (
        <section className="workbench-section" aria-labelledby="goals-heading">
          <h3 id="goals-heading" className="visually-hidden">{t("planning.prioritisation.goalsTitle")}</h3>
          <ItemList items={[byId.get(d.ids.goals)!]} data={d.list} fallback={fallback} />
        </section>
      ) : null}

      <ItemList items={rationale} data={d.list} fallback={fallback} />
      <p className="screen-only">
        <Link to={`/projects/${d.list.projectId}/roadmap`}>{t("planning.prioritisation.toRoadmap")}</Link>
      </p>
    </div>
  );
}

function RankingTable({ ranking, method, testId }: { ranking: LoaderData["rankings"]["weighted"]; method: "weighted" | "moscow"; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (ranking.problem === "no-goals") return <p className="muted">{t("planning.prioritisation.noGoals")}</p>;
  return (
    <>
      {ranking.problem ? <p className="banner banner-warning">{t(`planning.prioritisation.problem.${ranking.problem}`)}</p> : null}
      <div className="table-wrap">
        <table className="data-table ranking" data-testid={testId}>
          <caption className="visually-hidden">{t(`planning.method.${method}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("planning.prioritisation.rank")}</th>
              <th scope="col">{t("planning.prioritisation.goal")}</th>
              <th scope="col">{method === "weighted" ? t("planning.prioritisation.score", { max: localDigits(SCORE_MAX, lang) }) : t("planning.prioritisation.moscowClass")}</th>
              <th scope="col">{t("planning.prioritisation.stage")}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.entries.map((e) => (
              <tr key={e.goalId} className={e.rank === null ? "unranked" : undefined} data-goal={e.name}>
                <td className="rank-cell">
                  {e.rank === null ? "—" : localDigits(e.rank, lang)}
                  {e.tied ? <span className="tie-badge">{t("planning.prioritisation.tie")}</span> : null}
                </td>
                <th scope="row" dir="auto">{e.name}</th>
                <td>
                  {method === "weighted"
                    ? e.score !== null
                      ? <><meter min={SCORE_MIN} max={SCORE_MAX} value={e.score} aria-hidden="true" /> {formatNumber(Math.round(e.score * 100) / 100, lang)}</>
                      : e.missing.length
                        ? <span className="muted">{t("planning.prioritisation.missing", { names: e.missing.join(t("planning.listSeparator")) })}</span>
                        : "—"
                    : e.moscow
                      ? t(`planning.moscow.${e.moscow}`)
                      : <span className="muted">{t("planning.prioritisation.noClass")}</span>}
                </td>
                <td dir="auto">{e.stage ?? <span className="muted">{t("planning.prioritisation.noStage")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ScoreGrid({ d, editable, result }: { d: LoaderData; editable: boolean; result?: ScoresResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <div className="table-wrap">
      <table className="data-table score-grid" data-testid="score-grid">
        <caption className="visually-hidden">{t("planning.prioritisation.scoresTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("planning.prioritisation.goal")}</th>
            {d.criteria.map((c) => (
              <th key={c.id} scope="col" dir="auto">
                <span id={`score-criterion-${c.id}`}>{c.name}</span>{" "}
                <span className="muted small">{t(`planning.direction.${c.direction}`)} · {t("planning.prioritisation.weight", { w: formatNumber(c.weight, lang) })}</span>
              </th>
            ))}
            <th scope="col"><span className="visually-hidden">{t("common.save")}</span></th>
          </tr>
        </thead>
        <tbody>
          {d.goals.map((g) => (
            <ScoreRow key={g.id} d={d} goal={g} editable={editable} noJsResult={result && result.goalId === g.id ? result : undefined} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScoreRow({ d, goal, editable, noJsResult }: { d: LoaderData; goal: LoaderData["goals"][number]; editable: boolean; noJsResult?: ScoresResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const fetcher = useFetcher<ScoresResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const formId = `scores-${goal.id}`;
  const result = fetcher.data ?? noJsResult;
  const row = (d.grid as Record<string, Record<string, { score: number; version: number }>>)[goal.id] ?? {};
  const failed = result && !result.ok ? result : null;
  return (
    <tr data-goal={goal.name}>
      <th scope="row" dir="auto" id={`score-goal-${goal.id}`}>{goal.name}</th>
      {d.criteria.map((c) => {
        const cell = row[c.id];
        const error = failed?.errors?.[`score-${c.id}`];
        const conflict = failed?.conflicts?.find((x) => x.criterionId === c.id);
        const submitted = failed?.submitted?.[`score-${c.id}`];
        const value = typeof submitted === "string" ? submitted : cell ? String(cell.score) : "";
        return (
          <td key={`${c.id}-${cell?.version ?? 0}`}>
            <input type="hidden" name={`version-${c.id}`} value={cell?.version ?? 0} form={formId} />
            <select
              name={`score-${c.id}`}
              form={formId}
              defaultValue={value}
              disabled={!editable}
              // Named by the headers a person sees: the goal's row and the criterion's column.
              aria-labelledby={`score-goal-${goal.id} score-criterion-${c.id}`}
              aria-invalid={error || conflict ? true : undefined}
              onChange={() => formRef.current && fetcher.submit(formRef.current)}
            >
              <option value="">—</option>
              {Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i).map((n) => (
                <option key={n} value={n}>{localDigits(n, lang)}</option>
              ))}
            </select>
            {/* The score as text on a printed page (decision 048). */}
            <span className="print-only">{cell ? localDigits(cell.score, lang) : "—"}</span>
            {error ? <span className="field-error" role="alert">{t(error)}</span> : null}
            {conflict ? (
              <span className="field-error" role="alert">
                {t("planning.prioritisation.conflict", { theirs: conflict.theirs === null ? "—" : localDigits(conflict.theirs, lang), yours: conflict.yours === null ? "—" : localDigits(conflict.yours, lang) })}
              </span>
            ) : null}
          </td>
        );
      })}
      <td>
        <fetcher.Form method="post" id={formId} ref={formRef} className="inline-form">
          <input type="hidden" name="intent" value="scores" />
          <input type="hidden" name="goalId" value={goal.id} />
          {editable ? <button type="submit" className="button small" disabled={fetcher.state !== "idle"}>{fetcher.state !== "idle" ? t("common.saving") : t("common.save")}</button> : null}
          {failed?.locked ? <span className="field-error" role="alert">{t("gate.errors.locked")}</span> : null}
        </fetcher.Form>
      </td>
    </tr>
  );
}
