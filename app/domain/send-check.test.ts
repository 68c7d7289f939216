import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import { DELIVERABLE_IDS } from "#templates/model.ts";
import { DELIVERABLES } from "#templates/index.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { COVERED_DELIVERABLES, deliverableItems } from "./deliverable-coverage.ts";
import { contradictions, openItems, sendCheck, type GateFacts } from "./send-check.ts";
import { contradictionMessage, sendCheckView } from "#app/views/send-check.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
type Cells = Record<string, string | number | null>;
type Data = { rows: Record<string, Cells[]>; answers: Record<string, unknown> };
const BASE: Record<string, number> = { "goals.register": 100, "goals.roadmap": 300 };
const rowId = (register: string, n: number) => (BASE[register] ?? 900) + n;
function toAnswers(d: Data): ProjectAnswers {
  return {
    answers: new Map(Object.entries(d.answers).map(([k, value]) => [k, { value }])),
    rows: new Map(Object.entries(d.rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: rowId(k, i + 1), cells }))])),
  };
}
const task = (status: string) => ({ owner: "", dueDate: null, status, evidence: "" });

/** A consistent project: dates in order, tasks done where records show it, measured goals, stages in sequence, adoption within licences. */
function consistent(): Data {
  return {
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
      "review.management-meeting-date": "2026-11-10",
    },
    rows: {
      "goals.roadmap": [
        { name: "Stage 1", start: "2025-11-01", end: "2026-06-30" },
        { name: "Stage 2", start: "2026-07-01", end: "2026-12-31" },
      ],
      "goals.register": [{ goal: "Faster service", kpi: "Days to close a case", baseline: 9, target: 3, stage: rowId("goals.roadmap", 1) }],
      "deployment.uat-results": [{ run: "Run 1", result: "passed", severity: "none" }],
      "deployment.training-sessions": [{ session: "Agents", status: "held", attendees: 25 }],
      "deployment.migration-log": [{ "data-set": "Customers", "records-migrated": 48000 }],
      "deployment.support-team": [{ name: "Help desk", role: "help-desk" }],
      "deployment.support-mechanisms": [{ mechanism: "Phone line" }],
      "review.adoption": [{ period: "2026-07-20", group: "Service centre agents", active: 23, licensed: 25 }],
    },
  };
}
const change = (mutate: (d: Data) => void) => {
  const d = consistent();
  mutate(d);
  return d;
};
const found = (d: Data, gates: GateFacts[] = []) => contradictions({ pack, projectId: 7, data: toAnswers(d), gates });
const rules = (d: Data, gates: GateFacts[] = []) => found(d, gates).map((c) => c.rule);
const step = (itemId: string) => {
  const at = pack.phases.flatMap((p) => p.steps.flatMap((s) => s.items.map((i) => ({ p, s, i })))).find((x) => x.i.id === itemId)!;
  return `/projects/7/phases/${at.p.id}/steps/${at.s.id}#item-${itemId}`;
};

describe("which items a deliverable draws on", () => {
  it("is declared for every deliverable, and each declared item exists in the pack", () => {
    expect([...COVERED_DELIVERABLES].sort()).toEqual([...DELIVERABLE_IDS].sort());
    for (const id of DELIVERABLE_IDS) expect(deliverableItems(pack, id).length).toBeGreaterThan(0);
  });
  it("takes the go/no-go record's items up to the decision, not the roll-out and closure after it", () => {
    const ids = deliverableItems(pack, "go-no-go").map((c) => c.item.id);
    expect(ids).toContain("deployment.uat-results");
    expect(ids).toContain("deployment.go-live-date");
    expect(ids).not.toContain("deployment.task-close-out");
  });
  it("gives the RFP the requirements and RFP dates it prints, not the vendors' answers nor the task of sending it", () => {
    const ids = deliverableItems(pack, "rfp").map((c) => c.item.id);
    expect(ids).toEqual(expect.arrayContaining(["requirements.register", "selection.rfp-issue-date", "selection.rfp-due-date", "selection.demo-scripts", "selection.evaluation-weights"]));
    expect(ids).not.toContain("selection.vendor-responses");
    expect(ids).not.toContain("selection.task-rfp");
    expect(ids).not.toContain("selection.decision-reasons");
  });
  it("gives the scope document the goals and roadmap it prints but not the change plan's own sections", () => {
    const ids = deliverableItems(pack, "scope-document").map((c) => c.item.id);
    expect(ids).toEqual(expect.arrayContaining(["requirements.register", "goals.register", "goals.roadmap", "team.members"]));
    expect(ids).not.toContain("requirements.communication-plan");
  });
});

