import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.health";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { healthView, phaseStates } from "#app/domain/health.server.ts";
import { projectGates } from "#app/domain/signoff.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { data } from "react-router";
import { localDigits } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";
import { thresholdsUsedBy } from "#app/domain/thresholds.ts";
import { thresholdLines } from "#app/views/thresholds.ts";
import { ThresholdNote } from "#app/components/threshold-note.tsx";
import { PrintButton } from "#app/components/print-button.tsx";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, pack, project, data: projectData } = requireProjectContext(params.projectId, context);
  const { lang } = await getPreferences(request);
  const view = healthView(pack, project.id, projectData, lang, phaseStates(projectGates(db, project.id, pack)));
  if (!view) throw data({ error: "errors.noWorkbenchInPack" }, { status: 404 });
  // Each finding names the thresholds its rule used, with whose number each is (decision 035).
  return {
    ...view,
    projectId: project.id,
    findings: view.findings.map((f) => ({ ...f, thresholds: thresholdLines(thresholdsUsedBy(pack, projectData, { rule: f.id }), lang) })),
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.health")]);
}

export default function HealthPage({ loaderData: d }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (x: number) => localDigits(x, lang);
  const perils = d.concerns.filter((c) => c.id.startsWith("peril"));
  const factors = d.concerns.filter((c) => c.id.startsWith("factor"));
  return (
    <div className="stack workbench">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("planning.health.title")}</h2>
        <p className="lead">{t("planning.health.lead")}</p>
        <p className="small screen-only">
          <Link to={`/projects/${d.projectId}/method-settings`}>{t("methodSettings.fromHealth")}</Link>
        </p>
        <p className={d.counts.total ? "status-missing" : "status-ok"} data-testid="health-count">
          {d.counts.total
            ? t("planning.health.count", { count: d.counts.total, n: n(d.counts.total), high: n(d.counts.high), medium: n(d.counts.medium), low: n(d.counts.low) })
            : t("planning.health.none")}
        </p>
      </header>
      <section aria-labelledby="findings-heading" className="stack">
        <h3 id="findings-heading" className="visually-hidden">{t("planning.health.findings")}</h3>
        {d.findings.map((f) => (
          <article key={f.id} className={`card finding severity-${f.severity}`} data-rule={f.id}>
            <header className="finding-head">
              <span className={`severity-badge severity-${f.severity}`}>{t(`planning.health.severity.${f.severity}`)}</span>
              <span className="muted small">{d.concerns.find((c) => c.id === f.concern)?.title}</span>
            </header>
            <h4>{f.title}</h4>
            {f.subjects.length ? (
              <div className="small finding-subjects">
                <span className="label">{t("planning.health.concerns")}</span>
                <ul>{f.subjects.map((s, i) => <li key={i} dir="auto">{s}</li>)}</ul>
              </div>
            ) : null}
            <p>{f.why}</p>
            <p className="muted small">{t("planning.health.source", { source: f.source })}</p>
            <ThresholdNote projectId={d.projectId} lines={f.thresholds} compact />
            {f.fix ? <Link className="button small" to={f.fix}>{t("planning.health.fix", { page: t(`planning.health.page.${f.fixPage}`) })}</Link> : null}
          </article>
        ))}
      </section>
      {[
        { key: "perils", list: perils },
        { key: "factors", list: factors },
      ].map((group) => (
        <section key={group.key} className="card workbench-section" aria-labelledby={`${group.key}-heading`}>
          <h3 id={`${group.key}-heading`}>{t(`planning.health.${group.key}`)}</h3>
          <ul className="concern-list" data-testid={`concerns-${group.key}`}>
            {group.list.map((c) => (
              <li key={c.id} className={`concern concern-${c.status}`} data-concern={c.id}>
                <span className={`concern-status status-${c.status}`}>{t(`planning.health.status.${c.status}`)}</span> <span>{c.title}</span>
                {c.status === "finding" ? <span className="muted small"> — {t("planning.health.findingsN", { count: c.findings.length, n: n(c.findings.length) })}</span> : null}
                {c.notChecked ? <p className="muted small">{c.notChecked}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
