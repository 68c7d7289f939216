/**
 * The items a client expects in a professional deliverable (issue 17, item 6):
 * they exist, speak both languages, carry a document heading and say they are
 * good practice rather than from the seeds.
 */
import { describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, findItem, loadPacks } from "./load.ts";
import { GOOD_PRACTICE_SOURCE } from "./schema.ts";

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;

const PROFESSIONAL = {
  scope: ["requirements.deliverables", "requirements.raci", "requirements.milestones", "requirements.constraints", "requirements.dependencies", "requirements.client-responsibilities", "requirements.change-control", "requirements.change-authority"],
  change: ["requirements.adkar", "requirements.resistance-management", "requirements.sponsor-roadmap", "requirements.coaching-plan", "requirements.reinforcement-plan"],
  minutes: ["vision.workshop-start-time", "vision.workshop-end-time", "vision.workshop-venue", "vision.workshop-facilitator", "vision.workshop-note-taker", "vision.workshop-agenda", "vision.workshop-absentees", "vision.actions"],
  goNoGo: ["deployment.go-thresholds", "deployment.cutover-plan", "deployment.golive-risks", "deployment.rollback-trigger", "deployment.rollback-steps", "deployment.rollback-owner", "deployment.rollback-time", "deployment.hypercare-start", "deployment.hypercare-end", "deployment.hypercare-levels", "deployment.hypercare-exit"],
};

describe("professional items of the deliverables", () => {
  test.each(Object.values(PROFESSIONAL).flat())("%s exists in both languages with a document heading and the good-practice source", (id) => {
    const it = findItem(pack, id);
    expect(it, id).toBeTruthy();
    expect(it!.source).toBe(GOOD_PRACTICE_SOURCE);
    expect(it!.heading?.fa).toMatch(/[\u0600-\u06FF]/);
    expect(it!.heading?.en).toMatch(/^[A-Z]/);
    // A heading is a noun phrase, never the question.
    expect(it!.heading!.en).not.toMatch(/\?$/);
    expect(it!.heading!.fa).not.toMatch(/[?؟]$/);
  });

  test("the RACI points at the deliverables and the team, with the four letters", () => {
    const raci = findItem(pack, "requirements.raci");
    expect(raci?.kind).toBe("register");
    if (raci?.kind !== "register") return;
    const ref = (id: string) => raci.columns.find((c) => c.id === id);
    expect(ref("deliverable")).toMatchObject({ type: "ref", register: "requirements.deliverables" });
    expect(ref("member")).toMatchObject({ type: "ref", register: "team.members" });
    const role = ref("role");
    expect(role?.type === "choice" && role.options.map((o) => o.id)).toEqual(["responsible", "accountable", "consulted", "informed"]);
  });

  test("ADKAR scores each impacted group on five 1–5 scales", () => {
    const adkar = findItem(pack, "requirements.adkar");
    if (adkar?.kind !== "register") throw new Error("requirements.adkar is not a register");
    expect(adkar.columns[0]).toMatchObject({ id: "group", type: "ref", register: "requirements.impacted-groups" });
    for (const stage of ["awareness", "desire", "knowledge", "ability", "reinforcement"]) expect(adkar.columns.find((c) => c.id === stage)).toMatchObject({ type: "scale", min: 1, max: 5 });
  });

  test("the change-management plan prints the new sections", () => {
    expect(pack.changeManagement!.sections).toEqual(expect.arrayContaining(PROFESSIONAL.change));
  });
});