describe("open items", () => {
  it("lists a required item that is unanswered with its heading and the step where it is answered; not once answered", () => {
    const open = openItems(pack, 7, toAnswers(consistent()), "go-no-go");
    const rationale = open.find((o) => o.itemId === "deployment.go-rationale")!;
    expect(rationale.link).toBe(step("deployment.go-rationale"));
    expect(rationale.title.en).toBeTruthy();
    expect(open.map((o) => o.itemId)).not.toContain("deployment.go-decision");
    expect(open.map((o) => o.itemId)).not.toContain("deployment.uat-results");
  });
  it("counts a register below its minimum of rows as open, with how many rows it has", () => {
    const groups = openItems(pack, 7, toAnswers(consistent()), "change-management-plan").find((o) => o.itemId === "requirements.impacted-groups");
    expect(groups?.rows).toEqual({ have: 0, need: expect.any(Number) });
  });
});

describe("contradictions", () => {
  it("a consistent project has none", () => {
    expect(found(consistent())).toEqual([]);
  });

  it("a go/no-go decision dated after go-live, with a link to the decision date", () => {
    const [c] = found(change((d) => (d.answers["deployment.go-decision-date"] = "2026-04-25")));
    expect(c).toMatchObject({ rule: "decision-after-go-live", link: step("deployment.go-decision-date") });
    expect(contradictionMessage(c!, "en")).toBe("The go/no-go decision is dated 25 April 2026, after the go-live date 20 April 2026.");
    expect(contradictionMessage(c!, "fa")).toContain("۵ اردیبهشت ۱۴۰۵");
  });

  it("a go-live before the requirements kickoff", () => {
    expect(rules(change((d) => (d.answers["deployment.go-live-date"] = "2025-10-01")))).toContain("go-live-before-kickoff");
  });

  it("a scope approved before the kickoff", () => {
    const c = found(change((d) => (d.answers["requirements.scope-approval-date"] = "2025-10-01")));
    expect(c).toMatchObject([{ rule: "scope-approved-before-kickoff", link: step("requirements.scope-approval-date") }]);
  });

  it.each([
    ["deployment.task-uat-pilot", "todo", (d: Data) => d],
    ["deployment.task-train-users", "in-progress", (d: Data) => d],
    ["deployment.task-final-migration", "todo", (d: Data) => d],
    ["deployment.task-support-plan", "todo", (d: Data) => d],
    ["deployment.task-go-decision", "todo", (d: Data) => d],
  ])("%s marked %s beside the records that show it done", (taskId, status) => {
    const c = found(change((d) => (d.answers[taskId] = task(status))));
    expect(c).toMatchObject([{ rule: "task-open-but-done", variant: status, link: step(taskId) }]);
  });

  it("a task marked to do is no contradiction while its records are missing or not done", () => {
    expect(rules(change((d) => ((d.answers["deployment.task-train-users"] = task("todo")), (d.rows["deployment.training-sessions"] = [{ session: "Agents", status: "planned" }]))))).toEqual([]);
    expect(rules(change((d) => ((d.answers["deployment.task-support-plan"] = task("todo")), (d.rows["deployment.support-mechanisms"] = []))))).toEqual([]);
    expect(rules(change((d) => ((d.answers["deployment.task-uat-pilot"] = undefined as unknown as object), (d.rows["deployment.uat-results"] = []))))).toEqual([]);
  });

  it("an unanswered task counts as to do: a recorded UAT run beside it is reported", () => {
    const c = found(change((d) => delete d.answers["deployment.task-uat-pilot"]));
    expect(c.map((x) => x.rule)).toEqual(["task-open-but-done"]);
    expect(contradictionMessage(c[0]!, "en")).toMatch(/is marked To do, but the records show it done: 1 in “/);
  });

  it("a KPI without a baseline or a target, naming the goal", () => {
    const c = found(change((d) => (d.rows["goals.register"]![0]!.baseline = null)));
    expect(c).toMatchObject([{ rule: "kpi-unmeasured", variant: "baseline", link: step("goals.register") }]);
    expect(contradictionMessage(c[0]!, "en")).toBe("The KPI “\u2068Days to close a case\u2069” of the goal “\u2068Faster service\u2069” has no baseline.");
    expect(found(change((d) => ((d.rows["goals.register"]![0]!.baseline = null), (d.rows["goals.register"]![0]!.target = null))))[0]?.variant).toBe("both");
  });

  it("a roadmap stage ending before it starts, and stages overlapping out of order", () => {
    expect(rules(change((d) => (d.rows["goals.roadmap"]![1]!.end = "2026-06-01")))).toEqual(["stage-ends-before-start"]);
    expect(rules(change((d) => (d.rows["goals.roadmap"]![1]!.start = "2026-03-01")))).toEqual(["stages-overlap"]);
  });

  it("adoption: more active users than licensed, and figures before go-live", () => {
    expect(rules(change((d) => (d.rows["review.adoption"]![0]!.active = 30)))).toEqual(["adoption-above-licensed"]);
    expect(rules(change((d) => (d.rows["review.adoption"]![0]!.period = "2026-03-01")))).toEqual(["adoption-before-go-live"]);
  });

  it("a review dated before go-live", () => {
    const c = found(change((d) => (d.answers["review.review-date"] = "2026-04-01")));
    expect(c).toMatchObject([{ rule: "review-before-go-live", variant: "review", link: step("review.review-date") }]);
    expect(contradictionMessage(c[0]!, "en")).toBe("The post-launch review is dated 1 April 2026, before the go-live date 20 April 2026.");
  });

  it("a signed phase whose content changed since sign-off, linked to the phase", () => {
    expect(found(consistent(), [{ phaseId: "requirements", changedSinceSignoff: false }])).toEqual([]);
    expect(found(consistent(), [{ phaseId: "requirements", changedSinceSignoff: true }])).toMatchObject([{ rule: "changed-since-signoff", link: "/projects/7/phases/requirements", phaseId: "requirements" }]);
  });

  it("go with conditions without any condition; an unconditional go beside a failed UAT run", () => {
    expect(rules(change((d) => (d.answers["deployment.go-decision"] = "go-with-conditions")))).toEqual(["go-without-conditions"]);
    expect(rules(change((d) => d.rows["deployment.uat-results"]!.push({ run: "Run 2", result: "failed", severity: "critical" })))).toEqual(["go-despite-failed-uat"]);
  });
});

