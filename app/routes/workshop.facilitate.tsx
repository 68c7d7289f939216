import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/workshop.facilitate";
import { receivedPathContext } from "#app/context.ts";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { addActivity, adopt, closeActivity, endSession, getSession, mergeIdeas, openActivity, removeParticipant, reveal } from "#app/domain/workshop.server.ts";
import { refusalData } from "#app/domain/workshop-pages.server.ts";
import { parseId, readForm, type FormFields } from "#app/http.server.ts";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? undefined : v);

const forms = {
  add: z.object({ kind: z.string().max(40) }),
  open: z.object({ activityId: id }),
  close: z.object({ activityId: id }),
  reveal: z.object({ activityId: id }),
  hide: z.object({ activityId: id }),
  adopt: z.object({ activityId: id }),
  remove: z.object({ participantId: id }),
  merge: z.object({ into: id }),
  end: z.object({ confirm: z.literal("yes") }),
} as const;
type Intent = keyof typeof forms;

/** The activity's configuration from the panel's form fields (the session functions check it). */
function configOf(kind: string, f: FormFields): unknown {
  switch (kind) {
    case "ideas":
      return { itemId: one(f.itemId), question: one(f.question) };
    case "goal-scores":
      return f.mode === "points" ? { mode: "points", points: one(f.points) } : { mode: one(f.mode) };
    case "readiness":
      return {};
    case "poll":
      return { question: one(f.question), options: (one(f.options) ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean) };
    default:
      return {};
  }
}

/** Chosen values for adoption: `v:<goal>:<criterion>` or `v:<goal|topic>` fields that are not empty. */
function chosenValues(f: FormFields): Record<string, unknown> {
  const out: Record<string, Record<string, string> | string> = {};
  for (const [k, raw] of Object.entries(f)) {
    const v = one(raw);
    if (!v) continue;
    const cell = /^v:([^:]+):(.+)$/.exec(k);
    if (cell) ((out[cell[1]!] ??= {}) as Record<string, string>)[cell[2]!] = v;
    else if (k.startsWith("v:")) out[k.slice(2)] = v;
  }
  return out;
}

/** The session lives on its step: a GET goes there. */
export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project } = requireProjectContext(params.projectId, context);
  const session = getSession(db, parseId(params.sessionId));
  if (!session || session.projectId !== project.id) throw data({ error: "errors.notFound" }, { status: 404 });
  return redirect(`/projects/${project.id}/phases/${session.phaseId}/steps/${session.stepId}#workshop`);
}

/**
 * The facilitator's controls (decision 039): add, open, close, show or hide
 * the results, merge ideas, adopt, remove a participant, end. A refusal
 * answers 4xx with the field and the message; nothing is written then. From
 * the panel (a script) the answer is data; a plain form goes back to the step.
 */
export async function action({ params, request, context }: Route.ActionArgs) {
  const { db, project, actor } = requireProjectContext(params.projectId, context);
  const session = getSession(db, parseId(params.sessionId));
  if (!session || session.projectId !== project.id) throw data({ error: "errors.notFound" }, { status: 404 });
  const f = await readForm(request);
  const intent = one(f.intent) as Intent | undefined;
  const schema = intent && Object.hasOwn(forms, intent) ? forms[intent] : null;
  const parsed = schema?.safeParse(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, one(v)])));
  if (!schema || !parsed?.success) return data({ ok: false as const, field: "_form", error: "errors.badForm", params: {} }, { status: 400 });
  const form = parsed.data as Record<string, unknown>;
  const sessionId = session.id;
  try {
    switch (intent) {
      case "add":
        addActivity(db, { sessionId, kind: form.kind, config: configOf(String(form.kind), f), by: actor });
        break;
      case "open":
        openActivity(db, { sessionId, activityId: form.activityId, by: actor });
        break;
      case "close":
        closeActivity(db, { sessionId, activityId: form.activityId, by: actor });
        break;
      case "reveal":
      case "hide":
        reveal(db, { sessionId, activityId: form.activityId, by: actor, revealed: intent === "reveal" });
        break;
      case "merge":
        mergeIdeas(db, { sessionId, into: form.into, from: list(f.from).filter((x) => x !== String(form.into)), by: actor });
        break;
      case "adopt":
        adopt(db, { sessionId, activityId: form.activityId, by: actor, choice: { values: chosenValues(f), criterionId: one(f.criterionId), ideaIds: list(f.ideaIds) } });
        break;
      case "remove":
        removeParticipant(db, { sessionId, participantId: Number(form.participantId), by: actor });
        break;
      case "end":
        endSession(db, { sessionId, by: actor });
        break;
    }
  } catch (error) {
    return refusalData(error);
  }
  if (context.get(receivedPathContext)?.endsWith(".data")) return { ok: true as const, intent };
  return redirect(`/projects/${project.id}/phases/${session.phaseId}/steps/${session.stepId}#workshop`);
}
