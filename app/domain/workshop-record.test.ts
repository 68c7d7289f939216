/** The session record in the phase's deliverables: the vision workshop minutes print who took part, the activities, their results as tables and what was adopted. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { documentText } from "#tests/setup/docx.ts";
import { getPacks } from "#methodology/registry.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { getProject, loadProjectData, packOf } from "./projects.server.ts";
import { exportDeliverable } from "./deliverables.server.ts";
import { addActivity, adopt, castBallot, closeActivity, join, openActivity, startSession } from "./workshop.server.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const by = { id: null, name: "Sara Ahmadi" };
let t: ReturnType<typeof tempDatabase>;
let projectId: number;

const exportMinutes = async (lang: "fa" | "en") => {
  const project = getProject(t.db, projectId)!;
  return exportDeliverable({ db: t.db, project, pack: packOf(project)!, data: loadProjectData(t.db, projectId), id: "vision-minutes", lang, actor: by, renderer: null });
};

beforeAll(() => {
  t = tempDatabase();
  projectId = seedDemoProject(t.db, pack);
});
afterAll(() => t.cleanup());

describe("the session record in the vision workshop minutes", () => {
  test("participants, each activity's results as a table and what was adopted, in English and in Persian; a new vote makes a new version", async () => {
    const before = await exportMinutes("en");
    expect(documentText(before.buffer)).not.toContain("Workshop sessions");

    const s = startSession(t.db, { projectId, phaseId: "vision", stepId: "vision-core-questions", by });
    const a = join(t.db, { sessionId: s.sessionId, name: "Neda Rahimi" });
    const b = join(t.db, { sessionId: s.sessionId, name: "Ali Karimi" });
    const poll = addActivity(t.db, { sessionId: s.sessionId, kind: "poll", config: { question: "How confident are you in going live?", options: ["Very", "Somewhat", "Not yet"] }, by }).activityId;
    openActivity(t.db, { sessionId: s.sessionId, activityId: poll, by });
    castBallot(t.db, { activityId: poll, participantId: a.participantId, value: { option: 0 } });
    castBallot(t.db, { activityId: poll, participantId: b.participantId, value: { option: 1 } });
    const goals = addActivity(t.db, { sessionId: s.sessionId, kind: "goal-scores", config: { mode: "criteria" }, by }).activityId;
    openActivity(t.db, { sessionId: s.sessionId, activityId: goals, by });
    const data = loadProjectData(t.db, projectId);
    const g = String(data.rows.get("goals.register")![0]!.id);
    const c = String(data.rows.get("goals.criteria")![0]!.id);
    castBallot(t.db, { activityId: goals, participantId: a.participantId, value: { scores: { [g]: { [c]: 3 } } } });
    castBallot(t.db, { activityId: goals, participantId: b.participantId, value: { scores: { [g]: { [c]: 4 } } } });
    closeActivity(t.db, { sessionId: s.sessionId, activityId: goals, by });
    adopt(t.db, { sessionId: s.sessionId, activityId: goals, by });

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
