import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { RULE_TESTS, healthCheck } from "./health.ts";
import { findItem } from "#methodology/load.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
type Cells = Record<string, string | number | null>;
/** `signed`: the phases signed off (left out: the caller does not say, as older callers do not). */
type Data = { rows: Record<string, Cells[]>; answers: Record<string, unknown>; signed?: string[] };
const BASE: Record<string, number> = { "goals.register": 100, "goals.roadmap": 300, "requirements.register": 400, "goals.touchpoints": 500, "vision.segments": 700, "selection.candidates": 600, "selection.demo-scripts": 800 };
const id = (register: string, n: number) => (BASE[register] ?? 900) + n;
function toAnswers(d: Data): ProjectAnswers {
  return {
    answers: new Map(Object.entries(d.answers).map(([k, value]) => [k, { value }])),
    rows: new Map(Object.entries(d.rows).map(([k, list]) => [k, list.map((cells, i) => ({ id: id(k, i + 1), cells }))])),
  };
}

/**
 * A project that trips no rule: a decided customer strategy, measured goals
 * spread over stages with a low-tech start, a change plan, training, a
 * documented process, a full team and UI sessions with users; a product
 * chosen after the vision and the requirements were signed, demonstrated on
 * the project's script and meeting the must-have requirement.
 */
function healthy(): Data {
  return {
    rows: {
      "vision.segments": [
        { name: "Chains", decision: "invest", "valued-contacts": "Quarterly meeting", "must-not": "Bulk texts" },
        { name: "Local shops", decision: "manage-costs" },
      ],
      "goals.roadmap": [
        { name: "Stage 1", start: "2027-01-01", end: "2027-06-30", "technology-level": "low-tech" },
        { name: "Stage 2", start: "2027-07-01", end: "2027-12-31", "technology-level": "mid-tech" },
      ],
      "goals.register": [
        { goal: "Less churn", kpi: "Churn", baseline: 18, target: 10, stage: id("goals.roadmap", 1), "target-date": "2027-06-01", "tech-level": "low-tech" },
        { goal: "Faster complaints", kpi: "Days", baseline: 9, target: 3, stage: id("goals.roadmap", 2), "target-date": "2027-12-01", "tech-level": "high-tech" },
      ],
      "goals.touchpoints": [
        { touchpoint: "Visit", segment: id("vision.segments", 1), "initiated-by": "us", consent: "given" },
        { touchpoint: "Complaint call", segment: id("vision.segments", 2), "initiated-by": "customer", consent: "not-needed" },
      ],
      "requirements.register": [{ requirement: "Customer file", goal: id("goals.register", 1), priority: "must" }],
      "requirements.current-processes": [{ process: "Order taking" }],
      "requirements.impacted-groups": [{ group: "Sales reps" }],
      "requirements.communication-plan": [{ audience: "All staff" }],
      "requirements.training-scope": [{ audience: "Sales reps" }],
      "requirements.customisations": [{ "screen-workflow": "Visit screen", "requested-by": "A sales rep" }],
      "team.members": pack.team!.roles.map((r) => ({ name: r.id, role: r.id })),
      "team.co-owners": [{ name: "Head of sales", unit: "sales" }, { name: "crm-technology-manager", unit: "it" }],
      "team.champions": [{ name: "A trusted sales rep" }],
      "customisation.design-sessions": [{ session: "Visit screen", kind: "design-session" }],
      "vision.customer-research": [{ method: "interview", customers: 12, findings: "They want one contact person.", informs: "vision.value-proposition" }],
      "selection.candidates": [
        { name: "Alpha CRM", kind: "product", status: "chosen" },
        { name: "Beta CRM", kind: "product", status: "short-list" },
      ],
      "selection.vendor-responses": [
        { vendor: id("selection.candidates", 1), requirement: id("requirements.register", 1), fit: "standard" },
        { vendor: id("selection.candidates", 2), requirement: id("requirements.register", 1), fit: "not-supported" },
      ],
      "selection.demo-scripts": [{ script: "Open a customer file" }],
      "selection.demo-scores": [{ vendor: id("selection.candidates", 1), script: id("selection.demo-scripts", 1), scorer: "Sara", score: 4 }],
    },
    signed: ["team", "vision", "goals", "requirements"],
    answers: {
      ...Object.fromEntries(pack.planning!.strategyQuestions.map((q) => [q, "Answered."])),
      "requirements.task-ui-sessions": { owner: "", dueDate: null, status: "done", evidence: "" },
    },
  };
}
const signedOf = (d: Data) => (d.signed ? new Map(d.signed.map((id) => [id, "signed"])) : undefined);
const fired = (d: Data) => healthCheck(pack, toAnswers(d), signedOf(d))!.findings.map((f) => f.rule.id);
const change = (mutate: (d: Data) => void) => {
  const d = healthy();
  mutate(d);
  return d;
};

