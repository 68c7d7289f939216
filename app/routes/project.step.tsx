import { loc, useTranslation } from "#app/i18n.ts";
import { data, isRouteErrorResponse } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.step";
import { requirePhase, requireProjectContext } from "#app/domain/project-context.server.ts";
import { findStep, itemStates, neighbours, runStepAction, type StepActionResult } from "#app/domain/step.server.ts";
import { teamCoverage } from "#app/domain/team.server.ts";
import { isEditable, projectGates } from "#app/domain/signoff.server.ts";
import { lastItemChanges } from "#app/domain/audit.server.ts";
import { GateBadge } from "#app/components/gate-badge.tsx";
import { ItemList } from "#app/components/items/item-list.tsx";
import { teamRowInvites } from "#app/domain/members.server.ts";
import { PresenceLine } from "#app/components/live.tsx";
import { readForm } from "#app/http.server.ts";
import { isItemAnswered } from "#methodology/progress.ts";
import { localDigits } from "#app/views/format.ts";
import { customerVoiceFor } from "#app/views/customer-voice.ts";
import type { Language } from "#methodology/schema.ts";
import { stepWorkshop } from "#app/domain/workshop-pages.server.ts";
import { WorkshopPanel } from "#app/components/workshop-panel.tsx";
import { PrintButton } from "#app/components/print-button.tsx";

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, role, may, archived } = requireProjectContext(params.projectId, context);
  const phase = requirePhase(pack, params.phaseId);
  const fullStep = findStep(pack, phase, params.stepId);
  // Registers edited only on a planning page (the score grid) are not shown here, nor sent.
  const step = { ...fullStep, items: fullStep.items.filter((i) => !(i.kind === "register" && i.workbenchOnly)) };
  const states = itemStates(pack, step, projectData, new URL(request.url).searchParams);
  const gate = projectGates(db, project.id, pack).get(phase.id)!;
  const changes = lastItemChanges(db, project.id, step.items.map((i) => i.id), projectData);
  const team = pack.team && step.items.some((i) => i.id === pack.team!.register) ? teamCoverage(pack, projectData) : null;
  return {
    projectId: project.id,
    phase: { id: phase.id, title: phase.title },
    step,
    stepNumber: phase.steps.findIndex((s) => s.id === step.id) + 1,
    stepCount: phase.steps.length,
    ...states,
    answered: Object.fromEntries(step.items.map((i) => [i.id, isItemAnswered(i, projectData.state)])),
    sources: Object.fromEntries(pack.sources.map((s) => [s.file, s])),
    nav: neighbours(pack, step.id),
    team,
    /** The team register's rows with an email, offered as project members (decision 046): for those who may invite. */
    teamInvites:
      pack.team && team && may("manage-members")
        ? { rows: teamRowInvites(db, project.id, projectData.rows.get(pack.team.register) ?? [], pack.team.roleColumn), defaultLanguage: project.deliverableLanguage }
        : null,
    gateStatus: gate.status,
    locked: !isEditable(gate),
    archived,
    canAnswer: may("answer"),
    canEditRegisters: may("edit-registers"),
    lastChange: Object.fromEntries(changes),
    ...customerVoiceFor(pack, project.id, projectData, step.items, (await getPreferences(request)).lang),
    /** Planning pages that show this step's items too (strategy, journey…): linked from the step. */
    planningPages: pack.planning ? (Object.entries(pack.planning.pages) as Array<[string, string[]]>).filter(([, ids]) => step.items.some((i) => ids.includes(i.id))).map(([page]) => page) : [],
    /** The workshop session panel (decision 039): null for members who do not facilitate while none runs here. */
    workshop: archived ? null : stepWorkshop(db, { request, projectId: project.id, pack, phase, step: fullStep, role, data: projectData }),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, pack, actor } = requireProjectContext(params.projectId, context);
  const phase = requirePhase(pack, params.phaseId);
  const step = findStep(pack, phase, params.stepId);
  const form = await readForm(request);
  const locked = !isEditable(projectGates(db, project.id, pack).get(phase.id));
  const { lang } = await getPreferences(request);
  const { status, body } = runStepAction(db, project.id, step, form, { by: actor, locked, lang });
  return data(body, { status });
}

/** Keeps the page when the connection drops: the result says "offline" and the draft stays. */
export async function clientAction({ serverAction, request }: Route.ClientActionArgs) {
  try {
    return await serverAction();
  } catch (error) {
    if (isRouteErrorResponse(error) || (error instanceof Response)) throw error;
    const form = await request.formData().catch(() => null);
    const result: StepActionResult = {
      ok: false,
      offline: true,
      intent: String(form?.get("intent") ?? ""),
      itemId: String(form?.get("itemId") ?? ""),
      rowId: form?.get("rowId") ? Number(form.get("rowId")) : undefined,
      submitted: {},
    };
    return result;
  }
}

