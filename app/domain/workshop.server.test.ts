import { describe, expect, test, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { auditLog, liveChanges, signoffEvents, workshopBallots, workshopIdeas, workshopParticipants } from "#db/schema.ts";
import { loadProjectData } from "./projects.server.ts";
import { readScores } from "./planning.ts";
import {
  addActivity,
  adopt,
  castBallot,
  closeActivity,
  endSession,
  facilitatorView,
  getSessionByCode,
  getSessionByToken,
  join,
  mergeIdeas,
  openActivity,
  participantBySecret,
  participantView,
  projectorView,
  removeParticipant,
  reveal,
  sendIdea,
  sessionRecords,
  startSession,
  WorkshopRefusal,
  phoneState,
} from "./workshop.server.ts";

const { db, projectId, pack } = demoProjectDatabase();
const planning = pack.planning!;
const by = { id: null, name: "Sara Ahmadi" };


const data = () => loadProjectData(db, projectId);
const ids = (itemId: string) => data().rows.get(itemId)!.map((r) => String(r.id));
const start = () => startSession(db, { projectId, phaseId: "vision", stepId: "vision-core-questions", by });
/** The refusal a call throws (fails the test when it does not throw one). */
function refusal(fn: () => unknown): WorkshopRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof WorkshopRefusal) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
const count = (table: typeof workshopBallots | typeof workshopIdeas | typeof workshopParticipants) => db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;
const auditCount = () => db.select({ n: sql<number>`count(*)` }).from(auditLog).where(eq(auditLog.projectId, projectId)).get()!.n;

