import { loc, useTranslation } from "#app/i18n.ts";
import { roadmapTimeline, screenText, SCREEN_TIMELINE } from "#app/views/roadmap-timeline.ts";
import { GeneratedDiagramView } from "#app/components/generated-diagram.tsx";
import { Link } from "#app/components/app-link.tsx";
import type { Route } from "./+types/project.home";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { teamCoverage } from "#app/domain/team.server.ts";
import { healthCounts, phaseStates } from "#app/domain/health.server.ts";
import { gateView, projectGates, signerCount, sponsorToInvite, signoffInReach } from "#app/domain/signoff.server.ts";
import { NobodyCanSign } from "#app/components/nobody-can-sign.tsx";
import { readGoals, readStages, roadmapWarnings } from "#app/domain/planning.ts";
import { planningLimits } from "#app/domain/thresholds.ts";
import { projectProgress } from "#methodology/progress.ts";
import { localDigits } from "#app/views/format.ts";
import { ProgressBar } from "#app/components/progress.tsx";
import type { Language } from "#methodology/schema.ts";

const MISSING_SHOWN = 5;

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack, data, may, archived, user } = requireProjectContext(params.projectId, context);
  const { lang, large } = await getPreferences(request);
  const progress = projectProgress(pack, data.state);
  const team = teamCoverage(pack, data);
  const gates = projectGates(db, project.id, pack);
  // Texts in the viewer's language only (switching language reloads).
  const firstMissing = progress.flatMap((p) => p.missing.map((m) => ({ phaseId: p.phase.id, stepId: m.step.id, itemId: m.item.id, title: loc(m.item.title, lang), stepTitle: loc(m.step.title, lang), phaseTitle: loc(p.phase.title, lang) })))[0] ?? null;
  // From the moment sign-off could be requested for some phase, a project where nobody can sign says so (issue 20);
  // the cheap count first: with a signer (the usual case) no phase is looked at.
  const nobodyCanSign = signerCount(db, project.id) === 0 && pack.phases.some((p) => signoffInReach(gateView(pack, p, gates, data)));
  return {
    projectId: project.id,
    description: project.description,
    // Where the method's phases come from, as its pack says (decision 034): shown above them.
    method: loc(pack.description, lang),
    phases: progress.map((p) => ({
      id: p.phase.id,
      title: loc(p.phase.title, lang),
      summary: loc(p.phase.summary, lang),
      required: p.required,
      requiredAnswered: p.requiredAnswered,
      answerable: p.answerable,
      answered: p.answered,
      firstStepId: p.phase.steps[0]!.id,
      // The first few are listed; the rest are counted (required − requiredAnswered).
      missing: p.missing.slice(0, MISSING_SHOWN).map((m) => ({ itemId: m.item.id, stepId: m.step.id, title: loc(m.item.title, lang), stepTitle: loc(m.step.title, lang) })),
    })),
    next: firstMissing,
    // The same drawing the scope document shows, in the viewer's language (switching language reloads):
    // drawn on the server, time running right to left in Persian, with labels sized for a screen (larger in large text).
    roadmap: { definition: null, ...roadmapTimeline(pack, data, lang, lang === "fa" ? "نقشه راه مرحله‌ای" : "Phased roadmap", SCREEN_TIMELINE.widths, screenText(large)) },
    health: healthCounts(pack, data, phaseStates(gates)),
    nobodyCanSign,
    canInvite: may("manage-members"),
    // Offered only with the warning, to whoever may invite.
    sponsorToInvite: nobodyCanSign && may("manage-members") ? sponsorToInvite(db, project.id, pack, data) : null,
    overnight: pack.planning ? roadmapWarnings(readStages(pack.planning, data), readGoals(pack.planning, data), planningLimits(pack, data)).some((w) => w.kind === "first-stage-overloaded" || w.kind === "all-at-once" || w.kind === "single-stage") : false,
    team: team
      ? { unfilled: team.unfilled, total: team.roles.length }
      : null,
    // Setting the project aside (decision 047): the project manager archives it; an administrator deletes it.
    archived,
    canArchive: may("archive") && !archived,
    canDelete: user.isAdmin,
  };
}

