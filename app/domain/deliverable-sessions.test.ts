/**
 * Which deliverable prints which workshop sessions (decision 038, review of
 * issue 19 finding 2): every phase whose content a document carries, held
 * before the document's own phase was signed.
 */
import { expect, test } from "vitest";
import { demoProjectDatabase } from "#tests/setup/demo-project.ts";
import { DELIVERABLES, deliverable, sessionPhasesOf } from "#templates/index.ts";
import type { DeliverableId, SignOffState } from "#templates/model.ts";
import { documentText } from "#tests/setup/docx.ts";
import { deliverableSessions, exportDeliverable } from "./deliverables.server.ts";
import { getProject, loadProjectData, packOf } from "./projects.server.ts";
import { addActivity, join, openActivity, startSession } from "./workshop.server.ts";

const { db, projectId, pack } = demoProjectDatabase();
const by = { id: null, name: "Sara Ahmadi" };

const open: SignOffState = { phaseTitle: "", status: "open", currentFingerprint: "", changedSinceSignoff: false, lastApproval: null, request: null, rejection: null };
const held = (phaseId: string, stepId: string) => {
  const s = startSession(db, { projectId, phaseId, stepId, by });
  join(db, { sessionId: s.sessionId, name: "Neda" });
  return s.sessionId;
};
/** A session on a step with one open quick poll that one person joined. */
const pollHeld = (phaseId: string, stepId: string, question: string) => {
  const sessionId = held(phaseId, stepId);
  const { activityId } = addActivity(db, { sessionId, kind: "poll", config: { question, options: ["Yes", "Not yet"] }, by });
  openActivity(db, { sessionId, activityId, by });
};
/** A deliverable's text as exported now. */
const documentOf = async (id: DeliverableId, lang: "fa" | "en") => {
  const project = getProject(db, projectId)!;
  return documentText((await exportDeliverable({ db, project, pack: packOf(project)!, data: loadProjectData(db, projectId), id, lang, actor: by, renderer: null })).buffer);
};
const printed = (id: string, signOff: SignOffState = open) => deliverableSessions(db, projectId, deliverable(id)!, signOff).map((r) => r.id);

test("a goals-step session (goal scoring) appears in the scope document, not in the vision minutes", () => {
  const goals = held("goals", "goals-prioritise");
  expect(printed("scope-document")).toContain(goals);
  expect(printed("vision-minutes")).not.toContain(goals);
});

test("a team-phase readiness session appears in the change-management plan; each phase's own sessions in its own documents", () => {
  const team = held("team", "team-readiness");
  const vision = held("vision", "vision-workshop");
  const requirements = held("requirements", "requirements-kickoff");
  expect(printed("change-management-plan")).toEqual(expect.arrayContaining([team, requirements]));
  expect(printed("vision-minutes")).toContain(vision);
  expect(printed("scope-document")).toContain(requirements);
  expect(printed("scope-document")).not.toContain(team);
});

test("every phase's sessions print in some deliverable — customisation's (design sessions, prototype reviews) in the go/no-go record", () => {
  const unprinted = pack.phases.map((p) => p.id).filter((id) => !DELIVERABLES.some((d) => sessionPhasesOf(d).includes(id)));
  expect(unprinted).toEqual([]);
  const customisation = held("customisation", "customisation-configuration");
  expect(printed("go-no-go")).toContain(customisation);
  expect(printed("scope-document")).not.toContain(customisation);
});

test("a signed document keeps only the sessions held before its phase was signed", () => {
  const before = held("goals", "goals-prioritise");
  const signed: SignOffState = { ...open, status: "signed", lastApproval: { by: "Sponsor", at: new Date(Date.now() + 1000).toISOString(), fingerprint: "", comment: "" } };
  expect(printed("scope-document", signed)).toContain(before);
  const earlier: SignOffState = { ...signed, lastApproval: { ...signed.lastApproval!, at: "2000-01-01T00:00:00.000Z" } };
  expect(printed("scope-document", earlier)).toEqual([]);
});

test("the scope document names a goals session by its date and what the room did, gives its step, and says what was not written into the project", async () => {
  pollHeld("goals", "goals-prioritise", "Which goal first?");
  const text = (lang: "fa" | "en") => documentOf("scope-document", lang);
  const en = await text("en");
  expect(en).toMatch(/Workshop of [^:]+: Quick poll/);
  expect(en).toContain("Which goal first?");
  expect(en).not.toMatch(/Session of/);
  const fa = await text("fa");
  expect(fa).toMatch(/کارگاه [^:]+: نظرسنجی سریع/);
  expect(fa).not.toContain("نپذیرفت");
}, 60_000);

test("the go/no-go record prints a customisation session and names its phase beside its step", async () => {
  pollHeld("customisation", "customisation-configuration", "Is the opportunity form prototype ready for review?");
  const text = (lang: "fa" | "en") => documentOf("go-no-go", lang);
  const en = await text("en");
  expect(en).toContain("Is the opportunity form prototype ready for review?");
  expect(en).toMatch(/Customisation[^›\n]*› Customise screens/);
  const fa = await text("fa");
  expect(fa).toMatch(/اختصاصی‌سازی[^›\n]*› /);
}, 60_000);
