import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.strategy";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { workbenchAction, workbenchLoaderData } from "#app/domain/workbench.server.ts";
import { requirePlanningPage } from "#app/domain/planning.server.ts";
import { readSegments } from "#app/domain/planning.ts";
import { findItem } from "#methodology/load.ts";
import { formatNumber, localDigits } from "#app/views/format.ts";
import { loc } from "#app/i18n.ts";
import { ItemList } from "#app/components/items/item-list.tsx";
import { customerVoiceFor } from "#app/views/customer-voice.ts";
import type { Language, RegisterItem } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

const DECISIONS = ["invest", "manage-costs", "divest"] as const;

export async function loader(args: Route.LoaderArgs) {
  const wb = requirePlanningPage(args, "strategy");
  const { pack, data: projectData, config: planning } = wb;
  const base = await workbenchLoaderData(args, wb);
  const segments = readSegments(planning, projectData).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const reg = findItem(pack, planning.segments) as RegisterItem;
  const choice = (col: string, id: string) => {
    const c = reg.columns.find((x) => x.id === col);
    return c?.type === "choice" ? (c.options.find((o) => o.id === id)?.label ?? null) : null;
  };
  const totalValue = segments.reduce((s, x) => s + (x.currentValue ?? 0), 0);
  // What customers said, beside the answers it informs (decision 033).
  const voice = customerVoiceFor(pack, base.list.projectId, projectData, base.items, base.lang);
  return {
    ...base,
    list: { ...base.list, ...voice },
    segments: segments.map((s) => ({ ...s, bandLabel: choice("profitability-band", s.band), decisionLabel: choice("decision", s.decision) })),
    decisions: DECISIONS.map((id) => {
      const list = segments.filter((s) => s.decision === id);
      const value = list.reduce((s, x) => s + (x.currentValue ?? 0), 0);
      return { id, label: choice("decision", id), count: list.length, value, share: totalValue ? Math.round((value / totalValue) * 100) : null, names: list.map((s) => s.name) };
    }),
    undecided: segments.filter((s) => !s.decision).map((s) => s.name),
    questions: { answered: planning.strategyQuestions.filter((q) => base.list.answered[q]).length, total: planning.strategyQuestions.length },
    segmentsId: planning.segments,
  };
}

export async function action(args: Route.ActionArgs) {
  return workbenchAction(args, requirePlanningPage(args, "strategy"));
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.strategy")]);
}

export default function StrategyPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const d = loaderData;
  const n = (x: number) => localDigits(x, lang);
  const fallback = actionData as StepActionResult | undefined;
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("planning.strategy.title")}</h2>
        <p className="lead">{t("planning.strategy.lead")}</p>
      </header>
      <section className="card workbench-section" aria-labelledby="segments-heading">
        <h3 id="segments-heading">{t("planning.strategy.summaryTitle")}</h3>
        <div className="decision-cards" data-testid="decision-summary">
          {d.decisions.map((x) => (
            <div key={x.id} className={`decision-card decision-${x.id}`}>
              <p className="label">{loc(x.label, lang)}</p>
              <p className="big">{n(x.count)}</p>
              <p className="muted small">
                {x.share !== null ? t("planning.strategy.valueShare", { share: n(x.share) }) : t("planning.strategy.noValue")}
              </p>
              {x.names.length ? <p className="small" dir="auto">{x.names.join(t("planning.listSeparator"))}</p> : null}
            </div>
          ))}
        </div>
        {d.undecided.length ? <p className="banner banner-warning" role="status">{t("planning.strategy.undecided", { names: d.undecided.join(t("planning.listSeparator")) })}</p> : null}
        <p className={d.questions.answered === d.questions.total ? "status-ok" : "status-missing"}>
          {t("planning.strategy.questions", { done: n(d.questions.answered), total: n(d.questions.total) })}
        </p>
        {d.segments.length ? (
          <div className="table-wrap">
            <table className="data-table" data-testid="segments-table">
              <caption className="visually-hidden">{t("planning.strategy.summaryTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("planning.strategy.segment")}</th>
                  <th scope="col">{t("planning.strategy.size")}</th>
                  <th scope="col">{t("planning.strategy.band")}</th>
                  <th scope="col">{t("planning.strategy.value")}</th>
                  <th scope="col">{t("planning.strategy.decision")}</th>
                  <th scope="col">{t("planning.strategy.valued")}</th>
                  <th scope="col">{t("planning.strategy.mustNot")}</th>
                </tr>
              </thead>
              <tbody>
                {d.segments.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" dir="auto">{s.name}</th>
                    <td>{s.size !== null ? formatNumber(s.size, lang) : "—"}</td>
                    <td>{s.bandLabel ? loc(s.bandLabel, lang) : "—"}</td>
                    <td>
                      {s.currentValue !== null || s.potentialValue !== null
                        ? t("planning.strategy.valueRange", { now: s.currentValue !== null ? formatNumber(s.currentValue, lang) : "—", potential: s.potentialValue !== null ? formatNumber(s.potentialValue, lang) : "—" })
                        : "—"}
                    </td>
                    <td className={s.decision ? undefined : "status-missing"}>{s.decisionLabel ? loc(s.decisionLabel, lang) : t("planning.strategy.noDecision")}</td>
                    <td dir="auto">{s.valuedContacts || "—"}</td>
                    <td dir="auto">{s.mustNot || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("planning.strategy.noSegments")}</p>
        )}
      </section>
      <ItemList items={d.items} data={d.list} fallback={fallback} />
      <p className="screen-only">
        <Link to={`/projects/${d.list.projectId}/journey`}>{t("planning.strategy.toJourney")}</Link>
      </p>
    </div>
  );
}