export function meta({ matches, data }: Route.MetaArgs) {
  return pageTitle(matches, () => [data?.step.title]);
}

export default function StepPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projectId, phase, step, answers, rows, rowPages, printRows, suggestionsLeft, refOptions, answered, sources, nav, team, locked, canAnswer, canEditRegisters, lastChange } = loaderData;
  const lockedItems = Object.fromEntries(step.items.map((i) => [i.id, locked]));
  const readOnlyReason = loaderData.archived ? t("archive.bannerShort") : locked ? t(`gate.lockedStep.${loaderData.gateStatus}`) : !canAnswer && !canEditRegisters ? t("step.readOnlyRole") : null;
  const fallback = actionData as StepActionResult | undefined;
  const base = `/projects/${projectId}`;
  const requiredItems = step.items.filter((i) => "required" in i && i.required);
  const requiredDone = requiredItems.filter((i) => answered[i.id]).length;
  return (
    <article className="stack step-page">
      <header className="section-head">
        <PrintButton />
        <p className="eyebrow">
          <Link to={`${base}/phases/${phase.id}`}>{loc(phase.title, lang)}</Link> ·{" "}
          {t("step.numberOf", { n: localDigits(loaderData.stepNumber, lang), total: localDigits(loaderData.stepCount, lang) })}
        </p>
        <h2 className="page-title">{loc(step.title, lang)}</h2>
        {step.intro ? <p className="lead">{loc(step.intro, lang)}</p> : null}
        {requiredItems.length > 0 ? (
          <p className={requiredDone === requiredItems.length ? "status-ok" : "status-missing"}>
            {t("progress.requiredAnswered", { done: localDigits(requiredDone, lang), total: localDigits(requiredItems.length, lang) })}
          </p>
        ) : null}
        <PresenceLine />
      </header>
      {fallback && !fallback.ok && !fallback.itemId ? <p className="banner banner-error" role="alert">{t("errors.badForm")}</p> : null}
      {readOnlyReason ? (
        <p className="banner banner-info read-only-banner" role="status" data-testid="read-only">
          {locked ? <GateBadge status={loaderData.gateStatus} changed={false} /> : null} {readOnlyReason}{" "}
          {locked ? <Link to={`${base}/phases/${phase.id}#sign-off`}>{t("gate.seeSignoff")}</Link> : null}
        </p>
      ) : null}
      {loaderData.workshop ? (
        <WorkshopPanel
          projectId={projectId}
          phaseId={phase.id}
          stepId={step.id}
          workshop={loaderData.workshop}
          questionTitles={Object.fromEntries(step.items.map((i) => [i.id, i.title]))}
        />
      ) : null}
      {loaderData.planningPages.length ? (
        <p className="banner banner-info screen-only" data-testid="planning-links">
          {t("planning.alsoOn")}{" "}
          {loaderData.planningPages.map((page, i) => (
            <span key={page}>
              {i ? t("planning.listSeparator") : ""}
              <Link to={`${base}/${page}`}>{t(`nav.${page}`)}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <ItemList
        items={step.items}
        data={{ projectId, answers, rows, rowPages, printRows, suggestionsLeft, refOptions, answered, sources, lastChange, locked: lockedItems, canAnswer, canEditRegisters, voices: loaderData.voices, voiceLink: loaderData.voiceLink }}
        fallback={fallback}
        team={team}
        teamInvites={loaderData.teamInvites}
      />
      <nav className="step-nav" aria-label={t("step.navigation")}>
        {nav.previous ? (
          <Link className="button" rel="prev" to={`${base}/phases/${nav.previous.phaseId}/steps/${nav.previous.stepId}`}>
            <span aria-hidden="true">{lang === "fa" ? "→" : "←"}</span> {t("step.previous")}: {loc(nav.previous.title, lang)}
          </Link>
        ) : (
          <span />
        )}
        {nav.next ? (
          <Link className="button primary" rel="next" to={`${base}/phases/${nav.next.phaseId}/steps/${nav.next.stepId}`}>
            {t("step.next")}: {loc(nav.next.title, lang)} <span aria-hidden="true">{lang === "fa" ? "←" : "→"}</span>
          </Link>
        ) : (
          <Link className="button primary" to={base}>{t("step.backToOverview")}</Link>
        )}
      </nav>
    </article>
  );
}