describe("a session", () => {
  test("has a typed code and a join link; both stop working when it ends, and so does a participant's cookie", () => {
    const s = start();
    expect(s.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(Buffer.from(s.token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(getSessionByCode(db, s.code.toLowerCase())?.id).toBe(s.sessionId);
    expect(getSessionByToken(db, s.token)?.id).toBe(s.sessionId);
    const p = join(db, { sessionId: s.sessionId, name: "  Neda\u202E Rahimi " });
    expect(participantBySecret(db, s.sessionId, p.secret)).toEqual({ id: p.participantId, name: "Neda Rahimi" });
    endSession(db, { sessionId: s.sessionId, by });
    expect(getSessionByCode(db, s.code)).toBeNull();
    expect(getSessionByToken(db, s.token)?.endedAt).not.toBeNull();
    expect(participantBySecret(db, s.sessionId, p.secret)).toBeNull();
    expect(refusal(() => join(db, { sessionId: s.sessionId, name: "Late" })).status).toBe(410);
  });

  test("a name that is blank or longer than 60 characters is refused next to the name, and nobody joins", () => {
    const s = start();
    const before = count(workshopParticipants);
    expect(refusal(() => join(db, { sessionId: s.sessionId, name: " \u200B " })).field).toBe("name");
    expect(refusal(() => join(db, { sessionId: s.sessionId, name: "x".repeat(61) })).messageKey).toBe("workshop.errors.tooLong");
    expect(count(workshopParticipants)).toBe(before);
  });

  test("a name already in the session is refused next to the name (it would be counted twice), and nobody joins", () => {
    const s = start();
    join(db, { sessionId: s.sessionId, name: "Neda" });
    const before = count(workshopParticipants);
    const r = refusal(() => join(db, { sessionId: s.sessionId, name: "  neda " }));
    expect(r).toMatchObject({ status: 409, field: "name", messageKey: "workshop.errors.nameTaken" });
    expect(count(workshopParticipants)).toBe(before);
    expect(join(db, { sessionId: s.sessionId, name: "Neda R." }).name).toBe("Neda R.");
  });
});

describe("ballots", () => {
  test("one ballot per participant per activity: casting again changes it", () => {
    const s = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "How confident are you?", options: ["Very", "Somewhat", "Not"] }, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const p = join(db, { sessionId: s.sessionId, name: "Ali" });
    castBallot(db, { activityId, participantId: p.participantId, value: { option: 0 } });
    const again = castBallot(db, { activityId, participantId: p.participantId, value: { option: 2 } });
    expect(again.casts).toBe(2);
    const v = facilitatorView(db, s.sessionId).activities[0]!;
    expect(v.voters).toBe(1);
    expect(v.summary).toMatchObject({ kind: "poll", options: [{ count: 0 }, { count: 0 }, { count: 1 }] });
    expect(participantView(db, s.sessionId, p.participantId).activity?.ownBallot).toEqual({ option: 2 });
  });

  test("a closed, unknown or other session's activity, a forged participant and a value out of range are refused; nothing is stored", () => {
    const s = start();
    const other = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "readiness", config: {}, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const p = join(db, { sessionId: s.sessionId, name: "Reza" });
    const stranger = join(db, { sessionId: other.sessionId, name: "Mina" });
    const before = count(workshopBallots);
    const ok = { ratings: { "team.readiness-culture": 3 } };
    expect(refusal(() => castBallot(db, { activityId, participantId: p.participantId, value: { ratings: { "team.readiness-culture": 6 } } }))).toMatchObject({ status: 400, field: "value" });
    expect(refusal(() => castBallot(db, { activityId, participantId: p.participantId, value: { ratings: { "goals.register": 3 } } })).status).toBe(400);
    expect(refusal(() => castBallot(db, { activityId: 999999, participantId: p.participantId, value: ok })).status).toBe(404);
    expect(refusal(() => castBallot(db, { activityId: "1; drop", participantId: p.participantId, value: ok })).status).toBe(404);
    // A participant of another session cannot touch this session's activity.
    expect(refusal(() => castBallot(db, { activityId, participantId: stranger.participantId, value: ok })).status).toBe(403);
    expect(refusal(() => castBallot(db, { activityId, participantId: 987654, value: ok })).status).toBe(403);
    expect(refusal(() => sendIdea(db, { activityId, participantId: stranger.participantId, text: "hi" })).status).toBe(403);
    expect(refusal(() => participantView(db, other.sessionId, p.participantId)).status).toBe(403);
    closeActivity(db, { sessionId: s.sessionId, activityId, by });
    expect(refusal(() => castBallot(db, { activityId, participantId: p.participantId, value: ok })).status).toBe(409);
    expect(count(workshopBallots)).toBe(before);
  });

  test("too many ballots too fast are refused with 429", () => {
    const s = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Q", options: ["a", "b"] }, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const p = join(db, { sessionId: s.sessionId, name: "Fast" });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      try {
        castBallot(db, { activityId, participantId: p.participantId, value: { option: i % 2 } });
        statuses.push(200);
      } catch (e) {
        statuses.push((e as WorkshopRefusal).status);
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((x) => x === 200).length).toBeGreaterThanOrEqual(5);
  });

  test("the projector sees how many voted but not the votes until they are revealed", () => {
    const s = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Q", options: ["a", "b"] }, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const p = join(db, { sessionId: s.sessionId, name: "Hidden" });
    castBallot(db, { activityId, participantId: p.participantId, value: { option: 1 } });
    expect(projectorView(db, s.sessionId).activity).toMatchObject({ voters: 1, summary: null });
    reveal(db, { sessionId: s.sessionId, activityId, by });
    expect(projectorView(db, s.sessionId).activity?.summary).toMatchObject({ options: [{ count: 0 }, { count: 1 }] });
  });
});

describe("what the room's votes announce", () => {
  test("every accepted vote is announced inside its own transaction; a refused one announces nothing, then or later", () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    try {
      const s = start();
      const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Q", options: ["a", "b"] }, by });
      openActivity(db, { sessionId: s.sessionId, activityId, by });
      const people = Array.from({ length: 20 }, (_, i) => join(db, { sessionId: s.sessionId, name: `P${i}` }));
      const changes = () => db.select().from(liveChanges).where(eq(liveChanges.topic, `workshop:${s.sessionId}`)).all().length;
      vi.advanceTimersByTime(1000);
      const before = changes();
      // Twenty votes at once (the clock standing still): twenty announcements, each written with its ballot.
      for (const p of people) castBallot(db, { activityId, participantId: p.participantId, value: { option: 1 } });
      expect(changes() - before).toBe(20);
      // A refused vote right after: nothing now, and nothing a moment later.
      const after = changes();
      expect(refusal(() => castBallot(db, { activityId, participantId: people[0]!.participantId, value: { option: 7 } })).status).toBe(400);
      vi.advanceTimersByTime(1000);
      expect(changes()).toBe(after);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("what a phone needs to hear about", () => {
  test("the phone's state changes when an activity opens or closes or the session ends, not with each vote", () => {
    const s = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Q", options: ["a", "b"] }, by });
    const waiting = phoneState(db, s.sessionId);
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const open = phoneState(db, s.sessionId);
    expect(open).not.toBe(waiting);
    const p = join(db, { sessionId: s.sessionId, name: "Quiet" });
    castBallot(db, { activityId, participantId: p.participantId, value: { option: 0 } });
    expect(phoneState(db, s.sessionId)).toBe(open);
    closeActivity(db, { sessionId: s.sessionId, activityId, by });
    const closed = phoneState(db, s.sessionId);
    expect(closed).not.toBe(open);
    endSession(db, { sessionId: s.sessionId, by });
    expect(phoneState(db, s.sessionId)).toBe("ended");
  });
});

describe("removing a participant", () => {
  test("deletes their ballots and ideas", () => {
    const s = start();
    const poll = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Q", options: ["a", "b"] }, by }).activityId;
    const ideas = addActivity(db, { sessionId: s.sessionId, kind: "ideas", config: { itemId: "vision.why-crm", question: "Why CRM?" }, by }).activityId;
    const troll = join(db, { sessionId: s.sessionId, name: "Troll" });
    const kept = join(db, { sessionId: s.sessionId, name: "Kept" });
    openActivity(db, { sessionId: s.sessionId, activityId: poll, by });
    castBallot(db, { activityId: poll, participantId: troll.participantId, value: { option: 0 } });
    castBallot(db, { activityId: poll, participantId: kept.participantId, value: { option: 1 } });
    openActivity(db, { sessionId: s.sessionId, activityId: ideas, by });
    sendIdea(db, { activityId: ideas, participantId: troll.participantId, text: "spam" });
    sendIdea(db, { activityId: ideas, participantId: kept.participantId, text: "Know every customer" });
    removeParticipant(db, { sessionId: s.sessionId, participantId: troll.participantId, by });
    const v = facilitatorView(db, s.sessionId);
    expect(v.participants.map((p) => p.name)).toEqual(["Kept"]);
    expect(v.activities[0]).toMatchObject({ voters: 1, summary: { options: [{ count: 0 }, { count: 1 }] } });
    expect(v.activities[1]!.summary).toMatchObject({ kind: "ideas", groups: [{ text: "Know every customer" }] });
    expect(db.select().from(workshopBallots).where(eq(workshopBallots.participantId, troll.participantId)).all()).toEqual([]);
    expect(db.select().from(workshopIdeas).where(eq(workshopIdeas.participantId, troll.participantId)).all()).toEqual([]);
    expect(participantBySecret(db, s.sessionId, troll.secret)).toBeNull();
  });
});

describe("adoption", () => {
  test("goal scores: the medians go into the score grid through the validated row functions, with a history line naming the workshop and the votes", () => {
    const s = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "goal-scores", config: { mode: "criteria" }, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const [g1] = ids(planning.goals);
    const [c1, c2] = ids(planning.criteria);
    const votes = [
      { [g1!]: { [c1!]: 1, [c2!]: 4 } },
      { [g1!]: { [c1!]: 2, [c2!]: 4 } },
      { [g1!]: { [c1!]: 2 } },
    ];
    for (const [i, scores] of votes.entries()) {
      const p = join(db, { sessionId: s.sessionId, name: `Voter ${i}` });
      castBallot(db, { activityId, participantId: p.participantId, value: { scores } });
    }
    // Still open: refused, nothing written.
    const auditBefore = auditCount();
    expect(refusal(() => adopt(db, { sessionId: s.sessionId, activityId, by })).status).toBe(409);
    expect(auditCount()).toBe(auditBefore);
    closeActivity(db, { sessionId: s.sessionId, activityId, by });
    const adopted = adopt(db, { sessionId: s.sessionId, activityId, by });
    expect(adopted).toMatchObject({ kind: "goal-scores", votes: 3 });
    const grid = readScores(planning, data());
    expect(grid.get(Number(g1))!.get(Number(c1))!.score).toBe(2);
    expect(grid.get(Number(g1))!.get(Number(c2))!.score).toBe(4);
    const lines = db.select().from(auditLog).where(eq(auditLog.projectId, projectId)).orderBy(sql`${auditLog.id} desc`).limit(3).all();
    expect(lines[0]).toMatchObject({ action: "workshop.adopt", actorName: "Sara Ahmadi", itemId: planning.scores, after: { votes: 3 } });
    // Through the validated functions: their own history lines for the grid's rows.
    expect(lines.slice(1).map((l) => l.action).every((a) => a === "row.update" || a === "row.add")).toBe(true);
    expect(sessionRecords(db, projectId, "vision").find((r) => r.id === s.sessionId)?.activities[0]?.adopted).toMatchObject({ votes: 3 });
  });

  test("a chosen value out of range is refused and nothing is written", () => {
    const s = start();
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "goal-scores", config: { mode: "criteria" }, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    const [g1] = ids(planning.goals);
    const [c1, c2] = ids(planning.criteria);
    const p = join(db, { sessionId: s.sessionId, name: "One" });
    castBallot(db, { activityId, participantId: p.participantId, value: { scores: { [g1!]: { [c1!]: 5, [c2!]: 0 } } } });
    closeActivity(db, { sessionId: s.sessionId, activityId, by });
    const before = JSON.stringify([...readScores(planning, data()).get(Number(g1))!]);
    const auditBefore = auditCount();
    const r = refusal(() => adopt(db, { sessionId: s.sessionId, activityId, by, choice: { values: { [g1!]: { [c2!]: 9 } } } }));
    expect(r).toMatchObject({ status: 400, field: `score-${g1}-${c2}` });
    expect(JSON.stringify([...readScores(planning, data()).get(Number(g1))!])).toBe(before);
    expect(auditCount()).toBe(auditBefore);
    expect(facilitatorView(db, s.sessionId).activities[0]!.adopted).toBeNull();
  });

  test("readiness medians into the nine ratings, keeping their evidence; ideas appended to the question's answer", () => {
    const s = start();
    const readiness = addActivity(db, { sessionId: s.sessionId, kind: "readiness", config: {}, by }).activityId;
    openActivity(db, { sessionId: s.sessionId, activityId: readiness, by });
    const a = join(db, { sessionId: s.sessionId, name: "A" });
    const b = join(db, { sessionId: s.sessionId, name: "B" });
    castBallot(db, { activityId: readiness, participantId: a.participantId, value: { ratings: { "team.readiness-culture": 1 } } });
    castBallot(db, { activityId: readiness, participantId: b.participantId, value: { ratings: { "team.readiness-culture": 2 } } });
    closeActivity(db, { sessionId: s.sessionId, activityId: readiness, by });
    const evidence = (data().answers.get("team.readiness-culture")?.value as { evidence?: string } | undefined)?.evidence ?? "";
    adopt(db, { sessionId: s.sessionId, activityId: readiness, by });
    expect(data().answers.get("team.readiness-culture")?.value).toEqual({ score: 2, evidence });
    const last = db.select().from(auditLog).where(and(eq(auditLog.projectId, projectId), eq(auditLog.action, "workshop.adopt"))).orderBy(sql`${auditLog.id} desc`).get();
    expect(last).toMatchObject({ itemId: null, phaseId: "team", subject: "readiness", after: { votes: 2 } });

    const ideas = addActivity(db, { sessionId: s.sessionId, kind: "ideas", config: { itemId: "vision.why-crm", question: "Why CRM?" }, by }).activityId;
    openActivity(db, { sessionId: s.sessionId, activityId: ideas, by });
    const i1 = sendIdea(db, { activityId: ideas, participantId: a.participantId, text: "Keep our best customers" });
    const i2 = sendIdea(db, { activityId: ideas, participantId: b.participantId, text: "Keep best customers" });
    const i3 = sendIdea(db, { activityId: ideas, participantId: b.participantId, text: "Off topic" });
    mergeIdeas(db, { sessionId: s.sessionId, into: i1.ideaId, from: [i2.ideaId], by });
    closeActivity(db, { sessionId: s.sessionId, activityId: ideas, by });
    const before = String(data().answers.get("vision.why-crm")?.value ?? "");
    // A merged idea is not a head: refused.
    expect(refusal(() => adopt(db, { sessionId: s.sessionId, activityId: ideas, by, choice: { ideaIds: [i2.ideaId] } })).status).toBe(404);
    adopt(db, { sessionId: s.sessionId, activityId: ideas, by, choice: { ideaIds: [i1.ideaId] } });
    const after = String(data().answers.get("vision.why-crm")?.value);
    expect(after.startsWith(before.trim())).toBe(true);
    expect(after.endsWith("- Keep our best customers")).toBe(true);
    expect(after).not.toContain("Off topic");
    void i3;
  });

  test("the session record lists participants, activities with their results and what was adopted", () => {
    const recs = sessionRecords(db, projectId, "vision");
    const withIdeas = recs.find((r) => r.activities.some((a) => a.kind === "ideas" && a.adopted))!;
    expect(withIdeas).toMatchObject({ facilitator: "Sara Ahmadi", stepId: "vision-core-questions", participants: ["A", "B"] });
    expect(withIdeas.activities.map((a) => a.kind)).toEqual(["readiness", "ideas"]);
    expect(sessionRecords(db, projectId, "goals")).toEqual([]);
  });
});

describe("a phase signed or awaiting sign-off", () => {
  // The signed minutes print the phase's sessions: nothing may change them after signing.
  const gate = (phaseId: string, kind: "requested" | "approved" | "withdrawn") =>
    db.insert(signoffEvents).values({ projectId, phaseId, kind, at: new Date().toISOString() }).run();
  const startOn = () => startSession(db, { projectId, phaseId: "team", stepId: "team-mandate", by });

  test("refuses a session to be started, an activity added, a poll voted on or anyone to join; what was held before stays in the record", () => {
    const s = startOn();
    const p = join(db, { sessionId: s.sessionId, name: "Before Signing" });
    const { activityId } = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Ready?", options: ["Yes", "No"] }, by });
    openActivity(db, { sessionId: s.sessionId, activityId, by });
    castBallot(db, { activityId, participantId: p.participantId, value: { option: 0 } });
    const recordBefore = JSON.stringify(sessionRecords(db, projectId, "team"));
    for (const kind of ["requested", "approved"] as const) {
      gate("team", kind);
      const before = { ballots: count(workshopBallots), participants: count(workshopParticipants), audit: auditCount() };
      const refusals = [
        refusal(() => startOn()),
        refusal(() => join(db, { sessionId: s.sessionId, name: "After Signing" })),
        refusal(() => addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Again?", options: ["Yes", "No"] }, by })),
        refusal(() => castBallot(db, { activityId, participantId: p.participantId, value: { option: 1 } })),
        refusal(() => openActivity(db, { sessionId: s.sessionId, activityId, by })),
      ];
      for (const r of refusals) expect([r.status, r.messageKey]).toEqual([409, "workshop.errors.phaseLocked"]);
      expect({ ballots: count(workshopBallots), participants: count(workshopParticipants), audit: auditCount() }).toEqual(before);
      expect(JSON.stringify(sessionRecords(db, projectId, "team"))).toBe(recordBefore);
    }
    expect(sessionRecords(db, projectId, "team")[0]?.participants).toEqual(["Before Signing"]);
  });
});
