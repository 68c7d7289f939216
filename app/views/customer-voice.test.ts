import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";
import { customerVoices } from "./customer-voice.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const data = (rows: Array<Record<string, string | number | null>>): ProjectAnswers => ({
  answers: new Map(),
  rows: new Map([["vision.customer-research", rows.map((cells, i) => ({ id: 50 + i, cells }))]]),
});
const LONG = "They want one person to call. ".repeat(20).trim();

describe("what customers said, beside the answers it informs", () => {
  it("groups findings by the answer they inform, with method, how many, date and the findings in short", () => {
    const v = customerVoices(pack, data([
      { segment: "Chains", method: "interview", customers: 8, date: "2026-11-08", findings: "One account manager.", informs: "vision.value-proposition" },
      { segment: "", method: "survey", customers: 146, date: null, findings: LONG, informs: "vision.value-proposition" },
      { segment: "Shops", method: "complaint-analysis", customers: null, date: "2026-11-04", findings: "Late deliveries.", informs: "vision.complaining-customers" },
      { segment: "Nobody's answer", method: "other", customers: 1, date: null, findings: "Unlinked.", informs: null },
    ]), "en");
    expect(Object.keys(v).sort()).toEqual(["vision.complaining-customers", "vision.value-proposition"]);
    const [first, second] = v["vision.value-proposition"]!;
    expect(first).toEqual({ rowId: 50, segment: "Chains", method: "Interview", customers: "8", date: "8 November 2026", findings: "One account manager." });
    expect(second!.method).toBe("Survey");
    expect(second!.findings.length).toBeLessThanOrEqual(241);
    expect(second!.findings.endsWith("…")).toBe(true);
    expect(v["vision.complaining-customers"]![0]!.customers).toBeNull();
  });

  it("speaks Persian with Persian digits", () => {
    const v = customerVoices(pack, data([{ segment: "زنجیره‌ها", method: "survey", customers: 146, date: "2026-11-06", findings: "ویزیت در روز ثابت.", informs: "vision.why-stay" }]), "fa");
    const note = v["vision.why-stay"]![0]!;
    expect(note.method).toBe("نظرسنجی");
    expect(note.customers).toBe("۱۴۶");
    expect(note.date).toMatch(/[۰-۹]/);
  });

  it("an answer with no research gets nothing; a pack without the register gives nothing", () => {
    expect(customerVoices(pack, data([]), "en")).toEqual({});
    expect(customerVoices({ ...pack, planning: { ...pack.planning!, customerResearch: undefined } }, data([{ method: "survey", findings: "x", informs: "vision.why-stay" }]), "en")).toEqual({});
  });
});
