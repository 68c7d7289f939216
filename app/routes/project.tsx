import { loc, useTranslation } from "#app/i18n.ts";
import { Form, Outlet, useParams, useSearchParams } from "react-router";
import { Link, NavLink } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { gateView, projectGates } from "#app/domain/signoff.server.ts";
import { can } from "#app/access.ts";
import { GateBadge } from "#app/components/gate-badge.tsx";
import { projectProgress } from "#methodology/progress.ts";
import { formatDate, localDigits } from "#app/views/format.ts";
import { ErrorPage } from "#app/root.tsx";
import type { Language } from "#methodology/schema.ts";
import { LiveProvider } from "#app/components/live.tsx";
import { PrintStamp } from "#app/components/print-stamp.tsx";
import { pagePhases } from "#app/domain/page-phases.server.ts";

export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project, pack, data, role, permissions, user } = requireProjectContext(params.projectId, context);
  const progress = projectProgress(pack, data.state);
  const gates = projectGates(db, project.id, pack);
  const gateOf = (phaseId: string) => {
    const v = gateView(pack, pack.phases.find((p) => p.id === phaseId)!, gates, data);
    // Who signed and when, for the line on top of a printed page (decision 048).
    const signed = v.status === "signed" && v.lastApproval ? { at: v.lastApproval.at, by: v.lastApproval.userName } : null;
    return { status: v.status, changed: v.changedSinceSignoff, signed };
  };
  return {
    role,
    permissions,
    // Archived (decision 047): every page of the project says so, read-only; a project manager restores it here.
    archived: project.archivedAt ? { at: project.archivedAt, by: project.archivedBy ?? "" } : null,
    isAdmin: user.isAdmin,
    project: {
      id: project.id,
      name: project.name,
      clientOrganisation: project.clientOrganisation,
      startDate: project.startDate,
      deliverableLanguage: project.deliverableLanguage,
      isDemo: project.isDemo,
    },
    pack: { id: pack.id, version: pack.version, title: pack.title, hasTeam: Boolean(pack.team), hasChange: Boolean(pack.changeManagement), hasReview: Boolean(pack.postLaunchReview), hasPlanning: Boolean(pack.planning), hasSelection: Boolean(pack.selection), hasHealth: Boolean(pack.healthCheck && pack.planning) },
    phases: progress.map((p) => ({
      id: p.phase.id,
      title: p.phase.title,
      required: p.required,
      requiredAnswered: p.requiredAnswered,
      gate: gateOf(p.phase.id),
      // The navigation lists the steps of the open phase only (every project page carries this data).
      steps: p.phase.id === params.phaseId ? p.steps.map((s) => ({ id: s.step.id, title: s.step.title, required: s.required, requiredAnswered: s.requiredAnswered })) : [],
    })),
    pagePhases: pagePhases(pack),
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches);
}

