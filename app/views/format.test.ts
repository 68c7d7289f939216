import { describe, expect, test } from "vitest";
import { dateInputValue, formatDate, formatNumber, localDigits } from "./format.ts";

describe("dates and numbers as each language writes them", () => {
  test("Persian shows the Jalali calendar with Persian digits", () => {
    expect(formatDate("2026-11-23", "fa")).toBe("۲ آذر ۱۴۰۵");
    expect(formatDate("2026-03-21", "fa")).toBe("۱ فروردین ۱۴۰۵");
  });
  test("English shows the Gregorian calendar", () => {
    expect(formatDate("2026-11-23", "en")).toBe("23 November 2026");
  });
  test("numbers use the language's digits", () => {
    expect(formatNumber(1234.5, "fa")).toBe("۱٬۲۳۴٫۵");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(localDigits("v1.0.0", "fa")).toBe("v۱.۰.۰");
  });
  test("date fields show a Jalali date to Persian users and ISO to English users", () => {
    expect(dateInputValue("2026-11-23", "fa")).toBe("۱۴۰۵/۰۹/۰۲");
    expect(dateInputValue("2026-11-23", "en")).toBe("2026-11-23");
    expect(dateInputValue(null, "fa")).toBe("");
  });
});