export default function ProjectHome({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projectId, phases, next, team } = loaderData;
  const base = `/projects/${projectId}`;
  const totalRequired = phases.reduce((n, p) => n + p.required, 0);
  const totalAnswered = phases.reduce((n, p) => n + p.requiredAnswered, 0);
  return (
    <div className="stack">
      <section className="card summary-card" aria-labelledby="overall">
        <h2 id="overall">{t("home.overall")}</h2>
        <ProgressBar done={totalAnswered} total={totalRequired} />
        {loaderData.description ? <p dir="auto">{loaderData.description}</p> : null}
        <div className="next-actions">
          {/* An archived project has no next step to take: its banner says so. */}
          {loaderData.archived ? null : next ? (
            <p>
              <span className="label">{t("home.nextAction")}</span>{" "}
              <Link to={`${base}/phases/${next.phaseId}/steps/${next.stepId}#item-${next.itemId}`} className="button primary small">
                {next.title}
              </Link>{" "}
              <span className="muted">{next.phaseTitle} › {next.stepTitle}</span>
            </p>
          ) : (
            <p className="status-ok">{t("home.allRequiredDone")}</p>
          )}
          {loaderData.health ? (
            <p className={loaderData.health.total ? (loaderData.health.high ? "status-missing" : "status-warning") : "status-ok"} data-testid="home-health">
              {loaderData.health.total
                ? t("planning.health.count", { count: loaderData.health.total, n: localDigits(loaderData.health.total, lang), high: localDigits(loaderData.health.high, lang), medium: localDigits(loaderData.health.medium, lang), low: localDigits(loaderData.health.low, lang) })
                : t("planning.health.none")}{" "}
              <Link to={`${base}/health`}>{t("planning.health.open")}</Link>
            </p>
          ) : null}
          {loaderData.nobodyCanSign ? <NobodyCanSign membersHref={loaderData.canInvite ? `${base}/members` : null} sponsor={loaderData.sponsorToInvite} /> : null}
          {team && team.unfilled > 0 ? (
            <p className="status-warning">
              {t("home.rolesUnfilled", { count: team.unfilled, n: localDigits(team.unfilled, lang), total: localDigits(team.total, lang) })}{" "}
              <Link to={`${base}/team`}>{t("home.seeTeam")}</Link>
            </p>
          ) : null}
        </div>
      </section>
      <section className="card" aria-labelledby="roadmap-heading">
        <h2 id="roadmap-heading">{t("home.roadmap")}</h2>
        {loaderData.overnight ? (
          <p className="banner banner-warning" role="status">
            {t("planning.roadmap.overnightTitle")} <Link to={`${base}/roadmap`}>{t("planning.roadmap.open")}</Link>
          </p>
        ) : null}
        <GeneratedDiagramView diagram={loaderData.roadmap} title={t("home.roadmap")} empty={t("home.roadmapEmpty")} />
      </section>
      <section aria-labelledby="phases-heading">
        <h2 id="phases-heading">{t("home.phases")}</h2>
        <p className="lead method-origin">{loaderData.method}</p>
        <ol className="phase-cards">
          {phases.map((p, i) => {
            const missingCount = p.required - p.requiredAnswered;
            return (
              <li key={p.id} className={`card phase-card${missingCount === 0 ? " complete" : ""}`}>
                <div className="phase-card-head">
                  <span className="phase-number" aria-hidden="true">{missingCount === 0 ? "✓" : localDigits(i + 1, lang)}</span>
                  <h3>
                    <Link to={`${base}/phases/${p.id}`}>{p.title}</Link>
                  </h3>
                </div>
                <p className="muted phase-summary" title={p.summary}>{p.summary}</p>
                <ProgressBar done={p.requiredAnswered} total={p.required} />
                {missingCount > 0 ? (
                  <details className="missing">
                    <summary className="status-missing">
                      {t("home.missingInPhase", { count: missingCount, n: localDigits(missingCount, lang), phase: p.title })}
                    </summary>
                    <ul>
                      {p.missing.map((m) => (
                        <li key={m.itemId}>
                          <Link to={`${base}/phases/${p.id}/steps/${m.stepId}#item-${m.itemId}`}>{m.title}</Link>
                          <span className="muted"> — {m.stepTitle}</span>
                        </li>
                      ))}
                      {missingCount > p.missing.length ? (
                        <li className="muted">{t("home.andMore", { n: localDigits(missingCount - p.missing.length, lang) })}</li>
                      ) : null}
                    </ul>
                  </details>
                ) : (
                  <p className="status-ok">{t("home.phaseComplete")}</p>
                )}
                <p className="phase-card-foot muted">
                  {t("home.answeredAll", { done: localDigits(p.answered, lang), total: localDigits(p.answerable, lang) })}
                </p>
              </li>
            );
          })}
        </ol>
      </section>
      {loaderData.canArchive || loaderData.canDelete ? (
        <p className="project-admin-links muted">
          {loaderData.canArchive ? <Link to={`${base}/archive`}>{t("archive.link")}</Link> : null}
          {loaderData.canArchive && loaderData.canDelete ? " · " : null}
          {loaderData.canDelete ? <Link to={`${base}/delete`}>{t("archive.deleteLink")}</Link> : null}
        </p>
      ) : null}
    </div>
  );
}
