import { loc, useTranslation } from "#app/i18n.ts";
import { data, redirect } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.phase";
import { requirePhase, requireProjectContext } from "#app/domain/project-context.server.ts";
import { applyGate, gateView, projectGates, signerCount, sponsorToInvite, signoffInReach, type GateIntent } from "#app/domain/signoff.server.ts";
import { gateDrafts, publicOrigin, sendMailLater } from "#app/domain/mail.server.ts";
import { refOptionsFor } from "#app/domain/step.server.ts";
import { loadProjectData } from "#app/domain/projects.server.ts";
import { readForm } from "#app/http.server.ts";
import { phaseProgress } from "#methodology/progress.ts";
import { localDigits } from "#app/views/format.ts";
import { ProgressBar } from "#app/components/progress.tsx";
import { GatePanel } from "#app/components/gate-panel.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, permissions } = requireProjectContext(params.projectId, context);
  const phase = requirePhase(pack, params.phaseId);
  const progress = phaseProgress(phase, projectData.state);
  const source = phase.source ? pack.sources.find((s) => s.file === phase.source) : undefined;
  const view = gateView(pack, phase, projectGates(db, project.id, pack), projectData);
  const { lastApproval, snapshot, imported, ...gate } = view;
  const nobodyCanSign = signoffInReach(view) && signerCount(db, project.id) === 0;
  return {
    projectId: project.id,
    permissions,
    // Sign-off could be requested (or is), and no member may sign (issue 20): the gate says so.
    nobodyCanSign,
    // …and the team register's uninvited sponsor with an email, offered "Invite <name>" to whoever may invite.
    sponsorToInvite: nobodyCanSign && permissions.includes("manage-members") ? sponsorToInvite(db, project.id, pack, projectData) : null,
    phase: { id: phase.id, title: phase.title, summary: phase.summary, source: source ? { file: source.file, title: source.title } : null },
    required: progress.required,
    requiredAnswered: progress.requiredAnswered,
    steps: progress.steps.map((s) => ({
      id: s.step.id,
      title: s.step.title,
      intro: s.step.intro ?? null,
      required: s.required,
      requiredAnswered: s.requiredAnswered,
      answerable: s.answerable,
      answered: s.answered,
      items: s.step.items.length,
    })),
    gate: {
      ...gate,
      lastApproval: lastApproval ? { userName: lastApproval.userName, at: lastApproval.at, comment: lastApproval.comment, fingerprint: lastApproval.fingerprint } : null,
      blockedBy: gate.blockedBy.map((id) => pack.phases.find((p) => p.id === id)!.title),
      imported: {
        events: imported.events,
        approval: imported.approval ? { userName: imported.approval.userName, at: imported.approval.at, comment: imported.approval.comment, fingerprint: imported.approval.fingerprint, importedFrom: imported.approval.importedFrom ?? "" } : null,
      },
    },
    /** The phase's definition and content, for the "what is signed" summary and the diff. */
    content: { steps: phase.steps, snapshot, refOptions: refOptionsFor(pack, phase.steps.flatMap((s) => s.items), projectData) },
  };
}

const gateForm = z.object({
  intent: z.enum(["request", "withdraw", "approve", "reject", "reopen"]),
  comment: z.string().max(4000).optional().default(""),
  fingerprint: z.string().max(100).optional(),
});

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, pack, actor } = requireProjectContext(params.projectId, context);
  const phase = requirePhase(pack, params.phaseId);
  const parsed = gateForm.safeParse(await readForm(request));
  if (!parsed.success) throw data({ error: "errors.badForm" }, { status: 400 });
  const result = applyGate(db, {
    projectId: project.id,
    pack,
    phase,
    intent: parsed.data.intent as GateIntent,
    actor,
    comment: parsed.data.comment,
    reviewed: parsed.data.fingerprint,
    load: () => loadProjectData(db, project.id),
  });
  if (!result.ok) return data({ intent: parsed.data.intent, error: result.error, field: result.field ?? null, comment: parsed.data.comment }, { status: result.status });
  // After the sign-off step committed: the emails it calls for, sent without making this page wait (decision 046).
  sendMailLater(db, gateDrafts(db, { projectId: project.id, pack, phaseId: phase.id, intent: parsed.data.intent as GateIntent, actor, comment: parsed.data.comment, origin: publicOrigin(request) }));
  return redirect(`/projects/${project.id}/phases/${phase.id}?done=${parsed.data.intent}#sign-off`);
}

export function meta({ matches, data }: Route.MetaArgs) {
  return pageTitle(matches, () => [data?.phase.title]);
}

export default function PhasePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { projectId, phase, steps } = loaderData;
  const base = `/projects/${projectId}/phases/${phase.id}`;
  return (
    <div className="stack">
      <header className="section-head">
        <p className="eyebrow">{t("phase.eyebrow")}</p>
        <h2 className="page-title">{loc(phase.title, lang)}</h2>
        <p className="lead">{loc(phase.summary, lang)}</p>
        {phase.source ? <p className="source-note">{t("common.source")}: {loc(phase.source.title, lang)}</p> : null}
        <ProgressBar done={loaderData.requiredAnswered} total={loaderData.required} />
      </header>
      <ol className="step-cards">
        {steps.map((s, i) => (
          <li key={s.id} className="card step-card">
            <h3>
              <Link to={`${base}/steps/${s.id}`}>
                <span className="step-index">{localDigits(i + 1, lang)}.</span> {loc(s.title, lang)}
              </Link>
            </h3>
            {s.intro ? <p className="muted">{loc(s.intro, lang)}</p> : null}
            {s.required > 0 ? <ProgressBar done={s.requiredAnswered} total={s.required} /> : <p className="muted small">{t("phase.noRequired")}</p>}
            {s.answerable > 0 ? <p className="muted small">{t("home.answeredAll", { done: localDigits(s.answered, lang), total: localDigits(s.answerable, lang) })}</p> : null}
          </li>
        ))}
      </ol>
      {steps[0] ? (
        <p>
          {/* The selection phase is worked on its own page (the matrix, the demo scores and the ranking): one starting point. */}
          {phase.id === "selection" ? (
            <Link className="button primary" to={`/projects/${projectId}/selection`}>{t("selection.openPage")}</Link>
          ) : (
            <Link className="button primary" to={`${base}/steps/${steps[0].id}`}>{t("phase.start")}</Link>
          )}
        </p>
      ) : null}
      <GatePanel
        gate={loaderData.gate}
        permissions={loaderData.permissions}
        missing={loaderData.required - loaderData.requiredAnswered}
        content={loaderData.content}
        result={actionData ?? null}
        nobodyCanSign={loaderData.nobodyCanSign ? { membersHref: loaderData.permissions.includes("manage-members") ? `/projects/${projectId}/members` : null, sponsor: loaderData.sponsorToInvite } : null}
      />
    </div>
  );
}
