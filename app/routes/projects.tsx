import { loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/projects";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { PORTFOLIO_SORTS, portfolio, type PortfolioSort } from "#app/domain/portfolio.server.ts";
import { archivedProjects } from "#app/domain/archive.server.ts";
import { formatDate } from "#app/views/format.ts";
import { localDigits } from "#app/views/format.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { ProgressBar } from "#app/components/progress.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader({ context, request }: Route.LoaderArgs) {
  const user = context.get(authContext).user!;
  const url = new URL(request.url);
  const sortParam = url.searchParams.get("sort");
  const sort: PortfolioSort = (PORTFOLIO_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as PortfolioSort) : "updated";
  const dir = url.searchParams.get("dir") === "asc" ? "asc" : url.searchParams.get("dir") === "desc" ? "desc" : sort === "name" || sort === "phase" ? "asc" : "desc";
  // Archived projects are listed apart (decision 047): `?archived=1`, reached by the link under the portfolio.
  const archived = archivedProjects(getDb(), user.id).map((p) => ({ id: p.id, name: p.name, clientOrganisation: p.clientOrganisation, archivedAt: p.archivedAt!, archivedBy: p.archivedBy ?? "", role: p.role }));
  if (url.searchParams.get("archived") === "1") return { view: "archived" as const, archived, done: url.searchParams.get("done") === "archived", sort, dir, projects: [] };
  return {
    view: "active" as const,
    archived,
    done: false,
    sort,
    dir,
    projects: portfolio(getDb(), user.id, sort, dir).map(({ summary: s, awaiting, health }) => ({
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
      awaiting,
      health,
    })),
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("projects.title")]);
}

export default function Projects({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projects } = loaderData;
  if (loaderData.view === "archived") return <ArchivedProjects archived={loaderData.archived} done={loaderData.done} />;
  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1>{t("projects.title")}</h1>
          <p className="lead">{t("projects.lead")}</p>
        </div>
        <div className="form-actions">
          <Link to="/projects/import" className="button">{t("transfer.importLink")}</Link>
          <Link to="/projects/new" className="button primary">{t("projects.new")}</Link>
        </div>
      </div>
      {projects.length === 0 ? (
        <section className="empty-state">
          <h2>{t("projects.emptyTitle")}</h2>
          <p>{t("projects.emptyBody")}</p>
          <div className="form-actions">
            <Link to="/projects/new" className="button primary">{t("projects.new")}</Link>
            <Link to="/projects/import" className="button">{t("transfer.importLink")}</Link>
          </div>
        </section>
      ) : (
        <div className="table-wrap">
          <table className="data-table portfolio" data-testid="portfolio">
            <caption className="visually-hidden">{t("projects.title")}</caption>
            <thead>
              <tr>
                {(["name", "phase", "progress", "signoffs", "health", "updated"] as const).map((col) => {
                  const active = loaderData.sort === col;
                  const next = active ? (loaderData.dir === "asc" ? "desc" : "asc") : col === "name" || col === "phase" ? "asc" : "desc";
                  return (
                    <th key={col} scope="col" aria-sort={active ? (loaderData.dir === "asc" ? "ascending" : "descending") : undefined}>
                      <Link to={`?sort=${col}&dir=${next}`} className="sort-link" preventScrollReset>
                        {t(`projects.col.${col}`)}
                        <span aria-hidden="true" className="sort-mark">{active ? (loaderData.dir === "asc" ? " ▲" : " ▼") : ""}</span>
                      </Link>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id} data-project={p.name}>
                  <th scope="row">
                    <Link to={`/projects/${p.id}`} dir="auto" className="strong">{p.name}</Link>
                    {p.isDemo ? <span className="badge">{t("projects.demo")}</span> : null}
                    <div className="muted small" dir="auto">{p.clientOrganisation} · {t(`roles.${p.role}`)}</div>
                  </th>
                  <td>{p.packTitle === null ? t("projects.packMissing") : p.currentPhase ? loc(p.currentPhase.title, lang) : t("projects.allComplete")}</td>
                  <td className="progress-cell"><ProgressBar done={p.requiredAnswered} total={p.required} /></td>
                  <td>
                    {p.awaiting.length ? (
                      <ul className="plain">
                        {p.awaiting.map((a) => (
                          <li key={a.id}><Link to={`/projects/${p.id}/phases/${a.id}#sign-off`}>{loc(a.title, lang)}</Link></li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t("projects.noSignoffs")}</span>
                    )}
                  </td>
                  <td>
                    {p.health ? (
                      <Link to={`/projects/${p.id}/health`} className={p.health.high ? "status-missing" : p.health.total ? "status-warning" : "status-ok"}>
                        {p.health.total ? t("projects.healthCount", { n: localDigits(p.health.total, lang), high: localDigits(p.health.high, lang) }) : t("projects.healthNone")}
                      </Link>
                    ) : "—"}
                  </td>
                  <td className="small">
                    <LocalTime iso={p.updatedAt} lang={lang} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaderData.archived.length ? (
        <p className="archived-link">
          <Link to="/projects?archived=1">{t("archive.listLink", { n: localDigits(loaderData.archived.length, lang) })}</Link>
        </p>
      ) : null}
    </main>
  );
}

type Archived = { id: number; name: string; clientOrganisation: string; archivedAt: string; archivedBy: string; role: string };

/** The archived projects: read-only until a project manager restores them. */
function ArchivedProjects({ archived, done }: { archived: Archived[]; done: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <main id="main" className="page">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("projects.title")}</Link>
      </nav>
      <h1>{t("archive.listTitle")}</h1>
      <p className="lead">{t("archive.listLead")}</p>
      {done ? <p className="banner banner-success" role="status">{t("archive.done")}</p> : null}
      {archived.length === 0 ? (
        <p className="muted">{t("archive.listEmpty")}</p>
      ) : (
        <ul className="archived-list plain" data-testid="archived-projects">
          {archived.map((p) => (
            <li key={p.id} className="card">
              <Link to={`/projects/${p.id}`} dir="auto" className="strong">{p.name}</Link>
              <div className="muted small">
                <bdi>{p.clientOrganisation}</bdi> · {t(`roles.${p.role}`)} · {t("archive.archivedBy", { name: `\u2068${p.archivedBy}\u2069` })} · {formatDate(p.archivedAt.slice(0, 10), lang)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
