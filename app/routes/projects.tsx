import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "react-router";
import type { Route } from "./+types/projects";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { listProjects } from "#app/domain/projects.server.ts";
import { formatDate } from "#app/format.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { ProgressBar } from "#app/components/progress.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader({ context }: Route.LoaderArgs) {
  const user = context.get(authContext).user!;
  return {
    projects: listProjects(getDb(), user.id).map((s) => ({
      role: s.role,
      id: s.project.id,
      name: s.project.name,
      clientOrganisation: s.project.clientOrganisation,
      startDate: s.project.startDate,
      updatedAt: s.project.updatedAt,
      deliverableLanguage: s.project.deliverableLanguage,
      isDemo: s.project.isDemo,
      packTitle: s.packTitle,
      required: s.required,
      requiredAnswered: s.requiredAnswered,
      currentPhase: s.currentPhase,
    })),
  };
}

export default function Projects({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projects } = loaderData;
  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1>{t("projects.title")}</h1>
          <p className="lead">{t("projects.lead")}</p>
        </div>
        <Link to="/projects/new" className="button primary">{t("projects.new")}</Link>
      </div>
      {projects.length === 0 ? (
        <section className="empty-state">
          <h2>{t("projects.emptyTitle")}</h2>
          <p>{t("projects.emptyBody")}</p>
          <Link to="/projects/new" className="button primary">{t("projects.new")}</Link>
        </section>
      ) : (
        <ul className="project-cards" aria-label={t("projects.title")}>
          {projects.map((p) => (
            <li key={p.id} className="card project-card">
              <div className="project-card-head">
                <h2>
                  <Link to={`/projects/${p.id}`} dir="auto">{p.name}</Link>
                </h2>
                {p.isDemo ? <span className="badge">{t("projects.demo")}</span> : null}
                <span className="badge role-badge">{t(`roles.${p.role}`)}</span>
              </div>
              <p className="muted" dir="auto">{p.clientOrganisation}</p>
              <dl className="facts">
                <div>
                  <dt>{t("projects.currentPhase")}</dt>
                  <dd>{p.packTitle === null ? t("projects.packMissing") : p.currentPhase ? loc(p.currentPhase.title, lang) : t("projects.allComplete")}</dd>
                </div>
                <div>
                  <dt>{t("projects.startDate")}</dt>
                  <dd>{formatDate(p.startDate, lang)}</dd>
                </div>
                <div>
                  <dt>{t("projects.deliverableLanguage")}</dt>
                  <dd>{t(`languages.${p.deliverableLanguage}`)}</dd>
                </div>
                <div>
                  <dt>{t("projects.lastChange")}</dt>
                  <dd>
                    <LocalTime iso={p.updatedAt} lang={lang} />
                  </dd>
                </div>
              </dl>
              <ProgressBar done={p.requiredAnswered} total={p.required} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