/** For each rule: a change to the healthy project that makes it fire (and only it, where the data allows). */
const FIRING: Record<string, (d: Data) => void> = {
  "requirements-before-strategy": (d) => (d.rows["vision.segments"] = [{ name: "Chains", decision: "invest", "valued-contacts": "x", "must-not": "y" }]),
  "segments-undecided": (d) => d.rows["vision.segments"]!.push({ name: "Wholesalers" }),
  "strategy-questions-open": (d) => delete d.answers["vision.loyalty-value"],
  "no-change-management": (d) => (d.rows["requirements.impacted-groups"] = []),
  "no-communication-plan": (d) => (d.rows["requirements.communication-plan"] = []),
  "no-training-plan": (d) => (d.rows["requirements.training-scope"] = []),
  "high-tech-only": (d) => (d.rows["goals.register"]![0]!["tech-level"] = "high-tech"),
  "first-stage-high-tech": (d) => (d.rows["goals.roadmap"]![0]!["technology-level"] = "high-tech"),
  "contact-without-strategy": (d) => (d.rows["goals.touchpoints"]![0]!.consent = "unknown"),
  "relationship-approach-missing": (d) => (d.rows["vision.segments"]![0]!["must-not"] = ""),
  "goals-unmeasured": (d) => (d.rows["goals.register"]![1]!.baseline = null),
  "roadmap-overnight": (d) => (d.rows["goals.register"]![1]!["target-date"] = "2027-06-15"),
  "requirements-without-goal": (d) => d.rows["requirements.register"]!.push({ requirement: "Stray" }),
  "processes-not-documented": (d) => (d.rows["requirements.current-processes"] = []),
  "team-incomplete": (d) => d.rows["team.members"]!.shift(),
  "ui-without-end-users": (d) => (d.answers["requirements.task-ui-sessions"] = { owner: "", dueDate: null, status: "in-progress", evidence: "" }),
  "no-customer-research": (d) => (d.rows["vision.customer-research"] = []),
  "customisation-without-owners": (d) => (d.rows["team.champions"] = []),
  "owned-by-it": (d) => (d.rows["team.co-owners"] = [{ name: "CIO", unit: "it" }]),
  "vendor-chosen-before-strategy": (d) => (d.signed = ["team", "vision", "goals"]),
  "vendor-without-demo": (d) => (d.rows["selection.demo-scores"] = []),
  "must-have-unmet": (d) => (d.rows["selection.vendor-responses"]![0]!.fit = "not-supported"),
};

