/**
 * Workshop sessions (decision 038): a project manager or consultant runs a
 * session on a step; people join from their phones with a name only; the
 * room sends ideas, scores goals, rates readiness and answers polls; the
 * facilitator adopts the result into the project through the same validated
 * functions as a typed answer (`answers.server.ts`), so the same checks,
 * versions and history apply, plus one history line saying it came from the
 * workshop and how many voted.
 *
 * Every function takes `db` and plain objects. A refusal throws
 * `WorkshopRefusal { field, messageKey, status }` before anything is written
 * (or inside the transaction, which is then rolled back): routes turn it into
 * a 4xx with the message next to the field. Secrets (the join token, a
 * participant's cookie secret) are stored as SHA-256 only.
 */
import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { preparedOnce, writeTransaction } from "#db/client.ts";
import { projects, signoffEvents, workshopActivities, workshopBallots, workshopIdeas, workshopParticipants, workshopSessions, type WorkshopActivityRow, type WorkshopSessionRow } from "#db/schema.ts";
import type { Pack, QuestionItem, RatingItem, RegisterItem } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { audit, type Actor } from "./audit.server.ts";
import { addRow, getAnswer, saveAnswer, updateRow } from "./answers.server.ts";
import { getProject, loadProjectData, packOf, type ProjectData } from "./projects.server.ts";
import { isEditable, projectGates } from "./signoff.server.ts";
import { announce } from "./live.server.ts";
import {
  adoptedScore,
  ballotSchema,
  CODE_ALPHABET,
  CODE_LENGTH,
  CONFIG_SCHEMAS,
  groupIdeas,
  normaliseCode,
  pointsToScores,
  roomText,
  summarise,
  WORKSHOP_LIMITS,
  type ActivityConfig,
  type ActivityKind,
  type ActivityState,
  type ActivitySubjects,
  type Adopted,
  type Ballot,
  type Idea,
  type IdeaGroup,
  type SessionRecord,
  type Summary,
} from "./workshop.ts";

export type { ActivityKind, ActivitySubjects, Adopted, Ballot, SessionRecord, Summary };