describe("the check per deliverable", () => {
  const defs = DELIVERABLES.map((d) => ({ id: d.id, phaseId: d.phaseId }));
  const check = (d: Data, gates: GateFacts[] = []) => new Map(sendCheck({ pack, projectId: 7, data: toAnswers(d), gates, deliverables: defs }).map((c) => [c.id, c]));

  it("shows a contradiction in the deliverables that print what it is about, and says so in the verdict", () => {
    const c = check(change((d) => (d.answers["deployment.go-decision-date"] = "2026-04-25")));
    expect(c.get("go-no-go")!.verdict).toBe("contradictions");
    expect(c.get("vision-minutes")!.contradictions).toEqual([]);
    expect(c.get("scope-document")!.contradictions).toEqual([]);
    // The review report prints the go-live date but not the decision: not its contradiction.
    expect(c.get("post-launch-review")!.contradictions).toEqual([]);
  });
  it("adoption figures before go-live show in the review report, not in the go/no-go record that also prints the go-live date", () => {
    const c = check(change((d) => (d.rows["review.adoption"]![0]!.period = "2026-03-01")));
    expect(c.get("post-launch-review")!.contradictions.map((x) => x.rule)).toEqual(["adoption-before-go-live"]);
    expect(c.get("go-no-go")!.contradictions).toEqual([]);
  });
  it("a KPI without baseline shows in the scope document and the review report; a changed signed phase in the documents that print its sign-off", () => {
    const c = check(change((d) => (d.rows["goals.register"]![0]!.target = "")), [{ phaseId: "requirements", changedSinceSignoff: true }]);
    expect(c.get("scope-document")!.contradictions.map((x) => x.rule).sort()).toEqual(["changed-since-signoff", "kpi-unmeasured"]);
    expect(c.get("post-launch-review")!.contradictions.map((x) => x.rule)).toEqual(["kpi-unmeasured"]);
    expect(c.get("change-management-plan")!.contradictions.map((x) => x.rule)).toEqual(["changed-since-signoff"]);
  });
  it("without contradictions, a deliverable with open items is 'ready with open items', in both languages", () => {
    const [view] = sendCheckView([check(consistent()).get("vision-minutes")!], "fa");
    expect(view!.verdict).toBe("open-items");
    expect(view!.verdictLabel).toBe("آماده، با موارد باز");
    expect(view!.summary).toMatch(/[۰-۹]/);
    expect(sendCheckView([check(consistent()).get("vision-minutes")!], "en")[0]!.verdictLabel).toBe("Ready, with open items");
  });
});
