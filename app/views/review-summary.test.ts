import { describe, expect, it } from "vitest";
import type { Adoption, MeasureSeries } from "#app/domain/adoption.ts";
import { getPacks } from "#methodology/registry.ts";
import { reviewSummary } from "./review-summary.ts";

const threshold = getPacks().get("crm-implementation", "1.0.0")!.thresholds.find((t) => t.id === "adoption-after-six-months")!;
const reference = { months: 6, percent: 80, source: "s", threshold, isDefault: true, date: "2027-11-22", label: { fa: "شش ماه پس از استقرار", en: "six months after go-live" } };
const adoption: Adoption = {
  periods: ["2027-08-22", "2027-11-22"],
  series: [],
  overall: [
    { period: "2027-08-22", active: 30, licensed: 65, rate: (30 / 65) * 100 },
    { period: "2027-11-22", active: 49, licensed: 65, rate: (49 / 65) * 100 },
  ],
  goLive: "2027-05-22",
  references: [reference],
  verdict: { kind: "compared", rate: (49 / 65) * 100, months: 6, reference, met: false },
  issues: [],
};
const series = (label: string, progress: number | null, status: MeasureSeries["status"], actual = 0, extra: Partial<MeasureSeries> = {}): MeasureSeries => ({
  key: label,
  label,
  measure: "",
  baseline: 10,
  target: 20,
  baselineText: "10",
  targetText: "20",
  points: [],
  latest: status === "no-data" ? null : { period: "2027-11-22", actual, progress },
  status,
  ...extra,
});
const kpi = [series("Churn", 120, "met"), series("Complaint time", 50, "moving"), series("Share of wallet", -10, "not-moving"), series("Channels", null, "no-data")];
const metrics = [series("Complete contact details", 60, "moving", 70, { measure: "%", target: 90, targetText: "90" }), series("Daily log-ins", 100, "met", 45, { measure: "users" })];

describe("the review report's executive summary", () => {
  it("states adoption against the reference, KPI progress with best and worst, data quality and the decision (en)", () => {
    expect(reviewSummary({ adoption, kpi, metrics, decision: "Stage 2 budget approved." }, "en")).toEqual([
      "In the latest period (22 November 2027) 75.4% of licensed users were active (49 of 65), up from 46.2% on 22 August 2027.",
      "Six months after go-live the reference set for this project is 80%: adoption is behind it.",
      "Of 4 goals, 1 has reached its target, 1 is moving towards it, 1 has not moved from its baseline and 1 has no figures yet.",
      "Furthest ahead: “Churn” (120% of the way from baseline to target); furthest behind: “Share of wallet” (-10%).",
      "Of 2 usage and data-quality indicators, 1 has reached its target; “Complete contact details” stands at 70% against a target of 90%.",
      "Management's decision: Stage 2 budget approved.",
    ]);
  });

  it("writes the same in Persian with Persian digits", () => {
    const fa = reviewSummary({ adoption, kpi, metrics, decision: "" }, "fa");
    expect(fa[0]).toBe("در آخرین دوره (۱ آذر ۱۴۰۶) ۷۵٫۴٪ کاربران دارای مجوز فعال بودند (۴۹ از ۶۵)، در برابر ۴۶٫۲٪ در ۳۱ مرداد ۱۴۰۶.");
    expect(fa[2]).toBe("از ۴ هدف، ۱ هدف به مقدار هدف رسیده، ۱ هدف در حال حرکت به سوی آن است، ۱ هدف از مقدار مبنا جلو نرفته و ۱ هدف هنوز رقمی ندارد.");
    expect(fa).toHaveLength(5);
    expect(fa.join(" ")).not.toMatch(/[0-9]/);
  });

  it("says nothing it has no figures for, and never tells the reader what to enter", () => {
    const none: Adoption = { ...adoption, periods: [], overall: [], verdict: { kind: "no-data" } };
    expect(reviewSummary({ adoption: none, kpi: [], metrics: [], decision: "" }, "en")).toEqual([]);
  });
});
