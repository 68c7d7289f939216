import { describe, expect, it } from "vitest";
import { createMeasurer, textExtentEm, unbreakableTokens } from "./measure.ts";
import { LANDSCAPE_TEXT_WIDTH_TWIPS, columnNeed, distributeWidths, factsWidths, glueUnbreakables, isRecordRegister, planTable } from "./layout.ts";
import { TEXT_WIDTH_TWIPS, persianFontFiles } from "./styles.ts";
import { date } from "./text.ts";

const m = createMeasurer(persianFontFiles());

describe("measuring text with the embedded Vazirmatn", () => {
  it("measures a ZWNJ-joined Persian word as one token, as wide as its two halves drawn joined", () => {
    expect(unbreakableTokens("شاخص‌های کلیدی")).toEqual(["شاخص‌های", "کلیدی"]);
    const whole = m.tokenEm("شاخص‌های", false);
    expect(whole).toBeGreaterThan(m.tokenEm("شاخص", false));
    expect(whole).toBeGreaterThan(m.tokenEm("های", false));
  });

  it("shapes Persian: a joined word is narrower than its letters set apart", () => {
    const joined = m.tokenEm("اردیبهشت", false);
    const apart = [..."اردیبهشت"].reduce((a, ch) => a + m.tokenEm(ch, false), 0);
    expect(joined).toBeLessThan(apart);
  });

  it("sets bold wider than regular", () => {
    expect(m.tokenEm("technology", true)).toBeGreaterThan(m.tokenEm("technology", false));
  });

  it("gives a text's widest token and its widest unbroken line", () => {
    const e = textExtentEm(m, "a technology\nno", false);
    expect(e.minEm).toBeCloseTo(m.tokenEm("technology", false));
    expect(e.prefEm).toBeCloseTo(m.tokenEm("a", false) + m.spaceEm(false) + m.tokenEm("technology", false));
  });

  it("latin runs can be measured with a margin for another brand font", () => {
    const wide = createMeasurer(persianFontFiles(), { latinScale: 1.15 });
    expect(wide.tokenEm("December", false)).toBeCloseTo(m.tokenEm("December", false) * 1.15);
    expect(wide.tokenEm("اردیبهشت", false)).toBeCloseTo(m.tokenEm("اردیبهشت", false));
  });
});

describe("dates, numbers with their unit and scores are not broken", () => {
  it("joins their parts with no-break spaces", () => {
    expect(glueUnbreakables("until 12 December 2027 then")).toBe("until 12\u00A0December\u00A02027 then");
    expect(glueUnbreakables("تا ۱۲ آذر ۱۴۰۶ و")).toBe("تا ۱۲\u00A0آذر\u00A0۱۴۰۶ و");
    expect(glueUnbreakables("40 % of users, ۳ ماه, 4 / 5, ۴ از ۵")).toBe("40\u00A0% of users, ۳\u00A0ماه, 4\u00A0/\u00A05, ۴\u00A0از\u00A0۵");
    expect(glueUnbreakables("no digits here")).toBe("no digits here");
    expect(unbreakableTokens(glueUnbreakables("12 December 2027"))).toHaveLength(1);
  });

  it("a date a document writes is one unbreakable token, in both calendars", () => {
    expect(unbreakableTokens(date("2027-12-12", "en"))).toEqual(["12\u00A0December\u00A02027"]);
    expect(unbreakableTokens(date("2027-12-03", "fa"))).toEqual(["۱۲\u00A0آذر\u00A0۱۴۰۶"]);
  });
});

describe("column widths from the content", () => {
  it("a column's minimum is at least its longest token plus the cell margins", () => {
    const need = columnNeed(m, [{ text: "CRM technology manager" }, { text: "Decemb er", bold: true }]);
    expect(need.min).toBeGreaterThanOrEqual(Math.ceil(m.tokenEm("technology", false) * 180) + 160);
    expect(need.pref).toBeGreaterThan(need.min);
  });

  it("every column gets its minimum, the rest shared by what each still wants, filling the width", () => {
    const needs = [
      { min: 400, pref: 400, fixed: true },
      { min: 1200, pref: 9000 },
      { min: 1500, pref: 2000 },
    ];
    const w = distributeWidths(needs, TEXT_WIDTH_TWIPS);
    expect(w.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH_TWIPS);
    w.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(needs[i]!.min));
    expect(w[0]).toBe(400);
    expect(w[1]! - 1200).toBeGreaterThan(w[2]! - 1500);
  });

  it("a table that wants less than the width gets its preferred widths, the '#' column staying narrow", () => {
    const w = distributeWidths([{ min: 300, pref: 300, fixed: true }, { min: 1000, pref: 2000 }, { min: 1000, pref: 1000 }], TEXT_WIDTH_TWIPS);
    expect(w[0]).toBe(300);
    expect(w[1]).toBeGreaterThan(2000);
    expect(w.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH_TWIPS);
  });

  it("goes landscape when the minimums do not fit a portrait page, and to records past landscape", () => {
    const col = (min: number) => ({ min, pref: min * 3 });
    expect(planTable([col(2000), col(2000)]).layout).toBe("portrait");
    expect(planTable(Array.from({ length: 6 }, () => col(2000))).layout).toBe("landscape");
    const landscape = planTable(Array.from({ length: 6 }, () => col(2000)));
    if (landscape.layout === "landscape") expect(landscape.widths.reduce((a, b) => a + b, 0)).toBe(LANDSCAPE_TEXT_WIDTH_TWIPS);
    expect(planTable(Array.from({ length: 9 }, () => col(2000)), { allowRecords: true }).layout).toBe("records");
  });

  it("a facts table's label column is as wide as its longest label, at most 40%", () => {
    const [label, value] = factsWidths({ min: 900, pref: 1800 }, { min: 1000, pref: 20000 });
    expect(label).toBe(1800);
    expect(label! + value!).toBe(TEXT_WIDTH_TWIPS);
    const [wide] = factsWidths({ min: 900, pref: 9000 }, { min: 1000, pref: 20000 });
    expect(wide).toBe(Math.round(TEXT_WIDTH_TWIPS * 0.4));
  });

  it("a 12-column customer-segments register, five columns of paragraphs, is set as records", () => {
    const segments = ["text", "number", "number", "choice", "number", "number", "long-text", "choice", "long-text", "long-text", "long-text", "text"];
    expect(isRecordRegister(segments)).toBe(true);
    expect(isRecordRegister(["text", "long-text", "choice", "text"])).toBe(false);
    expect(isRecordRegister(["text", "text", "long-text", "text", "number", "number", "number", "choice", "ref", "date", "choice", "long-text"])).toBe(false);
  });
});