/** A refusal: the route answers `status` with `messageKey` (a locale key) next to `field`. */
export class WorkshopRefusal extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${field}: ${messageKey}`);
    this.name = "WorkshopRefusal";
  }
}

const refuse = (field: string, messageKey: string, status = 400, params?: Record<string, string | number>): never => {
  throw new WorkshopRefusal(field, messageKey, status, params);
};

const now = () => new Date().toISOString();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** 128 bits or more, URL-safe. */
const randomToken = (bytes = 24) => randomBytes(bytes).toString("base64url");

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A phase signed or awaiting sign-off prints its sessions in the minutes that
 * were (or are being) signed, so nothing may change them: a session is not
 * started, joined, given or opened an activity, voted in, sent ideas or
 * merged, nor a participant removed (409, `workshop.errors.phaseLocked`),
 * the same rule as a typed answer in a locked phase. Checked under the write
 * lock, so a sign-off a moment earlier wins. Ending a session, closing or
 * revealing an activity stay possible (they add nothing to the record).
 */
function refuseIfPhaseLocked(tx: Db | Tx, projectId: number, phaseId: string): void {
  if (phaseLockedForWorkshops(tx, projectId, phaseId)) refuse("_form", "workshop.errors.phaseLocked", 409);
}

/** Whether the phase is signed or awaiting sign-off (its latest event here is a request or an approval). */
export function phaseLockedForWorkshops(tx: Db | Tx, projectId: number, phaseId: string): boolean {
  const last = lastSignoffEventQuery(tx as Db).get({ projectId, phaseId });
  return last?.kind === "requested" || last?.kind === "approved";
}

/** Prepared once per connection: every step page asks it (decision 040). */
const lastSignoffEventQuery = preparedOnce((db) =>
  db
    .select({ kind: signoffEvents.kind })
    .from(signoffEvents)
    .where(and(eq(signoffEvents.projectId, sql.placeholder("projectId")), eq(signoffEvents.phaseId, sql.placeholder("phaseId")), isNull(signoffEvents.importedFrom)))
    .orderBy(desc(signoffEvents.id))
    .limit(1)
    .prepare(),
);

/**
 * Tells the session's projector, phones and facilitator (topic
 * `workshop:<sessionId>`) that something changed — inside the write's own
 * transaction, so a refused write announces nothing and an accepted one is
 * always announced (decision 037). The room's own writes (a join, a ballot, an
 * idea) come in bursts — sixty phones voting at once — and are announced each
 * like any other write; the readers coalesce them: the live stream sends a
 * session's changes at most once per ROOM_ANNOUNCE_MS (live-stream.server.ts),
 * a phone hears only of what changes its own page (workshop-events.server.ts).
 */
function tell(tx: Db | Tx, projectId: number, sessionId: number, by: Actor | null) {
  announce(tx, { projectId, topic: `workshop:${sessionId}`, by: by?.id ?? null });
}


// ---------------------------------------------------------------------------
// Sessions

export type SessionInfo = {
  id: number;
  projectId: number;
  phaseId: string;
  stepId: string;
  code: string;
  facilitatorName: string;
  startedAt: string;
  endedAt: string | null;
};

const info = (s: WorkshopSessionRow): SessionInfo => ({
  id: s.id,
  projectId: s.projectId,
  phaseId: s.phaseId,
  stepId: s.stepId,
  code: s.code,
  facilitatorName: s.facilitatorName,
  startedAt: s.startedAt,
  endedAt: s.endedAt,
});

function newCode(db: Db): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const taken = db
      .select({ id: workshopSessions.id })
      .from(workshopSessions)
      .where(and(eq(workshopSessions.code, code), isNull(workshopSessions.endedAt)))
      .get();
    if (!taken) return code;
  }
  return refuse("_form", "workshop.errors.noCode", 503);
}

function projectPack(db: Db, projectId: number): { pack: Pack; projectId: number } {
  const project = getProject(db, projectId);
  if (!project) return refuse("_form", "errors.notFound", 404);
  const pack = packOf(project);
  if (!pack) return refuse("_form", "errors.packMissing", 409);
  return { pack, projectId };
}

/**
 * Starts a session on a step. Returns the code people type (6 characters,
 * unique among open sessions) and the token of the join link (the QR code).
 * Only the token's SHA-256 is stored: the token is returned this once (the
 * route keeps it where the facilitator's projector can show it, e.g. a cookie
 * scoped to the session or the projector URL's fragment). Refused (404) for a
 * step the project's method does not have.
 */
export function startSession(db: Db, args: { projectId: number; phaseId: string; stepId: string; by: Actor }): { sessionId: number; code: string; token: string } {
  const { pack } = projectPack(db, args.projectId);
  const phase = pack.phases.find((p) => p.id === args.phaseId);
  if (!phase || !phase.steps.some((s) => s.id === args.stepId)) refuse("stepId", "errors.notFound", 404);
  const token = randomToken();
  const res = writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, args.projectId, args.phaseId);
    const code = newCode(db);
    const stamp = now();
    const row = tx
      .insert(workshopSessions)
      .values({ projectId: args.projectId, phaseId: args.phaseId, stepId: args.stepId, code, tokenHash: sha256(token), facilitatorId: args.by.id, facilitatorName: args.by.name, startedAt: stamp })
      .returning({ id: workshopSessions.id })
      .get();
    audit(tx, args.by, { projectId: args.projectId, action: "workshop.start", phaseId: args.phaseId, subject: args.stepId, after: { session: row.id } }, stamp);
    tell(tx, args.projectId, row.id, args.by);
    return { sessionId: row.id, code, token };
  });
  return res;
}

/** Ends a session: the code, the join link and every participant's cookie stop working; the record stays. */
export function endSession(db: Db, args: { sessionId: number; by: Actor }): void {
  const s = requireSession(db, args.sessionId);
  if (s.endedAt) return;
  writeTransaction(db, (tx) => {
    const stamp = now();
    tx.update(workshopActivities).set({ state: "closed", closedAt: stamp }).where(and(eq(workshopActivities.sessionId, s.id), eq(workshopActivities.state, "open"))).run();
    tx.update(workshopSessions).set({ endedAt: stamp }).where(eq(workshopSessions.id, s.id)).run();
    audit(tx, args.by, { projectId: s.projectId, action: "workshop.end", phaseId: s.phaseId, subject: s.stepId, after: { session: s.id } }, stamp);
    tell(tx, s.projectId, s.id, args.by);
  });
  for (const p of db.select({ id: workshopParticipants.id }).from(workshopParticipants).where(eq(workshopParticipants.sessionId, s.id)).all()) buckets.delete(p.id);
}

function requireSession(db: Db, sessionId: number): WorkshopSessionRow {
  const s = db.select().from(workshopSessions).where(eq(workshopSessions.id, sessionId)).get();
  return s ?? refuse("sessionId", "workshop.errors.unknownSession", 404);
}

function requireOpenSession(db: Db, sessionId: number): WorkshopSessionRow {
  const s = requireSession(db, sessionId);
  if (s.endedAt) refuse("sessionId", "workshop.errors.sessionEnded", 410);
  return s;
}

/** The open session with this typed code (case, spaces and dashes ignored), or null. */
export function getSessionByCode(db: Db, code: unknown): SessionInfo | null {
  const c = normaliseCode(code);
  if (!c) return null;
  const s = db.select().from(workshopSessions).where(and(eq(workshopSessions.code, c), isNull(workshopSessions.endedAt))).get();
  return s ? info(s) : null;
}

/** The session of a join link's token (ended ones too: the phone then says the session has ended), or null. */
export function getSessionByToken(db: Db, token: unknown): SessionInfo | null {
  if (typeof token !== "string" || token.length < 16 || token.length > 100) return null;
  const s = db.select().from(workshopSessions).where(eq(workshopSessions.tokenHash, sha256(token))).get();
  return s ? info(s) : null;
}

/** A session by id (for the facilitator's routes, which check the project), or null. */
export function getSession(db: Db, sessionId: number): SessionInfo | null {
  const s = db.select().from(workshopSessions).where(eq(workshopSessions.id, sessionId)).get();
  return s ? info(s) : null;
}

/** The sessions of a step, newest first (for the step page's facilitator controls). */
export function sessionsOfStep(db: Db, projectId: number, stepId: string): SessionInfo[] {
  return sessionsOfStepQuery(db).all({ projectId, stepId }).map(info);
}

/** Prepared once per connection: every step page asks it (decision 040). */
const sessionsOfStepQuery = preparedOnce((db) =>
  db
    .select()
    .from(workshopSessions)
    .where(and(eq(workshopSessions.projectId, sql.placeholder("projectId")), eq(workshopSessions.stepId, sql.placeholder("stepId"))))
    .orderBy(sql`${workshopSessions.id} desc`)
    .prepare(),
);

// ---------------------------------------------------------------------------
// Participants

/**
 * Joins an open session with a name (cleaned, 1–60 characters). The secret
 * goes into a cookie scoped to the session's path; only its SHA-256 is kept.
 */
export function join(db: Db, args: { sessionId: number; name: unknown }): { participantId: number; secret: string; name: string } {
  const s = requireOpenSession(db, args.sessionId);
  const name = roomText(WORKSHOP_LIMITS.name).safeParse(args.name);
  if (!name.success) refuse("name", name.error.issues[0]?.message ?? "workshop.errors.blank", 400, { max: WORKSHOP_LIMITS.name });
  const secret = randomToken();
  const id = writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    const n = tx.select({ n: sql<number>`count(*)` }).from(workshopParticipants).where(eq(workshopParticipants.sessionId, s.id)).get()!.n;
    if (n >= WORKSHOP_LIMITS.participants) refuse("name", "workshop.errors.full", 409, { max: WORKSHOP_LIMITS.participants });
    // The same name twice would be counted as two people in the record: ask for an initial instead (decision 038).
    const taken = tx.select({ id: workshopParticipants.id }).from(workshopParticipants).where(and(eq(workshopParticipants.sessionId, s.id), sql`lower(${workshopParticipants.name}) = lower(${name.data!})`)).get();
    if (taken) refuse("name", "workshop.errors.nameTaken", 409, { name: name.data! });
    tell(tx, s.projectId, s.id, null);
    return tx
      .insert(workshopParticipants)
      .values({ sessionId: s.id, name: name.data!, secretHash: sha256(secret), joinedAt: now() })
      .returning({ id: workshopParticipants.id })
      .get().id;
  });
  return { participantId: id, secret, name: name.data! };
}

const participantBySecretQuery = preparedOnce((db) =>
  db
    .select({ id: workshopParticipants.id, name: workshopParticipants.name, sessionId: workshopParticipants.sessionId, endedAt: workshopSessions.endedAt })
    .from(workshopParticipants)
    .innerJoin(workshopSessions, eq(workshopSessions.id, workshopParticipants.sessionId))
    .where(eq(workshopParticipants.secretHash, sql.placeholder("hash")))
    .prepare(),
);

/** The participant whose cookie holds this secret, in this open session; null otherwise (wrong session, removed, ended). */
export function participantBySecret(db: Db, sessionId: number, secret: unknown): { id: number; name: string } | null {
  if (typeof secret !== "string" || secret.length < 16 || secret.length > 100) return null;
  const p = participantBySecretQuery(db).get({ hash: sha256(secret) });
  if (!p || p.sessionId !== sessionId || p.endedAt) return null;
  return { id: p.id, name: p.name };
}

/** Removes a participant, their ballots and their ideas (ideas merged into theirs stay, as their own groups). */
export function removeParticipant(db: Db, args: { sessionId: number; participantId: number; by: Actor }): void {
  const s = requireSession(db, args.sessionId);
  writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    const p = tx.select({ id: workshopParticipants.id }).from(workshopParticipants).where(and(eq(workshopParticipants.id, args.participantId), eq(workshopParticipants.sessionId, s.id))).get();
    if (!p) refuse("participantId", "workshop.errors.unknownParticipant", 404);
    const theirIdeas = tx.select({ id: workshopIdeas.id }).from(workshopIdeas).where(eq(workshopIdeas.participantId, args.participantId)).all().map((i) => i.id);
    if (theirIdeas.length) tx.update(workshopIdeas).set({ mergedInto: null }).where(inArray(workshopIdeas.mergedInto, theirIdeas)).run();
    tx.delete(workshopBallots).where(eq(workshopBallots.participantId, args.participantId)).run();
    tx.delete(workshopIdeas).where(eq(workshopIdeas.participantId, args.participantId)).run();
    tx.delete(workshopParticipants).where(eq(workshopParticipants.id, args.participantId)).run();
    tell(tx, s.projectId, s.id, args.by);
  });
  buckets.delete(args.participantId);
}

// ---------------------------------------------------------------------------
// Activities

const goalLabel = (cells: Record<string, unknown>) => String(cells.goal ?? "");
const criterionLabel = (cells: Record<string, unknown>) => String(cells.name ?? "");

/** The nine readiness topics: rating items tagged `readiness-topic`, in the pack's order. */
export function readinessTopics(pack: Pack): RatingItem[] {
  const out: RatingItem[] = [];
  for (const ph of pack.phases) for (const st of ph.steps) for (const it of st.items) if (it.kind === "rating" && (it.tags ?? []).includes("readiness-topic")) out.push(it);
  return out;
}

const planningIds = (pack: Pack) => ({
  goals: pack.planning?.goals ?? "goals.register",
  criteria: pack.planning?.criteria ?? "goals.criteria",
  scores: pack.planning?.scores ?? "goals.scores",
});

/** What the activity scores, read from the project now (kept with the activity, so later edits do not shift a ballot). */
function subjectsFor(db: Db, s: WorkshopSessionRow, pack: Pack, kind: ActivityKind, config: ActivityConfig): ActivitySubjects {
  const data = loadProjectData(db, s.projectId);
  switch (kind) {
    case "ideas": {
      const c = config as { itemId: string; question: string };
      const step = pack.phases.find((p) => p.id === s.phaseId)?.steps.find((st) => st.id === s.stepId);
      const item = step?.items.find((i) => i.id === c.itemId);
      if (!item || item.kind !== "question" || (item.answer.type !== "long-text" && item.answer.type !== "short-text")) refuse("itemId", "workshop.errors.notATextQuestion");
      return { kind: "ideas", question: c.question };
    }
    case "goal-scores": {
      const c = config as { mode: "criteria" | "points"; points?: number };
      const ids = planningIds(pack);
      const goals = (data.rows.get(ids.goals) ?? []).map((r) => ({ id: String(r.id), label: goalLabel(r.cells) })).filter((g) => g.label !== "");
      if (goals.length === 0) refuse("kind", "workshop.errors.noGoals");
      if (c.mode === "points") return { kind: "goal-scores", mode: "points", points: c.points ?? WORKSHOP_LIMITS.pointsDefault, goals };
      const criteria = (data.rows.get(ids.criteria) ?? []).map((r) => ({ id: String(r.id), label: criterionLabel(r.cells) })).filter((x) => x.label !== "");
      if (criteria.length === 0) refuse("kind", "workshop.errors.noCriteria");
      return { kind: "goal-scores", mode: "criteria", goals, criteria };
    }
    case "readiness": {
      const topics = readinessTopics(pack).map((t) => ({ id: t.id, label: t.shortTitle ?? t.title }));
      if (topics.length === 0) refuse("kind", "workshop.errors.noTopics");
      return { kind: "readiness", topics };
    }
    case "poll": {
      const c = config as { question: string; options: string[] };
      return { kind: "poll", question: c.question, options: c.options };
    }
  }
}

export type ActivityInfo = {
  id: number;
  position: number;
  kind: ActivityKind;
  config: ActivityConfig;
  subjects: ActivitySubjects;
  state: ActivityState;
  revealed: boolean;
  openedAt: string | null;
  closedAt: string | null;
  adopted: Adopted | null;
  adoptedAt: string | null;
  adoptedBy: string | null;
};

const activityInfo = (a: WorkshopActivityRow): ActivityInfo => ({
  id: a.id,
  position: a.position,
  kind: a.kind,
  config: a.config as ActivityConfig,
  subjects: a.subjects as ActivitySubjects,
  state: a.state,
  revealed: a.revealed,
  openedAt: a.openedAt,
  closedAt: a.closedAt,
  adopted: (a.adopted as Adopted | null) ?? null,
  adoptedAt: a.adoptedAt,
  adoptedBy: a.adoptedBy,
});

/**
 * Adds an activity (as a draft) to an open session. `config` by kind:
 * ideas `{ itemId, question }` (a short- or long-text question of the
 * session's step), goal-scores `{ mode: "criteria" | "points", points? }`,
 * readiness `{}`, poll `{ question, options[2..8] }`. Refused next to the
 * field (`kind`, `itemId`, `question`, `options`, `points`).
 */
export function addActivity(db: Db, args: { sessionId: number; kind: unknown; config: unknown; by: Actor }): { activityId: number } {
  const s = requireOpenSession(db, args.sessionId);
  const kind = typeof args.kind === "string" && args.kind in CONFIG_SCHEMAS ? (args.kind as ActivityKind) : refuse("kind", "workshop.errors.unknownKind");
  const parsed = CONFIG_SCHEMAS[kind].safeParse(args.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "config");
    const key = issue.message.startsWith("workshop.") ? issue.message : "workshop.errors.badConfig";
    refuse(field, key, 400, { max: field === "options" ? WORKSHOP_LIMITS.option : WORKSHOP_LIMITS.question });
  }
  const config = parsed.data as ActivityConfig;
  const { pack } = projectPack(db, s.projectId);
  const subjects = subjectsFor(db, s, pack, kind, config);
  const id = writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    const count = tx.select({ n: sql<number>`count(*)`, p: sql<number>`coalesce(max(${workshopActivities.position}), 0)` }).from(workshopActivities).where(eq(workshopActivities.sessionId, s.id)).get()!;
    if (count.n >= WORKSHOP_LIMITS.activities) refuse("kind", "workshop.errors.tooManyActivities", 409, { max: WORKSHOP_LIMITS.activities });
    tell(tx, s.projectId, s.id, args.by);
    return tx
      .insert(workshopActivities)
      .values({ sessionId: s.id, position: count.p + 1, kind, config, subjects })
      .returning({ id: workshopActivities.id })
      .get().id;
  });
  return { activityId: id };
}

/** The activity with its session, checked to belong to `sessionId` when given; 404 otherwise. */
function requireActivity(db: Db, activityId: unknown, sessionId?: number): { a: WorkshopActivityRow; s: WorkshopSessionRow } {
  const id = typeof activityId === "number" ? activityId : Number(activityId);
  if (!Number.isSafeInteger(id) || id <= 0) refuse("activityId", "workshop.errors.unknownActivity", 404);
  const a = db.select().from(workshopActivities).where(eq(workshopActivities.id, id)).get();
  if (!a || (sessionId !== undefined && a.sessionId !== sessionId)) refuse("activityId", "workshop.errors.unknownActivity", 404);
  const s = requireSession(db, a!.sessionId);
  return { a: a!, s };
}

/** Opens an activity for votes; any other open activity of the session is closed (phones show one at a time). */
export function openActivity(db: Db, args: { sessionId: number; activityId: unknown; by: Actor }): void {
  const { a, s } = requireActivity(db, args.activityId, args.sessionId);
  if (s.endedAt) refuse("sessionId", "workshop.errors.sessionEnded", 410);
  if (a.adopted) refuse("activityId", "workshop.errors.adopted", 409);
  writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    const stamp = now();
    tx.update(workshopActivities).set({ state: "closed", closedAt: stamp }).where(and(eq(workshopActivities.sessionId, s.id), eq(workshopActivities.state, "open"))).run();
    tx.update(workshopActivities).set({ state: "open", openedAt: a.openedAt ?? stamp, closedAt: null }).where(eq(workshopActivities.id, a.id)).run();
    tell(tx, s.projectId, s.id, args.by);
  });
}

/** Closes an activity: no more ballots or ideas; its result can then be adopted. */
export function closeActivity(db: Db, args: { sessionId: number; activityId: unknown; by: Actor }): void {
  const { a, s } = requireActivity(db, args.activityId, args.sessionId);
  if (a.state !== "open") refuse("activityId", "workshop.errors.notOpen", 409);
  writeTransaction(db, (tx) => {
    tx.update(workshopActivities).set({ state: "closed", closedAt: now() }).where(eq(workshopActivities.id, a.id)).run();
    tell(tx, s.projectId, s.id, args.by);
  });
}

/** Shows (or hides again, `revealed: false`) the votes on the projector. */
export function reveal(db: Db, args: { sessionId: number; activityId: unknown; by: Actor; revealed?: boolean }): void {
  const { a, s } = requireActivity(db, args.activityId, args.sessionId);
  writeTransaction(db, (tx) => {
    tx.update(workshopActivities).set({ revealed: args.revealed ?? true }).where(eq(workshopActivities.id, a.id)).run();
    tell(tx, s.projectId, s.id, args.by);
  });
}

// ---------------------------------------------------------------------------
// Ballots and ideas

/** Per-participant token bucket: a burst of 5, refilled at 5 a second. In memory (per server process). */
const BUCKET = { burst: 5, perSecond: 5 };
const buckets = new Map<number, { tokens: number; at: number }>();

function takeToken(participantId: number): boolean {
  const t = Date.now();
  const b = buckets.get(participantId) ?? { tokens: BUCKET.burst, at: t };
  b.tokens = Math.min(BUCKET.burst, b.tokens + ((t - b.at) / 1000) * BUCKET.perSecond);
  b.at = t;
  if (b.tokens < 1) {
    buckets.set(participantId, b);
    return false;
  }
  b.tokens -= 1;
  buckets.set(participantId, b);
  if (buckets.size > 20000) {
    // Full buckets hold nothing worth keeping: forget them.
    for (const [k, v] of buckets) if (v.tokens + ((t - v.at) / 1000) * BUCKET.perSecond >= BUCKET.burst) buckets.delete(k);
  }
  return true;
}

/** How many rate-limit buckets are held (the bench checks memory stays flat). */
export const rateLimitBuckets = () => buckets.size;

/** The participant, checked to be in the activity's session; 403 when forged or from another session. */
function requireVoter(db: Db, a: WorkshopActivityRow, s: WorkshopSessionRow, participantId: unknown): number {
  const pid = typeof participantId === "number" ? participantId : Number(participantId);
  if (!Number.isSafeInteger(pid) || pid <= 0) refuse("participantId", "workshop.errors.unknownParticipant", 403);
  const p = db.select({ sessionId: workshopParticipants.sessionId }).from(workshopParticipants).where(eq(workshopParticipants.id, pid)).get();
  if (!p || p.sessionId !== a.sessionId) refuse("participantId", "workshop.errors.unknownParticipant", 403);
  if (s.endedAt) refuse("sessionId", "workshop.errors.sessionEnded", 410);
  return pid;
}

/**
 * Casts (or changes) a participant's ballot: one per participant per
 * activity, changeable while the activity is open. Refused: unknown activity
 * (404), participant not of this session (403), activity not open (409),
 * a value out of range or naming what the activity does not score (400,
 * field `value`), too fast (429). Returns the ballot as stored.
 */
export function castBallot(db: Db, args: { activityId: unknown; participantId: unknown; value: unknown }): { ballot: Ballot; casts: number } {
  const { a, s } = requireActivity(db, args.activityId);
  const pid = requireVoter(db, a, s, args.participantId);
  if (a.state !== "open") refuse("activityId", "workshop.errors.notOpen", 409);
  if (a.kind === "ideas") refuse("value", "workshop.errors.noBallot", 400);
  const parsed = ballotSchema(a.subjects as ActivitySubjects).safeParse(args.value);
  if (!parsed.success) {
    const m = parsed.error.issues[0]?.message ?? "";
    refuse("value", m.startsWith("workshop.") ? m : "workshop.errors.badBallot", 400, { min: WORKSHOP_LIMITS.scoreMin, max: WORKSHOP_LIMITS.scoreMax });
  }
  if (!takeToken(pid)) refuse("value", "workshop.errors.tooFast", 429);
  const ballot = parsed.data as Ballot;
  const stamp = now();
  const row = writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    // Read again under the write lock: the facilitator may have closed it a moment ago.
    const state = tx.select({ state: workshopActivities.state }).from(workshopActivities).where(eq(workshopActivities.id, a.id)).get()?.state;
    if (state !== "open") refuse("activityId", "workshop.errors.notOpen", 409);
    tell(tx, s.projectId, s.id, null);
    return tx
      .insert(workshopBallots)
      .values({ activityId: a.id, participantId: pid, value: ballot, casts: 1, updatedAt: stamp })
      .onConflictDoUpdate({ target: [workshopBallots.activityId, workshopBallots.participantId], set: { value: ballot, casts: sql`${workshopBallots.casts} + 1`, updatedAt: stamp } })
      .returning({ casts: workshopBallots.casts })
      .get();
  });
  return { ballot, casts: row.casts };
}

/** Sends an idea (cleaned, 1–280 characters) to an open ideas activity. */
export function sendIdea(db: Db, args: { activityId: unknown; participantId: unknown; text: unknown }): { ideaId: number; text: string } {
  const { a, s } = requireActivity(db, args.activityId);
  const pid = requireVoter(db, a, s, args.participantId);
  if (a.kind !== "ideas") refuse("text", "workshop.errors.notIdeas", 400);
  if (a.state !== "open") refuse("activityId", "workshop.errors.notOpen", 409);
  const text = roomText(WORKSHOP_LIMITS.idea).safeParse(args.text);
  if (!text.success) refuse("text", text.error.issues[0]?.message ?? "workshop.errors.blank", 400, { max: WORKSHOP_LIMITS.idea });
  if (!takeToken(pid)) refuse("text", "workshop.errors.tooFast", 429);
  const id = writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    const n = tx.select({ n: sql<number>`count(*)` }).from(workshopIdeas).where(and(eq(workshopIdeas.activityId, a.id), eq(workshopIdeas.participantId, pid))).get()!.n;
    if (n >= WORKSHOP_LIMITS.ideasPerParticipant) refuse("text", "workshop.errors.tooManyIdeas", 409, { max: WORKSHOP_LIMITS.ideasPerParticipant });
    tell(tx, s.projectId, s.id, null);
    return tx.insert(workshopIdeas).values({ activityId: a.id, participantId: pid, text: text.data!, createdAt: now() }).returning({ id: workshopIdeas.id }).get().id;
  });
  return { ideaId: id, text: text.data! };
}

/** Merges duplicate ideas into one (`from` ideas then show under `into`); all must be ideas of the same activity of this session. */
export function mergeIdeas(db: Db, args: { sessionId: number; into: unknown; from: unknown[]; by: Actor }): void {
  const into = Number(args.into);
  const from = (Array.isArray(args.from) ? args.from : []).map(Number);
  if (!Number.isSafeInteger(into) || from.length === 0 || from.some((f) => !Number.isSafeInteger(f) || f === into)) refuse("from", "workshop.errors.badMerge");
  const ideas = db
    .select({ id: workshopIdeas.id, activityId: workshopIdeas.activityId, sessionId: workshopActivities.sessionId })
    .from(workshopIdeas)
    .innerJoin(workshopActivities, eq(workshopActivities.id, workshopIdeas.activityId))
    .where(inArray(workshopIdeas.id, [into, ...from]))
    .all();
  const target = ideas.find((i) => i.id === into);
  if (!target || target.sessionId !== args.sessionId || ideas.length !== new Set([into, ...from]).size || ideas.some((i) => i.activityId !== target.activityId)) refuse("from", "workshop.errors.unknownIdea", 404);
  const s = requireSession(db, args.sessionId);
  writeTransaction(db, (tx) => {
    refuseIfPhaseLocked(tx, s.projectId, s.phaseId);
    // Ideas already merged into one of `from` follow it to `into`.
    tx.update(workshopIdeas).set({ mergedInto: into }).where(inArray(workshopIdeas.mergedInto, from)).run();
    tx.update(workshopIdeas).set({ mergedInto: into }).where(inArray(workshopIdeas.id, from)).run();
    tx.update(workshopIdeas).set({ mergedInto: null }).where(eq(workshopIdeas.id, into)).run();
    tell(tx, s.projectId, s.id, args.by);
  });
}

// ---------------------------------------------------------------------------
// Reading

function ballotsOf(db: Db, activityIds: number[]): Map<number, Array<{ participantId: number; value: Ballot }>> {
  const out = new Map<number, Array<{ participantId: number; value: Ballot }>>();
  if (activityIds.length === 0) return out;
  for (const b of db.select({ activityId: workshopBallots.activityId, participantId: workshopBallots.participantId, value: workshopBallots.value }).from(workshopBallots).where(inArray(workshopBallots.activityId, activityIds)).all()) {
    if (!out.has(b.activityId)) out.set(b.activityId, []);
    out.get(b.activityId)!.push({ participantId: b.participantId, value: b.value as Ballot });
  }
  return out;
}

function ideasOf(db: Db, activityIds: number[]): Map<number, Idea[]> {
  const out = new Map<number, Idea[]>();
  if (activityIds.length === 0) return out;
  for (const i of db.select().from(workshopIdeas).where(inArray(workshopIdeas.activityId, activityIds)).orderBy(asc(workshopIdeas.id)).all()) {
    if (!out.has(i.activityId)) out.set(i.activityId, []);
    out.get(i.activityId)!.push({ id: i.id, participantId: i.participantId, text: i.text, mergedInto: i.mergedInto, createdAt: i.createdAt });
  }
  return out;
}

export type ActivityResult = ActivityInfo & { voters: number; summary: Summary };

export type FacilitatorView = {
  session: SessionInfo;
  participants: Array<{ id: number; name: string; joinedAt: string }>;
  activities: ActivityResult[];
};

/** Everything about a session for its facilitator: participants, every activity with its full result (revealed or not). */
export function facilitatorView(db: Db, sessionId: number): FacilitatorView {
  const s = requireSession(db, sessionId);
  const participants = db
    .select({ id: workshopParticipants.id, name: workshopParticipants.name, joinedAt: workshopParticipants.joinedAt })
    .from(workshopParticipants)
    .where(eq(workshopParticipants.sessionId, s.id))
    .orderBy(asc(workshopParticipants.id))
    .all();
  const acts = db.select().from(workshopActivities).where(eq(workshopActivities.sessionId, s.id)).orderBy(asc(workshopActivities.position)).all();
  const ids = acts.map((a) => a.id);
  const ballots = ballotsOf(db, ids);
  const ideas = ideasOf(db, ids);
  const activities = acts.map((a) => {
    const summary = summarise(a.subjects as ActivitySubjects, (ballots.get(a.id) ?? []).map((b) => b.value), ideas.get(a.id) ?? []);
    return { ...activityInfo(a), voters: summary.voters, summary };
  });
  return { session: info(s), participants, activities };
}

export type ProjectorView = {
  session: SessionInfo;
  participantCount: number;
  /** The open activity, else the latest closed one; null before the first opens. Its `summary` is null until revealed (ideas always show). */
  activity: (ActivityInfo & { voters: number; summary: Summary | null }) | null;
};

/** What the projector shows: the code, how many joined, and the current activity — votes only once revealed. */
export function projectorView(db: Db, sessionId: number): ProjectorView {
  const v = facilitatorView(db, sessionId);
  const current = v.activities.find((a) => a.state === "open") ?? [...v.activities].reverse().find((a) => a.state === "closed") ?? null;
  return {
    session: v.session,
    participantCount: v.participants.length,
    activity: current ? { ...current, summary: current.revealed || current.kind === "ideas" ? current.summary : null } : null,
  };
}

/**
 * What a phone shows, as one short string: "ended", or the open activity (id
 * and state) — it does not change with the room's votes. A phone's event
 * stream can send `change` only when this differs from what it last sent, so
 * sixty phones do not fetch their page again after every vote.
 */
export function phoneState(db: Db, sessionId: number): string {
  const s = db.select({ endedAt: workshopSessions.endedAt }).from(workshopSessions).where(eq(workshopSessions.id, sessionId)).get();
  if (!s || s.endedAt) return "ended";
  const open = db.select({ id: workshopActivities.id }).from(workshopActivities).where(and(eq(workshopActivities.sessionId, sessionId), eq(workshopActivities.state, "open"))).get();
  return open ? `open:${open.id}` : "waiting";
}

export type ParticipantView = {
  session: { id: number; code: string; ended: boolean };
  participant: { id: number; name: string };
  /** The open activity and the participant's own ballot or ideas; null when none is open. Nothing else of the project. */
  activity: { id: number; kind: ActivityKind; subjects: ActivitySubjects; ownBallot: Ballot | null; ownIdeas: Array<{ id: number; text: string }> } | null;
};

/** What a phone may see: the open activity, what it scores, the participant's own ballot or ideas. */
export function participantView(db: Db, sessionId: number, participantId: number): ParticipantView {
  const s = requireSession(db, sessionId);
  const p = db.select().from(workshopParticipants).where(and(eq(workshopParticipants.id, participantId), eq(workshopParticipants.sessionId, s.id))).get();
  if (!p) refuse("participantId", "workshop.errors.unknownParticipant", 403);
  const a = s.endedAt ? undefined : db.select().from(workshopActivities).where(and(eq(workshopActivities.sessionId, s.id), eq(workshopActivities.state, "open"))).get();
  let activity: ParticipantView["activity"] = null;
  if (a) {
    const own = db.select({ value: workshopBallots.value }).from(workshopBallots).where(and(eq(workshopBallots.activityId, a.id), eq(workshopBallots.participantId, participantId))).get();
    const ownIdeas = a.kind === "ideas" ? db.select({ id: workshopIdeas.id, text: workshopIdeas.text }).from(workshopIdeas).where(and(eq(workshopIdeas.activityId, a.id), eq(workshopIdeas.participantId, participantId))).orderBy(asc(workshopIdeas.id)).all() : [];
    activity = { id: a.id, kind: a.kind, subjects: a.subjects as ActivitySubjects, ownBallot: (own?.value as Ballot | undefined) ?? null, ownIdeas };
  }
  return { session: { id: s.id, code: s.code, ended: s.endedAt !== null }, participant: { id: p!.id, name: p!.name }, activity };
}

// ---------------------------------------------------------------------------
// Adoption

/**
 * What the facilitator adopts (all optional):
 * - goal-scores, criteria: `values` `{ [goalId]: { [criterionId]: 0..5 } }` instead of the rounded medians;
 * - goal-scores, points: `criterionId` (required) the criterion the points become scores of (the most-voted goal 5);
 * - readiness: `values` `{ [itemId]: 0..5 }` instead of the rounded medians;
 * - ideas: `ideaIds` the chosen ideas (group heads), in the order to append.
 */
export type AdoptChoice = {
  values?: Record<string, unknown>;
  criterionId?: unknown;
  ideaIds?: unknown[];
};

const wholeScore = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= WORKSHOP_LIMITS.scoreMin && n <= WORKSHOP_LIMITS.scoreMax ? n : null;
};

function phaseOfItem(pack: Pack, itemId: string): string | null {
  for (const ph of pack.phases) for (const st of ph.steps) if (st.items.some((i) => i.id === itemId)) return ph.id;
  return null;
}

/**
 * Adopts a closed activity's result into the project, through the validated
 * functions a typed answer goes through (`addRow`/`updateRow` for the goal
 * score grid, `saveAnswer` for readiness ratings and the question's answer),
 * all or nothing, with one history line `workshop.adopt` saying it came from
 * the workshop and how many voted. A poll is recorded in the session record
 * only. Refused: activity still open (409), nothing to adopt (400), the target
 * phase signed (409, `gate.errors.locked`), a value the item refuses (400).
 */
export function adopt(db: Db, args: { sessionId?: number; activityId: unknown; by: Actor; choice?: AdoptChoice }): Adopted {
  const { a, s } = requireActivity(db, args.activityId, args.sessionId);
  if (a.state === "open") refuse("activityId", "workshop.errors.stillOpen", 409);
  if (a.state === "draft") refuse("activityId", "workshop.errors.notOpen", 409);
  const { pack } = projectPack(db, s.projectId);
  const subjects = a.subjects as ActivitySubjects;
  const ballots = (ballotsOf(db, [a.id]).get(a.id) ?? []).map((b) => b.value);
  const ideas = ideasOf(db, [a.id]).get(a.id) ?? [];
  const summary = summarise(subjects, ballots, ideas);
  const choice = args.choice ?? {};
  const gates = projectGates(db, s.projectId, pack);
  const requireEditable = (itemId: string) => {
    const phaseId = phaseOfItem(pack, itemId);
    if (phaseId && !isEditable(gates.get(phaseId))) refuse("_form", "gate.errors.locked", 409);
  };

  const result = writeTransaction(db, (tx): { adopted: Adopted } => {
    const data: ProjectData = loadProjectData(db, s.projectId);
    const stamp = now();
    let adopted: Adopted;
    let target: string | null = null;
    let readinessPhase: string | null = null;
    if (summary.kind === "goal-scores" && subjects.kind === "goal-scores") {
      const ids = planningIds(pack);
      const scoresItem = findItem(pack, ids.scores) as RegisterItem | undefined;
      if (!scoresItem || scoresItem.kind !== "register") return refuse("_form", "errors.notFound", 404);
      requireEditable(scoresItem.id);
      target = scoresItem.id;
      const existingGoals = new Set((data.rows.get(ids.goals) ?? []).map((r) => String(r.id)));
      const existingCriteria = new Set((data.rows.get(ids.criteria) ?? []).map((r) => String(r.id)));
      const wanted: Array<{ goalId: string; criterionId: string; score: number }> = [];
      const values = (choice.values ?? {}) as Record<string, Record<string, unknown> | unknown>;
      if (summary.mode === "criteria") {
        for (const c of summary.cells) {
          const chosen = (values[c.goalId] as Record<string, unknown> | undefined)?.[c.criterionId];
          if (chosen !== undefined && chosen !== "") {
            const n = wholeScore(chosen);
            if (n === null) refuse(`score-${c.goalId}-${c.criterionId}`, "planning.errors.score", 400);
            wanted.push({ goalId: c.goalId, criterionId: c.criterionId, score: n! });
          } else if (c.stats.median !== null) wanted.push({ goalId: c.goalId, criterionId: c.criterionId, score: adoptedScore(c.stats.median) });
        }
      } else {
        const criterionId = String(choice.criterionId ?? "");
        if (!existingCriteria.has(criterionId)) refuse("criterionId", "workshop.errors.chooseCriterion", 400);
        const fromPoints = pointsToScores(summary.goals);
        for (const g of summary.goals) {
          const chosen = values[g.goalId];
          const n = chosen !== undefined && chosen !== "" ? wholeScore(chosen) : (fromPoints.get(g.goalId) ?? null);
          if (n === null) refuse(`score-${g.goalId}`, "planning.errors.score", 400);
          if (summary.voters > 0) wanted.push({ goalId: g.goalId, criterionId, score: n! });
        }
      }
      const live = wanted.filter((w) => existingGoals.has(w.goalId) && existingCriteria.has(w.criterionId));
      if (live.length === 0) refuse("_form", "workshop.errors.nothingToAdopt", 400);
      const current = new Map<string, { rowId: number; version: number }>();
      for (const r of data.rows.get(ids.scores) ?? []) current.set(`${r.cells.goal}:${r.cells.criterion}`, { rowId: r.id, version: r.version });
      for (const w of live) {
        const raw = { goal: w.goalId, criterion: w.criterionId, score: String(w.score) };
        const row = current.get(`${w.goalId}:${w.criterionId}`);
        const r = row
          ? updateRow(db, { projectId: s.projectId, item: scoresItem, rowId: row.rowId, baseVersion: row.version, raw, by: args.by })
          : addRow(db, { projectId: s.projectId, item: scoresItem, raw, by: args.by });
        if (r.status === "invalid") refuse(`score-${w.goalId}-${w.criterionId}`, Object.values(r.errors)[0] ?? "errors.badForm", 400);
        if (r.status === "conflict") refuse("_form", "workshop.errors.changedMeanwhile", 409);
      }
      adopted = { kind: "goal-scores", votes: summary.voters, ...(summary.mode === "points" ? { criterionId: String(choice.criterionId) } : {}), cells: live };
    } else if (summary.kind === "readiness") {
      const values = (choice.values ?? {}) as Record<string, unknown>;
      const ratings: Array<{ itemId: string; score: number }> = [];
      for (const t of summary.topics) {
        const chosen = values[t.topicId];
        if (chosen !== undefined && chosen !== "") {
          const n = wholeScore(chosen);
          if (n === null) refuse(`score-${t.topicId}`, "workshop.errors.score", 400);
          ratings.push({ itemId: t.topicId, score: n! });
        } else if (t.stats.median !== null) ratings.push({ itemId: t.topicId, score: adoptedScore(t.stats.median) });
      }
      if (ratings.length === 0) refuse("_form", "workshop.errors.nothingToAdopt", 400);
      for (const r of ratings) {
        const item = findItem(pack, r.itemId) as RatingItem | undefined;
        if (!item || item.kind !== "rating") return refuse(`score-${r.itemId}`, "errors.notFound", 404);
        requireEditable(item.id);
        const stored = getAnswer(db, s.projectId, item.id);
        const evidence = stored && stored.value && typeof stored.value === "object" ? String((stored.value as Record<string, unknown>).evidence ?? "") : "";
        const res = saveAnswer(db, { projectId: s.projectId, item, baseVersion: stored?.version ?? 0, raw: { score: String(r.score), evidence }, by: args.by });
        if (res.status === "invalid") refuse(`score-${r.itemId}`, Object.values(res.errors)[0] ?? "errors.badForm", 400);
        if (res.status === "conflict") refuse("_form", "workshop.errors.changedMeanwhile", 409);
      }
      // No single item: the line names "the readiness scores", in the ratings' phase.
      readinessPhase = phaseOfItem(pack, ratings[0]!.itemId);
      adopted = { kind: "readiness", votes: summary.voters, ratings };
    } else if (summary.kind === "ideas") {
      const cfg = a.config as { itemId: string };
      const item = findItem(pack, cfg.itemId) as QuestionItem | undefined;
      if (!item || item.kind !== "question" || (item.answer.type !== "long-text" && item.answer.type !== "short-text")) return refuse("itemId", "workshop.errors.notATextQuestion", 400);
      requireEditable(item.id);
      const heads = new Map(summary.groups.map((g: IdeaGroup) => [g.id, g]));
      const chosenIds = (Array.isArray(choice.ideaIds) ? choice.ideaIds : []).map(Number);
      if (chosenIds.length === 0) refuse("ideaIds", "workshop.errors.chooseIdeas", 400);
      if (chosenIds.some((id) => !heads.has(id))) refuse("ideaIds", "workshop.errors.unknownIdea", 404);
      const texts = [...new Set(chosenIds)].map((id) => heads.get(id)!.text);
      const stored = getAnswer(db, s.projectId, item.id);
      const before = typeof stored?.value === "string" ? stored.value.trim() : "";
      const added = item.answer.type === "long-text" ? texts.map((t) => `- ${t}`).join("\n") : texts.join("; ");
      const value = before ? (item.answer.type === "long-text" ? `${before}\n${added}` : `${before}; ${added}`) : added;
      const res = saveAnswer(db, { projectId: s.projectId, item, baseVersion: stored?.version ?? 0, raw: value, by: args.by });
      if (res.status === "invalid") refuse("ideaIds", Object.values(res.errors)[0] ?? "errors.badForm", 400);
      if (res.status === "conflict") refuse("_form", "workshop.errors.changedMeanwhile", 409);
      target = item.id;
      adopted = { kind: "ideas", votes: summary.voters, itemId: item.id, ideas: texts };
    } else {
      adopted = { kind: "poll", votes: summary.voters };
    }
    tx.update(workshopActivities).set({ adopted, adoptedAt: stamp, adoptedBy: args.by.name, state: "closed" }).where(eq(workshopActivities.id, a.id)).run();
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, s.projectId)).run();
    const phaseId = target ? phaseOfItem(pack, target) : (readinessPhase ?? s.phaseId);
    // The history line, after the saves so it heads them (newest first), in the same transaction.
    audit(tx, args.by, { projectId: s.projectId, action: "workshop.adopt", phaseId, itemId: target, subject: a.kind, after: { session: s.id, activity: a.id, votes: adopted.votes } }, stamp);
    tell(tx, s.projectId, s.id, args.by);
    return { adopted };
  });
  return result.adopted;
}

// ---------------------------------------------------------------------------
// The record (for documents)

/**
 * The sessions of a phase as its deliverables print them: date, step,
 * facilitator, participants (names), activities (opened at least once) with
 * their results and what was adopted. Sessions with neither participants
 * nor activities are left out. Oldest first. `phaseId` may name several
 * phases (a document that carries several phases' content); `heldBefore`
 * leaves out sessions started after that moment (the signature of the
 * document's phase, so a signed document stays as it was signed).
 */
export function sessionRecords(db: Db, projectId: number, phaseId: string | readonly string[], heldBefore?: string | null): SessionRecord[] {
  const phases = typeof phaseId === "string" ? [phaseId] : [...phaseId];
  const sessions = db
    .select({ id: workshopSessions.id, startedAt: workshopSessions.startedAt })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.projectId, projectId), inArray(workshopSessions.phaseId, phases)))
    .orderBy(asc(workshopSessions.id))
    .all()
    .filter((x) => !heldBefore || x.startedAt <= heldBefore);
  const out: SessionRecord[] = [];
  for (const { id } of sessions) {
    const v = facilitatorView(db, id);
    const activities = v.activities
      .filter((a) => a.openedAt !== null)
      .map((a) => ({ kind: a.kind, config: a.config, subjects: a.subjects, summary: a.summary, adopted: a.adopted, adoptedBy: a.adoptedBy, adoptedAt: a.adoptedAt }));
    if (v.participants.length === 0 && activities.length === 0) continue;
    out.push({ id, stepId: v.session.stepId, startedAt: v.session.startedAt, endedAt: v.session.endedAt, facilitator: v.session.facilitatorName, participants: v.participants.map((p) => p.name), activities });
  }
  return out;
}

/** Ideas of an activity after merges (for the facilitator's merge controls). */
export { groupIdeas };
