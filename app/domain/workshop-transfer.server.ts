/**
 * Workshop sessions in the project file (decisions 010 and 038): what a
 * phase's minutes print of its sessions travels with the project, so a
 * project moved to another installation prints the same sessions — the
 * participants' names, the activities with their subjects, the ballots and
 * ideas the results are worked out from, and what was adopted.
 *
 * Never in the file: the join code, the join link's token, the participants'
 * secrets (their cookies), the facilitator's account. On import every
 * session is ended (at its own end, or at the file's export time if it was
 * still running) and given new unguessable token and secret hashes, so
 * nothing of the file opens a session here.
 *
 * Goal and criterion ids inside subjects, ballots and adoptions are register
 * row ids: they are replaced like every other row id of the file.
 */
import { randomBytes, createHash } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { workshopActivities, workshopBallots, workshopIdeas, workshopParticipants, workshopSessions } from "#db/schema.ts";
import type { Pack } from "#methodology/schema.ts";
import { msg } from "#methodology/values.ts";
import { ACTIVITY_KINDS, ballotSchema, CONFIG_SCHEMAS, WORKSHOP_LIMITS, type ActivitySubjects } from "./workshop.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Bounds of a file's workshop lists: well above a long engagement's (a session a week for a year, sixty people each). */
export const WORKSHOP_TRANSFER_LIMITS = { sessions: 200, participants: 6_000, activities: 2_000, ballots: 30_000, ideas: 20_000 } as const;

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/, "an ISO timestamp in UTC");
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const key = z.string().min(1).max(200);

const label = z.union([z.string().max(300), z.strictObject({ fa: z.string().max(300), en: z.string().max(300) })]);
const subject = z.strictObject({ id: key, label });
/** What an activity scores, as it was fixed when the activity was added. */
const subjectsSchema = z.union([
  z.strictObject({ kind: z.literal("ideas"), question: z.string().max(WORKSHOP_LIMITS.question) }),
  z.strictObject({ kind: z.literal("goal-scores"), mode: z.literal("criteria"), goals: z.array(subject).max(500), criteria: z.array(subject).max(500) }),
  z.strictObject({ kind: z.literal("goal-scores"), mode: z.literal("points"), points: z.number().int().min(1).max(10_000), goals: z.array(subject).max(500) }),
  z.strictObject({ kind: z.literal("readiness"), topics: z.array(subject).max(500) }),
  z.strictObject({ kind: z.literal("poll"), question: z.string().max(WORKSHOP_LIMITS.question), options: z.array(z.string().max(WORKSHOP_LIMITS.option)).max(WORKSHOP_LIMITS.pollOptionsMax) }),
]);

export const workshopFileSchema = z
  .strictObject({
    sessions: z
      .array(z.strictObject({ id, phaseId: key, stepId: key, facilitatorName: z.string().trim().min(1).max(200), startedAt: timestamp, endedAt: timestamp.nullable() }))
      .max(WORKSHOP_TRANSFER_LIMITS.sessions),
    participants: z.array(z.strictObject({ id, sessionId: id, name: z.string().trim().min(1).max(WORKSHOP_LIMITS.name), joinedAt: timestamp })).max(WORKSHOP_TRANSFER_LIMITS.participants),
    activities: z
      .array(
        z.strictObject({
          id,
          sessionId: id,
          position: z.number().int().min(0).max(1_000_000),
          kind: z.enum(ACTIVITY_KINDS),
          config: z.json(),
          subjects: subjectsSchema,
          state: z.enum(["draft", "open", "closed"]),
          revealed: z.boolean(),
          openedAt: timestamp.nullable(),
          closedAt: timestamp.nullable(),
          adopted: z.json().nullable(),
          adoptedAt: timestamp.nullable(),
          adoptedBy: z.string().max(200).nullable(),
        }),
      )
      .max(WORKSHOP_TRANSFER_LIMITS.activities),
    ballots: z.array(z.strictObject({ activityId: id, participantId: id, value: z.json(), casts: z.number().int().min(1).max(1_000_000), updatedAt: timestamp })).max(WORKSHOP_TRANSFER_LIMITS.ballots),
    ideas: z
      .array(z.strictObject({ id, activityId: id, participantId: id.nullable(), text: z.string().trim().min(1).max(WORKSHOP_LIMITS.idea), mergedInto: id.nullable(), createdAt: timestamp }))
      .max(WORKSHOP_TRANSFER_LIMITS.ideas),
  })
  .default({ sessions: [], participants: [], activities: [], ballots: [], ideas: [] });
