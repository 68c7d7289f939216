/**
 * What the workshop's pages need beyond the session functions
 * (`workshop.server.ts`, decision 038): the two cookies, which activities a
 * step offers, the facilitator panel's data, a phone form read into a ballot,
 * and refusals turned into answers (decision 039).
 */
import { data } from "react-router";
import type { Db } from "#db/client.ts";
import { preparedOnce } from "#db/client.ts";
import type { Pack, Phase, Step } from "#methodology/schema.ts";
import { can, type ProjectRole } from "#app/access.ts";
import type { FormFields } from "#app/http.server.ts";
import { readCookie } from "./auth.server.ts";
import type { ProjectData } from "./projects.server.ts";
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { Language } from "#methodology/schema.ts";
import { chosenLanguage, getPreferences } from "./preferences.server.ts";
import { projects, workshopSessions } from "#db/schema.ts";
import { facilitatorView, getSession, getSessionByCode, getSessionByToken, phaseLockedForWorkshops, readinessTopics, sessionsOfStep, WorkshopRefusal, type FacilitatorView, type SessionInfo } from "./workshop.server.ts";
import { normaliseCode, type ActivityKind, type ActivitySubjects, type Ballot } from "./workshop.ts";

const DAY = 24 * 60 * 60;

// ---------------------------------------------------------------------------
// Cookies

/**
 * The join link's token is stored only as a hash (decision 038), so the
 * facilitator's browser keeps it from the start, in a cookie for the
 * project's pages (HttpOnly): the step panel and the projector draw the link
 * and its QR code from it. Another computer without it shows the code link
 * (`/w/<code>`), which works the same while the session is open.
 */
export const facilitatorCookieName = (sessionId: number) => `gambegam_ws_${sessionId}`;
export function facilitatorCookie(projectId: number, sessionId: number, token: string): string {
  return `${facilitatorCookieName(sessionId)}=${encodeURIComponent(token)}; Path=/projects/${projectId}/; HttpOnly; SameSite=Lax; Max-Age=${DAY}`;
}
export function joinTokenOf(db: Db, request: Request, session: SessionInfo): string | null {
  const token = readCookie(request, facilitatorCookieName(session.id));
  return token && getSessionByToken(db, token)?.id === session.id ? token : null;
}

/**
 * A participant's cookie: named after the session, so it identifies its
 * holder in that session only (the secret is checked against the session as
 * well), for the phone pages' path only, HttpOnly, SameSite=Lax; it dies with
 * the session (the server no longer accepts it) or after a day.
 */
export const participantCookieName = (sessionId: number) => `gambegam_wp_${sessionId}`;
export function participantCookie(sessionId: number, secret: string): string {
  return `${participantCookieName(sessionId)}=${encodeURIComponent(secret)}; Path=/w/; HttpOnly; SameSite=Lax; Max-Age=${DAY}`;
}

/**
 * The session a phone address names: the join link's token, or the code —
 * the open session with that code or, when none is open, the one with that
 * code that ended within the last day, so a phone that joined by code is told
 * the session has ended rather than that the code is unknown.
 */
export function sessionOfKey(db: Db, key: string | undefined): SessionInfo | null {
  if (!key) return null;
  const code = normaliseCode(key);
  if (code && key.length <= 8) return getSessionByCode(db, code) ?? recentlyEndedByCode(db, code);
  return getSessionByToken(db, key);
}

function recentlyEndedByCode(db: Db, code: string): SessionInfo | null {
  const since = new Date(Date.now() - DAY * 1000).toISOString();
  const s = db
    .select({ id: workshopSessions.id })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.code, code), gte(workshopSessions.endedAt, since)))
    .orderBy(desc(workshopSessions.endedAt))
    .get();
  return s ? getSession(db, s.id) : null;
}

/**
 * A phone page's language (decision 039): the one this browser chose with the
 * switch, else the project's (a Persian workshop's phones are Persian whatever
 * the phone's own settings), else the browser's.
 */
export async function phoneLanguage(db: Db, request: Request, key: string | undefined): Promise<Language> {
  const chosen = await chosenLanguage(request);
  if (chosen) return chosen;
  const session = sessionOfKey(db, key);
  const project = session ? db.select({ lang: projects.deliverableLanguage }).from(projects).where(eq(projects.id, session.projectId)).get() : undefined;
  return project?.lang ?? (await getPreferences(request)).lang;
}

/** The link people open: the capability (token) when this browser holds it, else the code. */
export function joinPath(session: SessionInfo, token: string | null): string {
  return token ? `/w/${token}` : `/w/${session.code}`;
}

// ---------------------------------------------------------------------------
// Which activities a step offers

/** Questions of the step whose answer is text: ideas are adopted into one of them. */
export function ideaQuestions(step: Step) {
  return step.items.flatMap((i) => (i.kind === "question" && (i.answer.type === "long-text" || i.answer.type === "short-text") ? [{ id: i.id, title: i.title }] : []));
}

/**
 * Activities offered on a step: ideas wherever the step has a text question;
 * goal scoring where goals are set and prioritised (the step with the score
 * grid, and the vision workshop where the room names them); the readiness
 * survey on the step holding the readiness topics; a poll anywhere.
 */
