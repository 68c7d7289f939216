import { useTranslation } from "#app/i18n.ts";
import { useSearchParams } from "react-router";
import { count, desc } from "drizzle-orm";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/admin.projects";
import { getDb } from "#db/client.ts";
import { memberships, projects } from "#db/schema.ts";
import { Link } from "#app/components/app-link.tsx";
import { LocalTime } from "#app/components/local-time.tsx";
import { localDigits } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

/** Every project of the installation, archived ones too: where an administrator goes to delete one (decision 047). */
export function loader() {
  const db = getDb();
  const members = new Map(db.select({ projectId: memberships.projectId, n: count() }).from(memberships).groupBy(memberships.projectId).all().map((r) => [r.projectId, r.n]));
  return {
    projects: db
      .select({ id: projects.id, name: projects.name, clientOrganisation: projects.clientOrganisation, archivedAt: projects.archivedAt, updatedAt: projects.updatedAt })
      .from(projects)
      .orderBy(desc(projects.updatedAt), desc(projects.id))
      .all()
      .map((p) => ({ ...p, members: members.get(p.id) ?? 0 })),
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("archive.admin.title")]);
}

export default function AdminProjects({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [search] = useSearchParams();
  const deleted = search.get("deleted");
  return (
    <main id="main" className="page stack">
      <h1>{t("archive.admin.title")}</h1>
      <p className="lead">{t("archive.admin.lead")}</p>
      <p>
        <Link to="/admin/users">{t("admin.users")}</Link> · <Link to="/admin/audit">{t("adminAudit.title")}</Link>
      </p>
      {deleted ? <p className="banner banner-success" role="status">{t("archive.delete.deleted", { name: `\u2068${deleted}\u2069` })}</p> : null}
      <div className="table-wrap">
        <table className="data-table card" data-testid="admin-projects">
          <thead>
            <tr>
              <th scope="col">{t("archive.admin.name")}</th>
              <th scope="col">{t("archive.admin.state")}</th>
              <th scope="col">{t("archive.admin.members")}</th>
              <th scope="col">{t("projects.col.updated")}</th>
              <th scope="col"><span className="visually-hidden">{t("archive.admin.delete")}</span></th>
            </tr>
          </thead>
          <tbody>
            {loaderData.projects.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <bdi>{p.name}</bdi>
                  <div className="muted small" dir="auto">{p.clientOrganisation}</div>
                </th>
                <td>{p.archivedAt ? <span className="badge">{t("archive.admin.archived")}</span> : t("archive.admin.active")}</td>
                <td>{localDigits(p.members, lang)}</td>
                <td className="small"><LocalTime iso={p.updatedAt} lang={lang} /></td>
                <td>
                  <Link to={`/projects/${p.id}/delete`} className="button small danger">{t("archive.admin.delete")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
