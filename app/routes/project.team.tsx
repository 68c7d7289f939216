import { useTranslation } from "#app/i18n.ts";
import { data } from "react-router";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.team";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { teamCoverage } from "#app/domain/team.server.ts";
import { TeamCoverageView } from "#app/components/team-coverage.tsx";
import { GeneratedDiagramView } from "#app/components/generated-diagram.tsx";
import { teamStructure } from "#app/views/diagrams.ts";
import { PrintButton } from "#app/components/print-button.tsx";

export function loader({ params, context }: Route.LoaderArgs) {
  const { project, pack, data: projectData } = requireProjectContext(params.projectId, context);
  const coverage = teamCoverage(pack, projectData);
  if (!coverage) throw data({ error: "errors.noTeamInPack" }, { status: 404 });
  return { projectId: project.id, coverage, structure: { fa: teamStructure(pack, projectData, "fa", project.name), en: teamStructure(pack, projectData, "en", project.name) } };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.team")]);
}

export default function TeamPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { projectId, coverage } = loaderData;
  const others = coverage.others;
  return (
    <div className="stack">
      <header className="section-head">
        <PrintButton />
        <h2 className="page-title">{t("team.title")}</h2>
        <p className="lead">{t("team.lead")}</p>
      </header>
      <TeamCoverageView
        coverage={coverage}
        registerLink={`/projects/${projectId}/phases/${coverage.register.phaseId}/steps/${coverage.register.stepId}#item-${coverage.register.itemId}`}
      />
      <section className="card" aria-labelledby="structure-heading">
        <h3 id="structure-heading">{t("team.structure")}</h3>
        <GeneratedDiagramView diagram={loaderData.structure[i18n.language as "fa" | "en"]} title={t("team.structure")} empty={t("team.structureEmpty")} />
      </section>
      {others.length ? (
        <section className="card">
          <h3>{t("team.otherMembers")}</h3>
          <ul>
            {others.map((m) => (
              <li key={m.rowId} dir="auto">{m.unit ? `${m.name} (${m.unit})` : m.name}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
