import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.traceability";
import { requirePlanningPage } from "#app/domain/planning.server.ts";
import { traceability } from "#app/domain/planning.ts";
import { itemLink } from "#app/domain/links.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { findItem } from "#methodology/load.ts";
import { formatNumber, localDigits } from "#app/views/format.ts";
import { loc } from "#app/i18n.ts";
import type { Language, RegisterItem } from "#methodology/schema.ts";
import { PrintButton } from "#app/components/print-button.tsx";

export async function loader(args: Route.LoaderArgs) {
  const wb = requirePlanningPage(args, null);
  const { pack, project, data: projectData, config: planning } = wb;
  const { lang } = await getPreferences(args.request);
  const tr = traceability(planning, projectData);
  const uat = findItem(pack, planning.uatScenarios) as RegisterItem | undefined;
  const statusCol = uat?.columns.find((c) => c.id === "status");
  const status = (id: string) => (statusCol?.type === "choice" ? loc(statusCol.options.find((o) => o.id === id)?.label, lang) : "") || "";
  const kpi = (g: (typeof tr.goals)[number]["goal"]) => ({
    name: g.kpi,
    unit: g.unit,
    baseline: g.baseline !== null ? formatNumber(g.baseline, lang) : null,
    target: g.target !== null ? formatNumber(g.target, lang) : null,
    measurement: g.measurement,
  });
  const req = (r: (typeof tr.orphans.requirementsWithoutGoal)[number]) => ({ id: r.id, name: r.name, uat: r.uat.map((u) => ({ id: u.id, name: u.name, status: status(u.status) })) });
  return {
    vision: tr.vision.map((v) => ({ title: findItem(pack, v.itemId)?.title ?? null, text: v.text })),
    goals: tr.goals.map((g) => ({ id: g.goal.id, name: g.goal.name, kpi: kpi(g.goal), requirements: g.requirements.map(req) })),
    orphans: {
      requirementsWithoutGoal: tr.orphans.requirementsWithoutGoal.map((r) => r.name),
      goalsWithoutRequirement: tr.orphans.goalsWithoutRequirement.map((g) => g.name),
      requirementsWithoutUat: tr.orphans.requirementsWithoutUat.map((r) => r.name),
      gapsWithoutRequirement: tr.orphans.gapsWithoutRequirement.map((t) => `${t.name}: ${t.gap}`),
    },
    counts: tr.counts,
    links: {
      requirements: itemLink(pack, project.id, planning.requirements),
      uat: itemLink(pack, project.id, planning.uatScenarios),
      goals: `/projects/${project.id}/prioritisation#item-${planning.goals}`,
      journey: `/projects/${project.id}/journey`,
      vision: planning.vision[0] ? itemLink(pack, project.id, planning.vision[0]) : null,
    },
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.traceability")]);
}

export default function TraceabilityPage({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (x: number) => localDigits(x, lang);
  const orphanLists = [
    { key: "requirementsWithoutGoal", items: d.orphans.requirementsWithoutGoal, link: d.links.requirements },
    { key: "goalsWithoutRequirement", items: d.orphans.goalsWithoutRequirement, link: d.links.requirements },
    { key: "requirementsWithoutUat", items: d.orphans.requirementsWithoutUat, link: d.links.uat },
    { key: "gapsWithoutRequirement", items: d.orphans.gapsWithoutRequirement, link: d.links.journey },
  ] as const;
  const orphanCount = orphanLists.reduce((s, o) => s + o.items.length, 0);
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("planning.trace.title")}</h2>
        <p className="lead">{t("planning.trace.lead")}</p>
        <p className="muted">{t("planning.trace.counts", { goals: n(d.counts.goals), requirements: n(d.counts.requirements), uat: n(d.counts.uat) })}</p>
      </header>
      <section className="card workbench-section" aria-labelledby="vision-heading">
        <h3 id="vision-heading">{t("planning.trace.vision")}</h3>
        {d.vision.length ? (
          d.vision.map((v, i) => (
            <blockquote key={i} className="vision-quote">
              <p className="label">{loc(v.title, lang)}</p>
              <p dir="auto">{v.text}</p>
            </blockquote>
          ))
        ) : (
          <p className="muted">{t("planning.trace.noVision")} {d.links.vision ? <Link to={d.links.vision} className="screen-only">{t("planning.trace.writeVision")}</Link> : null}</p>
        )}
      </section>
      <section className="card workbench-section" aria-labelledby="chain-heading">
        <h3 id="chain-heading">{t("planning.trace.chain")}</h3>
        {d.goals.length ? (
          <div className="table-wrap">
            <table className="data-table trace-table" data-testid="trace-table">
              <caption className="visually-hidden">{t("planning.trace.chain")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("planning.trace.goal")}</th>
                  <th scope="col">{t("planning.trace.kpi")}</th>
                  <th scope="col">{t("planning.trace.requirement")}</th>
                  <th scope="col">{t("planning.trace.uat")}</th>
                </tr>
              </thead>
              <tbody>
                {d.goals.flatMap((g) => {
                  const reqs = g.requirements.length ? g.requirements : [null];
                  return reqs.map((r, i) => (
                    <tr key={`${g.id}-${r?.id ?? "none"}`} className={i === 0 ? "group-start" : undefined}>
                      {i === 0 ? (
                        <>
                          <th scope="rowgroup" rowSpan={reqs.length} dir="auto">{g.name}</th>
                          <td rowSpan={reqs.length}>
                            {g.kpi.name ? <span dir="auto">{g.kpi.name}</span> : <span className="status-missing">{t("planning.trace.noKpi")}</span>}
                            {g.kpi.baseline !== null || g.kpi.target !== null ? (
                              <div className="small">{t("planning.trace.fromTo", { from: g.kpi.baseline ?? "—", to: g.kpi.target ?? "—", unit: g.kpi.unit })}</div>
                            ) : null}
                            {g.kpi.measurement ? <div className="muted small" dir="auto">{g.kpi.measurement}</div> : null}
                          </td>
                        </>
                      ) : null}
                      <td dir="auto">{r ? r.name : <span className="status-missing">{t("planning.trace.noRequirement")}</span>}</td>
                      <td>
                        {r ? (
                          r.uat.length ? (
                            <ul className="plain">{r.uat.map((u) => <li key={u.id} dir="auto">{u.name}{u.status ? ` — ${u.status}` : ""}</li>)}</ul>
                          ) : (
                            <span className="status-missing">{t("planning.trace.noUat")}</span>
                          )
                        ) : null}
                      </td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("planning.trace.noGoals")} <Link to={d.links.goals} className="screen-only">{t("planning.trace.addGoals")}</Link></p>
        )}
      </section>
      <section className="card workbench-section" aria-labelledby="orphans-heading" data-testid="orphans">
        <h3 id="orphans-heading">{t("planning.trace.orphans", { n: n(orphanCount) })}</h3>
        {orphanCount === 0 ? <p className="status-ok">{t("planning.trace.noOrphans")}</p> : null}
        {orphanLists.map((o) =>
          o.items.length ? (
            <div key={o.key} className="orphan-group" data-orphans={o.key}>
              <h4>{t(`planning.trace.orphan.${o.key}`, { n: n(o.items.length) })}</h4>
              <ul>{o.items.map((x, i) => <li key={i} dir="auto">{x}</li>)}</ul>
              {o.link ? <Link to={o.link} className="screen-only">{t(`planning.trace.fix.${o.key}`)}</Link> : null}
            </div>
          ) : null,
        )}
      </section>
    </div>
  );
}