export default function ProjectLayout({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { project, pack, phases, role, permissions, archived } = loaderData;
  const awaitingMe = permissions.includes("sign-off") ? phases.filter((p) => p.gate.status === "awaiting") : [];
  const [search] = useSearchParams();
  const params = useParams();
  const base = `/projects/${project.id}`;
  return (
    <div className="project-shell">
      <div className="project-banner">
        <div className="page wide">
          <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
            <Link to="/projects">{t("projects.title")}</Link>
          </nav>
          <div className="project-title-row">
            <h1 className="project-title">
              <Link to={base} dir="auto">{project.name}</Link>
            </h1>
            {project.isDemo ? <span className="badge">{t("projects.demo")}</span> : null}
            <span className="badge role-badge" data-testid="my-role">{t(`roles.${role}`)}</span>
          </div>
          <p className="muted project-meta">
            <bdi>{project.clientOrganisation}</bdi> · {t("project.startedOn", { date: formatDate(project.startDate, lang) })} ·{" "}
            {t("project.deliverablesIn", { language: t(`languages.${project.deliverableLanguage}`) })} · {loc(pack.title, lang)}{" "}
            {t("newProject.packVersion", { version: localDigits(pack.version, lang) })}
          </p>
          <nav className="tabs" aria-label={t("nav.project")}>
            <NavLink to={base} end className="tab">{t("nav.overview")}</NavLink>
            {pack.hasTeam ? <NavLink to={`${base}/team`} className="tab">{t("nav.team")}</NavLink> : null}
            {pack.hasPlanning
              ? (["strategy", "journey", "prioritisation", "roadmap", "traceability"] as const).map((page) => (
                  <NavLink key={page} to={`${base}/${page}`} className="tab">{t(`nav.${page}`)}</NavLink>
                ))
              : null}
            {pack.hasSelection ? <NavLink to={`${base}/selection`} className="tab">{t("nav.selection")}</NavLink> : null}
            {pack.hasChange ? <NavLink to={`${base}/change-management`} className="tab">{t("nav.change")}</NavLink> : null}
            {pack.hasReview ? <NavLink to={`${base}/post-launch-review`} className="tab">{t("nav.review")}</NavLink> : null}
            {pack.hasHealth ? <NavLink to={`${base}/health`} className="tab">{t("nav.health")}</NavLink> : null}
            <NavLink to={`${base}/members`} className="tab">{t("nav.members")}</NavLink>
            <NavLink to={`${base}/documents`} className="tab">{t("nav.documents")}</NavLink>
            <NavLink to={`${base}/history`} className="tab">{t("nav.history")}</NavLink>
          </nav>
          {archived ? (
            <div className="banner banner-warning archived-banner" role="status" data-testid="archived-banner">
              <p>{t("archive.banner", { name: `\u2068${archived.by}\u2069`, date: formatDate(archived.at.slice(0, 10), lang) })}</p>
              <div className="form-actions">
                {can(role, "archive") ? (
                  <Form method="post" action={`${base}/archive`}>
                    <input type="hidden" name="intent" value="restore" />
                    <button type="submit" className="button small primary">{t("archive.restore")}</button>
                  </Form>
                ) : null}
                {loaderData.isAdmin ? <Link to={`${base}/delete`} className="button small danger">{t("archive.deleteLink")}</Link> : null}
              </div>
            </div>
          ) : null}
          {search.get("restored") ? <p className="banner banner-success" role="status">{t("archive.restored")}</p> : null}
          {awaitingMe.map((p) => (
            <p key={p.id} className="banner banner-warning awaiting-banner" role="status">
              {t("gate.awaitingYou", { phase: loc(p.title, lang) })}{" "}
              <Link to={`${base}/phases/${p.id}#sign-off`} className="button small primary">{t("gate.review")}</Link>
            </p>
          ))}
        </div>
      </div>
      <div className="page wide project-body">
        <aside className="phase-nav" aria-label={t("nav.phases")}>
          <h2 className="visually-hidden">{t("nav.phases")}</h2>
          <ol>
            {phases.map((ph, i) => {
              const complete = ph.required > 0 && ph.requiredAnswered === ph.required;
              const open = params.phaseId === ph.id;
              return (
                <li key={ph.id} className={open ? "open" : undefined}>
                  <NavLink to={`${base}/phases/${ph.id}`} className={`phase-link${complete ? " complete" : ""}`} end={false}>
                    <span className="phase-number" aria-hidden="true">{complete ? "✓" : localDigits(i + 1, lang)}</span>
                    <span className="phase-name">{loc(ph.title, lang)}</span>
                    <span className="phase-count">{t("progress.short", { done: localDigits(ph.requiredAnswered, lang), total: localDigits(ph.required, lang) })}</span>
                    <GateBadge status={ph.gate.status} changed={ph.gate.changed} compact />
                  </NavLink>
                  {open ? (
                    <ol className="step-links">
                      {ph.steps.map((st) => (
                        <li key={st.id}>
                          <NavLink to={`${base}/phases/${ph.id}/steps/${st.id}`} className={`step-link${st.required > 0 && st.requiredAnswered === st.required ? " complete" : ""}`}>
                            {loc(st.title, lang)}
                          </NavLink>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </aside>
        <main id="main" className="project-main">
          <PrintStamp phases={phases} pagePhases={loaderData.pagePhases} />
          {/* One live connection per tab: others' saves appear without a reload (decision 037). */}
          <LiveProvider projectId={project.id}>
            <Outlet />
          </LiveProvider>
        </main>
      </div>
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