export type WorkshopFile = z.output<typeof workshopFileSchema>;

/** A project's workshop records as the file holds them (no codes, tokens, secrets or accounts). */
export function exportWorkshops(tx: Tx, projectId: number): WorkshopFile {
  const sessions = tx.select().from(workshopSessions).where(eq(workshopSessions.projectId, projectId)).orderBy(asc(workshopSessions.id)).all();
  const sessionIds = sessions.map((s) => s.id);
  const participants = sessionIds.length ? tx.select().from(workshopParticipants).where(inArray(workshopParticipants.sessionId, sessionIds)).orderBy(asc(workshopParticipants.id)).all() : [];
  const activities = sessionIds.length ? tx.select().from(workshopActivities).where(inArray(workshopActivities.sessionId, sessionIds)).orderBy(asc(workshopActivities.id)).all() : [];
  const activityIds = activities.map((a) => a.id);
  const ballots = activityIds.length ? tx.select().from(workshopBallots).where(inArray(workshopBallots.activityId, activityIds)).orderBy(asc(workshopBallots.id)).all() : [];
  const ideas = activityIds.length ? tx.select().from(workshopIdeas).where(inArray(workshopIdeas.activityId, activityIds)).orderBy(asc(workshopIdeas.id)).all() : [];
  return {
    sessions: sessions.map((s) => ({ id: s.id, phaseId: s.phaseId, stepId: s.stepId, facilitatorName: s.facilitatorName, startedAt: s.startedAt, endedAt: s.endedAt })),
    participants: participants.map((p) => ({ id: p.id, sessionId: p.sessionId, name: p.name, joinedAt: p.joinedAt })),
    activities: activities.map((a) => ({
      id: a.id,
      sessionId: a.sessionId,
      position: a.position,
      kind: a.kind,
      config: a.config as z.core.util.JSONType,
      subjects: a.subjects as z.output<typeof subjectsSchema>,
      state: a.state,
      revealed: a.revealed,
      openedAt: a.openedAt,
      closedAt: a.closedAt,
      adopted: (a.adopted ?? null) as z.core.util.JSONType | null,
      adoptedAt: a.adoptedAt,
      adoptedBy: a.adoptedBy,
    })),
    ballots: ballots.map((b) => ({ activityId: b.activityId, participantId: b.participantId, value: b.value as z.core.util.JSONType, casts: b.casts, updatedAt: b.updatedAt })),
    ideas: ideas.map((i) => ({ id: i.id, activityId: i.activityId, participantId: i.participantId, text: i.text, mergedInto: i.mergedInto, createdAt: i.createdAt })),
  };
}

