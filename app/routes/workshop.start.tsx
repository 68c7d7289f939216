import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/workshop.start";
import { requirePhase, requireProjectContext } from "#app/domain/project-context.server.ts";
import { findStep } from "#app/domain/step.server.ts";
import { sessionsOfStep, startSession } from "#app/domain/workshop.server.ts";
import { facilitatorCookie, refusalData } from "#app/domain/workshop-pages.server.ts";
import { readForm } from "#app/http.server.ts";

const startForm = z.object({ intent: z.literal("start"), phaseId: z.string().min(1).max(120), stepId: z.string().min(1).max(120) });

/** Nothing to show here: the sessions live on their steps. */
export function loader({ params }: Route.LoaderArgs) {
  return redirect(`/projects/${params.projectId}`);
}

/**
 * Starts a workshop session on a step (decision 039) and goes back to the
 * step, where the panel shows the code, the link and the controls. The join
 * link's token is kept in a cookie of this browser for the project's pages
 * (only its hash is stored).
 */
export async function action({ params, request, context }: Route.ActionArgs) {
  const { db, project, pack, actor } = requireProjectContext(params.projectId, context);
  const form = startForm.safeParse(await readForm(request));
  if (!form.success) throw data({ error: "errors.badForm" }, { status: 400 });
  const phase = requirePhase(pack, form.data.phaseId);
  const step = findStep(pack, phase, form.data.stepId);
  const back = `/projects/${project.id}/phases/${phase.id}/steps/${step.id}#workshop`;
  // One session at a time on a step: a second start (a double click) goes to the running one.
  if (sessionsOfStep(db, project.id, step.id).some((s) => s.endedAt === null)) return redirect(back);
  try {
    const started = startSession(db, { projectId: project.id, phaseId: phase.id, stepId: step.id, by: actor });
    return redirect(back, {
      headers: { "Set-Cookie": facilitatorCookie(project.id, started.sessionId, started.token) },
    });
  } catch (error) {
    return refusalData(error);
  }
}
