/**
 * The send check over projects written to a database by the seeder, with
 * the contradictions put there on purpose (not relying on any fixture's):
 * what the Documents page and the export print.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedEngagement, type Engagement } from "#db/seed-engagement.ts";
import { getPacks } from "#methodology/registry.ts";
import { getProject, loadProjectData } from "#app/domain/projects.server.ts";
import { projectSendCheck } from "./send-check.server.ts";
import { sendCheckView } from "#app/views/send-check.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const task = (status: string) => ({ status, owner: "Daniel Osei", dueDate: "", evidence: "" });

function engagement(name: string, email: string, overrides: Record<string, unknown> = {}): Engagement {
  return {
    project: { name, clientOrganisation: "Alder & Finch Appliances Ltd", deliverableLanguage: "en", startDate: "2025-09-01", description: "" },
    people: [{ email, displayName: "Daniel Osei", role: "project-manager" }],
    answers: {
      "requirements.kickoff-date": "2025-10-20",
      "requirements.scope-approval-date": "2025-12-12",
      "deployment.go-decision": "go",
      "deployment.go-decision-date": "2026-04-08",
      "deployment.go-live-date": "2026-04-20",
      "deployment.task-uat-pilot": task("done"),
      "deployment.task-train-users": task("done"),
      "deployment.task-final-migration": task("done"),
      "deployment.task-support-plan": task("done"),
      "deployment.task-go-decision": task("done"),
      "review.review-date": "2026-10-20",
      ...overrides,
    },
    rows: {
      "goals.roadmap": [
        { name: "Stage 1: One customer record and service cases", start: "2025-11-01", end: "2026-06-30" },
        { name: "Stage 2: Field service and partners", start: "2026-07-01", end: "2026-12-31" },
      ],
      "goals.register": [{ goal: "Close service cases faster", kpi: "Days to close a case", baseline: "9", target: "3", stage: "@goals.roadmap#1" }],
      "deployment.uat-results": [
        { run: "UAT run 1", result: "passed", severity: "none", date: "2026-03-30" },
        { run: "UAT run 2", result: "passed-with-issues", severity: "minor", date: "2026-04-01" },
        { run: "UAT run 3", result: "passed", severity: "none", date: "2026-04-03" },
      ],
      "deployment.training-sessions": [{ session: "Service centre agents", status: "held", attendees: "25", date: "2026-04-14" }],
      "deployment.migration-log": [{ "data-set": "Customers", "records-migrated": "48000", date: "2026-04-18" }],
      "deployment.support-team": [{ name: "Priya Raman", role: "technical" }],
      "deployment.support-mechanisms": [{ mechanism: "Service desk line" }],
      "review.adoption": [{ period: "2026-07-20", group: "Service centre agents", active: "23", licensed: "25" }],
    },
  };
}

let env: ReturnType<typeof tempDatabase>;
const checkOf = (projectId: number) => {
  const project = getProject(env.db, projectId)!;
  return new Map(projectSendCheck(env.db, project, pack, loadProjectData(env.db, projectId)).map((c) => [c.id, c]));
};
let consistent: number;
let contradictory: number;

beforeAll(() => {
  env = tempDatabase();
  consistent = seedEngagement(env.db, pack, engagement("Consistent", "d.osei@alderfinch.example"));
  contradictory = seedEngagement(
    env.db,
    pack,
    engagement("Contradictory", "d.osei2@alderfinch.example", {
      "deployment.go-decision-date": "2026-04-22",
      "deployment.task-train-users": task("in-progress"),
      "deployment.task-uat-pilot": task("todo"),
    }),
  );
});
afterAll(() => env.cleanup());

describe("the send check of a seeded project", () => {
  it("a completed, consistent project reports no contradiction in any deliverable", () => {
    const check = checkOf(consistent);
    expect(check.size).toBe(7);
    for (const c of check.values()) expect(c.contradictions).toEqual([]);
  });

  it("reports go-live before the go decision, and 'Train users: in progress' and 'Run the UAT: to do' beside the records, with links to fix them", () => {
    const goNoGo = checkOf(contradictory).get("go-no-go")!;
    expect(goNoGo.verdict).toBe("contradictions");
    const view = sendCheckView([goNoGo], "en")[0]!;
    const messages = view.contradictions.map((c) => c.message);
    expect(messages).toContain("The go/no-go decision is dated 22 April 2026, after the go-live date 20 April 2026.");
    expect(messages.some((m) => /is marked In progress, but the records show it done: 1 in “/.test(m))).toBe(true);
    expect(messages.some((m) => /is marked To do, but the records show it done: 3 in “/.test(m))).toBe(true);
    expect(view.contradictions.map((c) => c.link)).toContain(`/projects/${contradictory}/phases/deployment/steps/deployment-training#item-deployment.task-train-users`);
    const fa = sendCheckView([goNoGo], "fa")[0]!;
    expect(fa.contradictions.map((c) => c.message)).toContain("تاریخ تصمیم ادامه / توقف ۲ اردیبهشت ۱۴۰۵ است، پس از تاریخ بهره‌برداری ۳۱ فروردین ۱۴۰۵.");
  });
});
