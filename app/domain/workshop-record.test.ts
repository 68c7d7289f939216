/** The session record in the phase's deliverables: the vision workshop minutes print who took part, the activities, their results as tables and what was adopted. */
import { describe, expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { documentText } from "#tests/setup/docx.ts";
import { getProject, loadProjectData, packOf } from "./projects.server.ts";
import { exportDeliverable } from "./deliverables.server.ts";
import { addActivity, adopt, castBallot, closeActivity, join, openActivity, startSession } from "./workshop.server.ts";

const { db, projectId, pack } = demoProjectDatabase();
const by = { id: null, name: "Sara Ahmadi" };

const exportMinutes = async (lang: "fa" | "en") => {
  const project = getProject(db, projectId)!;
  return exportDeliverable({ db, project, pack: packOf(project)!, data: loadProjectData(db, projectId), id: "vision-minutes", lang, actor: by, renderer: null });
};

describe("the session record in the vision workshop minutes", () => {
  test("participants, each activity's results as a table and what was adopted, in English and in Persian; a new vote makes a new version", async () => {
    const before = await exportMinutes("en");
    expect(documentText(before.buffer)).not.toContain("Workshop sessions");

    const s = startSession(db, { projectId, phaseId: "vision", stepId: "vision-core-questions", by });
    const a = join(db, { sessionId: s.sessionId, name: "Neda Rahimi" });
    const b = join(db, { sessionId: s.sessionId, name: "Ali Karimi" });
    const poll = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "How confident are you in going live?", options: ["Very", "Somewhat", "Not yet"] }, by }).activityId;
    openActivity(db, { sessionId: s.sessionId, activityId: poll, by });
    castBallot(db, { activityId: poll, participantId: a.participantId, value: { option: 0 } });
    castBallot(db, { activityId: poll, participantId: b.participantId, value: { option: 1 } });
    const goals = addActivity(db, { sessionId: s.sessionId, kind: "goal-scores", config: { mode: "criteria" }, by }).activityId;
    openActivity(db, { sessionId: s.sessionId, activityId: goals, by });
    const data = loadProjectData(db, projectId);
    const g = String(data.rows.get("goals.register")![0]!.id);
    const c = String(data.rows.get("goals.criteria")![0]!.id);
    castBallot(db, { activityId: goals, participantId: a.participantId, value: { scores: { [g]: { [c]: 3 } } } });
    castBallot(db, { activityId: goals, participantId: b.participantId, value: { scores: { [g]: { [c]: 4 } } } });
    closeActivity(db, { sessionId: s.sessionId, activityId: goals, by });
    adopt(db, { sessionId: s.sessionId, activityId: goals, by });

    const en = await exportMinutes("en");
    expect(en.version).toBeGreaterThan(before.version);
    const text = documentText(en.buffer);
    expect(text).toContain("Workshop sessions");
    expect(text).toContain("Neda Rahimi");
    expect(text).toContain("Ali Karimi");
    expect(text).toContain("How confident are you in going live?");
    expect(text).toMatch(/Somewhat\s*1\s*50%/);
    expect(text).toContain("Median");
    // The goal's row: median 3.5, spread 3.25–3.75, lowest–highest 3–4, 2 votes, adopted as 4; and who adopted it.
    expect(text).toMatch(/3\.5\s*3\.25–3\.75\s*3–4\s*2\s*4/);
    expect(text).toContain("Sara Ahmadi");
    expect(text).not.toContain("{");

    const fa = documentText((await exportMinutes("fa")).buffer);
    expect(fa).toContain("جلسه‌های کارگاه");
    expect(fa).toContain("میانه");
    expect(fa).toContain("۳٫۵");
    expect(fa).not.toMatch(/[0-9]٫|٪[0-9]/);
  });
});
