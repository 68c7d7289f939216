/**
 * A pack's thresholds are checked when it loads (decision 035): every one a
 * part of the pack reads is declared, and each says honestly whose number it
 * is — a Gambegam default quotes no source, a source's number says what the
 * source says.
 */
import { describe, expect, it } from "vitest";
import { getPacks } from "./registry.ts";
import { checkReferences } from "./load.ts";
import type { Pack } from "./schema.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const variant = (change: (p: Pack) => void): Pack => {
  const p = structuredClone(pack);
  change(p);
  return p;
};
const problems = (p: Pack) => {
  try {
    checkReferences(p, "test");
    return "";
  } catch (e) {
    return (e as Error).message;
  }
};

describe("thresholds when a pack loads", () => {
  it("the built-in pack passes", () => expect(problems(pack)).toBe(""));

  it("a part that reads an undeclared threshold is refused, naming it", () => {
    expect(problems(variant((p) => (p.thresholds = p.thresholds.filter((t) => t.id !== "decided-segments"))))).toContain(
      "healthCheck rule 'requirements-before-strategy' reads threshold 'decided-segments', which is not declared under 'thresholds'",
    );
    expect(problems(variant((p) => (p.postLaunchReview!.adoptionReference[0]!.threshold = "nope")))).toContain("postLaunchReview reads threshold 'nope'");
  });

  it("Gambegam's default quoting a source, or a source's number without what it says, is refused", () => {
    expect(problems(variant((p) => (p.thresholds.find((t) => t.id === "first-stage-share")!.sourceSays = { fa: "x", en: "x" })))).toContain("threshold 'first-stage-share': Gambegam's own default has no 'sourceSays'");
    expect(problems(variant((p) => delete p.thresholds.find((t) => t.id === "adoption-after-a-year")!.sourceSays))).toContain("threshold 'adoption-after-a-year': a number from a source says what the source says");
  });

  it("an adoption reference must be a percent, and a threshold's rules must exist", () => {
    expect(problems(variant((p) => (p.thresholds.find((t) => t.id === "adoption-after-a-year")!.unit = "days")))).toContain("threshold 'adoption-after-a-year' must be a percent");
    expect(problems(variant((p) => p.thresholds[0]!.rules.push("no-such-rule")))).toContain("is used by rule 'no-such-rule'");
  });
});