/** Checks zod cannot express: steps of the pack, everything named exists and belongs together, configs and ballots that fit. Linear. */
export function checkWorkshops(w: WorkshopFile, pack: Pack): string | null {
  const steps = new Set(pack.phases.flatMap((p) => p.steps.map((s) => `${p.id}/${s.id}`)));
  const sessions = new Set<number>();
  for (const s of w.sessions) {
    if (!steps.has(`${s.phaseId}/${s.stepId}`)) return msg("transfer.errors.unknownPhase", { phase: `${s.phaseId}/${s.stepId}`.slice(0, 300) });
    if (sessions.has(s.id)) return msg("transfer.errors.duplicate", { what: `workshops › sessions #${s.id}` });
    sessions.add(s.id);
  }
  const participantSession = new Map<number, number>();
  for (const p of w.participants) {
    if (!sessions.has(p.sessionId) || participantSession.has(p.id)) return msg("transfer.errors.duplicate", { what: `workshops › participants #${p.id}` });
    participantSession.set(p.id, p.sessionId);
  }
  const activities = new Map<number, { sessionId: number; subjects: ActivitySubjects }>();
  for (const a of w.activities) {
    if (!sessions.has(a.sessionId) || activities.has(a.id) || a.subjects.kind !== a.kind || !CONFIG_SCHEMAS[a.kind].safeParse(a.config).success) {
      return msg("transfer.errors.badValue", { item: `workshops › activities #${a.id}` });
    }
    activities.set(a.id, { sessionId: a.sessionId, subjects: a.subjects as ActivitySubjects });
  }
  const voted = new Set<string>();
  for (const b of w.ballots) {
    const a = activities.get(b.activityId);
    const bad = !a || participantSession.get(b.participantId) !== a.sessionId || voted.has(`${b.activityId}:${b.participantId}`) || a.subjects.kind === "ideas" || !ballotSchema(a.subjects).safeParse(b.value).success;
    if (bad) return msg("transfer.errors.badValue", { item: `workshops › ballots (${b.activityId}, ${b.participantId})` });
    voted.add(`${b.activityId}:${b.participantId}`);
  }
  const ideaActivity = new Map(w.ideas.map((i) => [i.id, i.activityId]));
  if (ideaActivity.size !== w.ideas.length) return msg("transfer.errors.duplicate", { what: "workshops › ideas" });
  for (const i of w.ideas) {
    const a = activities.get(i.activityId);
    const bad = !a || a.subjects.kind !== "ideas" || (i.participantId !== null && participantSession.get(i.participantId) !== a.sessionId) || (i.mergedInto !== null && ideaActivity.get(i.mergedInto) !== i.activityId);
    if (bad) return msg("transfer.errors.badValue", { item: `workshops › ideas #${i.id}` });
  }
  return null;
}

/** Register row ids (goals, criteria) the workshop records name. */
export function workshopRowIds(w: WorkshopFile): number[] {
  const out: number[] = [];
  remapWorkshopRows(w, (n) => {
    out.push(n);
    return n;
  });
  return out;
}

/** The records with every goal and criterion id (a register row id) replaced by `map`'s. */
export function remapWorkshopRows(w: WorkshopFile, map: (id: number) => number): WorkshopFile {
  const one = (s: string) => {
    const n = Number(s);
    return Number.isSafeInteger(n) && n > 0 && String(n) === s ? String(map(n)) : s;
  };
  const keys = <T>(o: Record<string, T>, f: (v: T) => T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [one(k), f(v)]));
  const goalActivities = new Set(w.activities.filter((a) => a.kind === "goal-scores").map((a) => a.id));
  return {
    ...w,
    activities: w.activities.map((a) => {
      if (a.subjects.kind !== "goal-scores") return a;
      const s = a.subjects;
      const subjects = { ...s, goals: s.goals.map((g) => ({ ...g, id: one(g.id) })), ...("criteria" in s ? { criteria: s.criteria.map((c) => ({ ...c, id: one(c.id) })) } : {}) };
      const ad = a.adopted as { criterionId?: string; cells?: Array<{ goalId: string; criterionId: string }> } | null;
      const adopted =
        ad && typeof ad === "object" && !Array.isArray(ad)
          ? { ...ad, ...(typeof ad.criterionId === "string" ? { criterionId: one(ad.criterionId) } : {}), ...(Array.isArray(ad.cells) ? { cells: ad.cells.map((c) => ({ ...c, goalId: one(String(c.goalId)), criterionId: one(String(c.criterionId)) })) } : {}) }
          : ad;
      return { ...a, subjects, adopted: adopted as z.core.util.JSONType | null };
    }),
    ballots: w.ballots.map((b): WorkshopFile["ballots"][number] => {
      if (!goalActivities.has(b.activityId) || !b.value || typeof b.value !== "object" || Array.isArray(b.value)) return b;
      const v = b.value as { scores?: Record<string, Record<string, number>>; points?: Record<string, number> };
      if (v.scores) return { ...b, value: { scores: keys(v.scores, (c) => keys(c, (n) => n)) } as z.core.util.JSONType };
      if (v.points) return { ...b, value: { points: keys(v.points, (n) => n) } as z.core.util.JSONType };
      return b;
    }),
  };
}