describe("health check", () => {
  it("every rule of the pack has a test in code, and every test in code a rule in the pack", () => {
    expect(Object.keys(RULE_TESTS).sort()).toEqual(pack.healthCheck!.rules.map((r) => r.id).sort());
    expect(Object.keys(FIRING).sort()).toEqual(pack.healthCheck!.rules.map((r) => r.id).sort());
  });

  it("a healthy project has no finding; every checkable concern is ok and the rest say they are not checked", () => {
    const report = healthCheck(pack, toAnswers(healthy()), signedOf(healthy()))!;
    expect(report.findings).toEqual([]);
    expect(report.counts.total).toBe(0);
    expect(report.concerns.filter((c) => c.status === "not-checked").map((c) => c.concern.id)).toEqual(["factor-8"]);
    expect(report.concerns.filter((c) => c.status === "ok")).toHaveLength(13);
  });

  for (const [ruleId, mutate] of Object.entries(FIRING)) {
    it(`${ruleId}: fires on its own condition`, () => {
      expect(fired(change(mutate))).toEqual([ruleId]);
    });
  }

  it("findings name what they found: goals, segments, touchpoints, roles", () => {
    const report = healthCheck(pack, toAnswers(change((d) => {
      d.rows["goals.register"]![1]!.kpi = "";
      d.rows["goals.touchpoints"]![0]!.consent = "unknown";
      d.rows["team.members"]!.shift();
    })))!;
    const subjects = (rule: string) => report.findings.find((f) => f.rule.id === rule)!.subjects;
    expect(subjects("goals-unmeasured")).toEqual(["Faster complaints"]);
    expect(subjects("contact-without-strategy")).toEqual(["Visit"]);
    expect(subjects("team-incomplete")).toEqual([pack.team!.roles[0]!.title]);
  });

  it("touchpoints we start are fine only for a decided, non-divested segment with consent", () => {
    const withTouch = (cells: Cells) => fired(change((d) => (d.rows["goals.touchpoints"] = [cells])));
    expect(withTouch({ touchpoint: "Call", segment: id("vision.segments", 1), "initiated-by": "us", consent: "given" })).toEqual([]);
    expect(withTouch({ touchpoint: "Call", segment: null, "initiated-by": "us", consent: "given" })).toEqual(["contact-without-strategy"]);
    expect(withTouch({ touchpoint: "Call", segment: id("vision.segments", 1), "initiated-by": "us", consent: "" })).toEqual(["contact-without-strategy"]);
    expect(withTouch({ touchpoint: "Call", segment: null, "initiated-by": "customer", consent: "" })).toEqual([]);
  });

  it("rules about plans wait until planning has started: an empty project only lacks its team and strategy", () => {
    const ids = fired({ rows: {}, answers: {} });
    expect(ids).toEqual(["team-incomplete"]);
  });

  it("no customer research: medium while the vision is open, high once the vision phase is awaiting or signed", () => {
    const d = toAnswers(change(FIRING["no-customer-research"]!));
    const severity = (status?: string) => healthCheck(pack, d, status ? new Map([["vision", status]]) : undefined)!.findings.find((f) => f.rule.id === "no-customer-research")!.severity;
    expect(severity()).toBe("medium");
    expect(severity("open")).toBe("medium");
    expect(severity("awaiting")).toBe("high");
    expect(severity("signed")).toBe("high");
    expect(healthCheck(pack, d, new Map(["team", "vision", "goals", "requirements"].map((id) => [id, "signed"])))!.counts.high).toBe(1);
  });

  it("no customer research waits until the vision or strategy has answers", () => {
    expect(fired({ rows: {}, answers: { "vision.why-crm": "To keep customers." } })).toContain("no-customer-research");
    expect(fired({ rows: {}, answers: {} })).not.toContain("no-customer-research");
  });

  it("customisation without owners names what is missing, and waits until customisation has started", () => {
    const report = (mutate: (d: Data) => void) => healthCheck(pack, toAnswers(change(mutate)))!.findings.find((f) => f.rule.id === "customisation-without-owners");
    const both = report((d) => {
      d.rows["team.co-owners"] = [];
      d.rows["team.champions"] = [];
    });
    expect(both!.subjects).toEqual([findItem(pack, "team.co-owners")!.title, findItem(pack, "team.champions")!.title]);
    expect(report((d) => {
      d.rows["team.champions"] = [];
      d.rows["customisation.design-sessions"] = [];
    })).toBeUndefined();
    // Any answer in the customisation phase counts as started, not only the design sessions.
    expect(report((d) => {
      d.rows["team.champions"] = [];
      d.rows["customisation.design-sessions"] = [];
      d.answers["customisation.task-ui-workflow"] = { owner: "", dueDate: null, status: "in-progress", evidence: "" };
    })).toBeDefined();
  });

  it("owned by IT: co-owners all from IT, or the only co-owner is the CRM technology manager, whatever unit is written", () => {
    const owners = (rows: Cells[]) => fired(change((d) => (d.rows["team.co-owners"] = rows)));
    expect(owners([{ name: "CIO", unit: "it" }, { name: "IT lead", unit: "it" }])).toEqual(["owned-by-it"]);
    expect(owners([{ name: "crm-technology-manager", unit: "sales" }])).toEqual(["owned-by-it"]);
    expect(owners([{ name: "Sara", unit: "marketing" }])).toEqual([]);
    expect(owners([{ name: "Sara", unit: "service" }, { name: "CIO", unit: "it" }])).toEqual([]);
    // No co-owner at all is the customisation rule's finding once customisation starts, not this one.
    expect(owners([])).toEqual(["customisation-without-owners"]);
  });

  it("findings come most severe first, and the counts add up", () => {
    const report = healthCheck(pack, toAnswers(change((d) => {
      d.rows["vision.segments"]![0]!["must-not"] = "";
      d.rows["requirements.training-scope"] = [];
      d.rows["goals.roadmap"]![0]!["technology-level"] = "high-tech";
    })))!;
    expect(report.findings.map((f) => f.rule.severity)).toEqual(["high", "medium", "low"]);
    expect(report.counts).toEqual({ high: 1, medium: 1, low: 1, total: 3 });
  });

  describe("software and partner selection (factors 2 and 7)", () => {
    const report = (d: Data) => healthCheck(pack, toAnswers(d), signedOf(d))!;
    const subjectsOf = (d: Data, rule: string) => report(d).findings.find((f) => f.rule.id === rule)?.subjects;

    it("a product chosen, or a decision dated, while the vision or the requirements phase is not signed: names the unsigned phases", () => {
      const phaseTitle = (id: string) => pack.phases.find((p) => p.id === id)!.title;
      expect(subjectsOf(change((d) => (d.signed = ["team", "goals"])), "vendor-chosen-before-strategy")).toEqual([phaseTitle("vision"), phaseTitle("requirements")]);
      // a decision date alone (nothing marked chosen yet) is a choice too
      const dated = change((d) => {
        d.signed = ["team", "vision", "goals"];
        d.rows["selection.candidates"]![0]!.status = "short-list";
        d.answers["selection.decision-date"] = "2027-02-01";
      });
      expect(subjectsOf(dated, "vendor-chosen-before-strategy")).toEqual([phaseTitle("requirements")]);
      // a short list before the sign-offs is fine: only the choice waits
      expect(fired(change((d) => {
        d.signed = ["team"];
        d.rows["selection.candidates"]![0]!.status = "short-list";
        d.rows["selection.demo-scores"] = [];
      }))).toEqual([]);
    });

    it("a caller that does not say which phases are signed gets no sign-off finding (older callers keep working)", () => {
      const d = change((x) => (x.signed = ["team"]));
      expect(healthCheck(pack, toAnswers(d))!.findings.map((f) => f.rule.id)).toEqual([]);
    });

    it("a chosen product with no demo scores on the project's scripts is named", () => {
      expect(subjectsOf(change((d) => (d.rows["selection.demo-scores"] = [])), "vendor-without-demo")).toEqual(["Alpha CRM"]);
      // scores of a script that is no longer on the list do not count
      expect(subjectsOf(change((d) => (d.rows["selection.demo-scores"]![0]!.script = 999)), "vendor-without-demo")).toEqual(["Alpha CRM"]);
    });

    it("a must-have the chosen product does not support (or did not answer) is named by its number, until the team writes a remedy", () => {
      const gap = change((d) => (d.rows["selection.vendor-responses"]![0]!.fit = "not-supported"));
      expect(subjectsOf(gap, "must-have-unmet")).toEqual(["R1 Customer file"]);
      gap.rows["selection.vendor-responses"]![0]!.remedy = "A custom screen in the first sprint";
      expect(subjectsOf(gap, "must-have-unmet")).toBeUndefined();
      expect(subjectsOf(change((d) => d.rows["selection.vendor-responses"]!.shift()), "must-have-unmet")).toEqual(["R1 Customer file"]);
      // a should-have gap is not a must-have gap
      expect(subjectsOf(change((d) => {
        d.rows["requirements.register"]![0]!.priority = "should";
        d.rows["selection.vendor-responses"]![0]!.fit = "not-supported";
      }), "must-have-unmet")).toBeUndefined();
    });
  });
});