export function offeredKinds(pack: Pack, phase: Phase, step: Step): ActivityKind[] {
  const kinds: ActivityKind[] = [];
  if (ideaQuestions(step).length) kinds.push("ideas");
  const scores = pack.planning?.scores ?? "goals.scores";
  if (step.items.some((i) => i.id === scores) || (phase.id === "vision" && step.id === "vision-workshop")) kinds.push("goal-scores");
  const topics = new Set(readinessTopics(pack).map((t) => t.id));
  if (step.items.some((i) => topics.has(i.id))) kinds.push("readiness");
  kinds.push("poll");
  return kinds;
}

// ---------------------------------------------------------------------------
// The facilitator panel on a step page

/** The project's sessions still open (few: one per step at most). */
function openSessionsOf(db: Db, projectId: number): SessionInfo[] {
  return openSessionsQuery(db)
    .all({ projectId })
    .flatMap((r) => getSession(db, r.id) ?? []);
}

/** Prepared once per connection: every step page asks it (decision 040). */
const openSessionsQuery = preparedOnce((db) =>
  db
    .select({ id: workshopSessions.id })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.projectId, sql.placeholder("projectId")), isNull(workshopSessions.endedAt)))
    .prepare(),
);

export type StepWorkshop = {
  canRun: boolean;
  /** The phase is signed or awaiting sign-off: its sessions are in the minutes signed, so none is started or changed. */
  locked: boolean;
  /** The session running on this step, with everything its facilitator sees. */
  running: (FacilitatorView & { joinPath: string; joinUrl: string }) | null;
  /** A session running on another step of the project (one at a time is enough to point to). */
  elsewhere: { sessionId: number; phaseId: string; stepId: string; title: { fa: string; en: string } } | null;
  /** The project's criteria (points are adopted as the scores of one of them). */
  criteria: Array<{ id: string; label: string }>;
  offered: ActivityKind[];
  ideaQuestions: Array<{ id: string; title: { fa: string; en: string } | string }>;
  earlier: number;
};

export function stepWorkshop(db: Db, args: { request: Request; projectId: number; pack: Pack; phase: Phase; step: Step; role: ProjectRole; data: ProjectData }): StepWorkshop | null {
  const canRun = can(args.role, "run-workshop");
  const sessions = sessionsOfStep(db, args.projectId, args.step.id);
  const open = sessions.find((s) => s.endedAt === null) ?? null;
  const other = open ? null : openSessionsOf(db, args.projectId).find((s) => s.stepId !== args.step.id) ?? null;
  const otherStep = other ? args.pack.phases.find((p) => p.id === other.phaseId)?.steps.find((s) => s.id === other.stepId) : undefined;
  if (!canRun && !open) return null;
  const origin = new URL(args.request.url).origin;
  const running = open ? (() => {
    const path = joinPath(open, joinTokenOf(db, args.request, open));
    return { ...facilitatorView(db, open.id), joinPath: path, joinUrl: origin + path };
  })() : null;
  return {
    canRun,
    locked: phaseLockedForWorkshops(db, args.projectId, args.phase.id),
    running,
    elsewhere: other && otherStep ? { sessionId: other.id, phaseId: other.phaseId, stepId: other.stepId, title: otherStep.title } : null,
    criteria: (args.data.rows.get(args.pack.planning?.criteria ?? "goals.criteria") ?? []).map((r) => ({ id: String(r.id), label: String(r.cells.name ?? "") })).filter((c) => c.label !== ""),
    offered: offeredKinds(args.pack, args.phase, args.step),
    ideaQuestions: ideaQuestions(args.step),
    earlier: sessions.filter((s) => s.endedAt !== null).length,
  };
}

// ---------------------------------------------------------------------------
// A phone's form as a ballot

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Reads the phone's radio buttons and number fields into the ballot shape
 * the activity takes (`s:<goal>:<criterion>`, `p:<goal>`, `r:<topic>`,
 * `option`). Unknown names are passed through, so the ballot's own schema
 * refuses what the activity does not score (nothing is silently dropped).
 */
export function ballotFromForm(subjects: ActivitySubjects, form: FormFields): unknown {
  const entries = Object.entries(form).filter(([k]) => k !== "intent" && k !== "activityId");
  switch (subjects.kind) {
    case "goal-scores":
      if (subjects.mode === "criteria") {
        const scores: Record<string, Record<string, string | undefined>> = {};
        for (const [k, v] of entries) {
          const m = /^s:([^:]+):(.+)$/.exec(k);
          if (!m) return { unexpected: k };
          (scores[m[1]!] ??= {})[m[2]!] = one(v);
        }
        return { scores };
      } else {
        const points: Record<string, string | undefined> = {};
        for (const [k, v] of entries) {
          const m = /^p:(.+)$/.exec(k);
          if (!m) return { unexpected: k };
          if (one(v) !== "") points[m[1]!] = one(v);
        }
        return { points };
      }
    case "readiness": {
      const ratings: Record<string, string | undefined> = {};
      for (const [k, v] of entries) {
        const m = /^r:(.+)$/.exec(k);
        if (!m) return { unexpected: k };
        ratings[m[1]!] = one(v);
      }
      return { ratings };
    }
    case "poll":
      return { option: one(form.option) };
    case "ideas":
      return null;
  }
}

// ---------------------------------------------------------------------------
// Refusals

/** A refusal of the session functions as the answer a route throws or returns: its status, the field and the message key. */
export function refusalData(error: unknown) {
  if (error instanceof WorkshopRefusal) return data({ ok: false as const, field: error.field, error: error.messageKey, params: error.params }, { status: error.status });
  throw error;
}

export type Refused = { ok: false; field: string; error: string; params: Record<string, string | number> };

export type { Ballot };
