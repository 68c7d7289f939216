/**
 * An adoption reference line's date is go-live plus its months in the
 * calendar the reader reads: a year after 1 Khordad 1406 is 1 Khordad 1407
 * (not the Gregorian year added, which lands a day later across 29 Feb 2028).
 */
import { describe, expect, it } from "vitest";
import { referenceLabel } from "./change-views.ts";

const ref = (months: number, date: string) => ({ months, percent: months === 6 ? 80 : 95, label: { en: months === 6 ? "six months after go-live" : "a year after go-live", fa: months === 6 ? "شش ماه پس از استقرار" : "یک سال پس از استقرار" }, date }) as never;

describe("the adoption reference line's date", () => {
  it("in Persian, a year after go-live on ۱۴۰۶/۰۳/۰۱ is ۱۴۰۷/۰۳/۰۱", () => {
    // go-live 2027-05-22 = 1406/03/01; the domain's Gregorian year is 2028-05-22 = 1407/03/02.
    expect(referenceLabel(ref(12, "2028-05-22"), "fa", "2027-05-22")).toContain("۱۴۰۷/۰۳/۰۱");
    expect(referenceLabel(ref(6, "2027-11-22"), "fa", "2027-05-22")).toContain("۱۴۰۶/۰۹/۰۱");
  });
  it("in Persian, the last day of a 31-day month plus six months is the last day of a 30-day month", () => {
    expect(referenceLabel(ref(6, "2028-03-21"), "fa", "2027-09-22")).toContain("۱۴۰۶/۱۲/۲۹"); // 1406/06/31 + 6 months
  });
  it("in English, the Gregorian date", () => {
    expect(referenceLabel(ref(12, "2028-05-22"), "en", "2027-05-22")).toMatch(/22 May 2028|2028-05-22|22\/05\/2028/);
  });
});