const unguessable = () => createHash("sha256").update(randomBytes(32)).digest("hex");

/**
 * Writes the file's sessions into a new project (inside the import's
 * transaction), with new ids, all ended, with fresh token and secret hashes:
 * nothing in the file can open them. A code is kept only for the record (an
 * ended session's code is never looked up).
 */
export function importWorkshops(tx: Tx, projectId: number, w: WorkshopFile, endedAt: string): void {
  const sessionId = new Map<number, number>();
  const participantId = new Map<number, number>();
  const activityId = new Map<number, number>();
  const ideaId = new Map<number, number>();
  for (const s of w.sessions) {
    const ended = s.endedAt ?? endedAt;
    const row = tx
      .insert(workshopSessions)
      .values({ projectId, phaseId: s.phaseId, stepId: s.stepId, code: "------", tokenHash: unguessable(), facilitatorId: null, facilitatorName: s.facilitatorName, startedAt: s.startedAt, endedAt: ended })
      .returning({ id: workshopSessions.id })
      .get();
    sessionId.set(s.id, row.id);
  }
  const endOf = new Map(w.sessions.map((s) => [s.id, s.endedAt ?? endedAt]));
  for (const p of w.participants) {
    participantId.set(p.id, tx.insert(workshopParticipants).values({ sessionId: sessionId.get(p.sessionId)!, name: p.name, secretHash: unguessable(), joinedAt: p.joinedAt }).returning({ id: workshopParticipants.id }).get().id);
  }
  for (const a of w.activities) {
    // A session ends with its activities closed, as endSession does.
    const open = a.state === "open";
    const row = tx
      .insert(workshopActivities)
      .values({
        sessionId: sessionId.get(a.sessionId)!,
        position: a.position,
        kind: a.kind,
        config: a.config,
        subjects: a.subjects,
        state: open ? "closed" : a.state,
        revealed: a.revealed,
        openedAt: a.openedAt,
        closedAt: open ? endOf.get(a.sessionId)! : a.closedAt,
        adopted: a.adopted,
        adoptedAt: a.adoptedAt,
        adoptedBy: a.adoptedBy,
      })
      .returning({ id: workshopActivities.id })
      .get();
    activityId.set(a.id, row.id);
  }
  for (const b of w.ballots) {
    tx.insert(workshopBallots).values({ activityId: activityId.get(b.activityId)!, participantId: participantId.get(b.participantId)!, value: b.value, casts: b.casts, updatedAt: b.updatedAt }).run();
  }
  for (const i of w.ideas) {
    const row = tx
      .insert(workshopIdeas)
      .values({ activityId: activityId.get(i.activityId)!, participantId: i.participantId === null ? null : participantId.get(i.participantId)!, text: i.text, mergedInto: null, createdAt: i.createdAt })
      .returning({ id: workshopIdeas.id })
      .get();
    ideaId.set(i.id, row.id);
  }
  for (const i of w.ideas) if (i.mergedInto !== null) tx.update(workshopIdeas).set({ mergedInto: ideaId.get(i.mergedInto)! }).where(eq(workshopIdeas.id, ideaId.get(i.id)!)).run();
}
