import { describe, expect, test } from "vitest";
import { checklistValueSchema, isoToJalaliInput, parseDateInput, questionValueSchema, registerRowSchema, suggestionCells, suggestionsToOffer, toLatinDigits } from "./values.ts";
import type { QuestionItem, RegisterItem } from "./schema.ts";

const q = (answer: QuestionItem["answer"]): QuestionItem => ({
  id: "x.q",
  kind: "question",
  title: { fa: "پ", en: "Q" },
  source: "s",
  tags: [],
  required: false,
  answer,
});

describe("dates typed by Persian and English users", () => {
  test("a Jalali date in Persian digits is stored as the Gregorian ISO date", () => {
    expect(parseDateInput("۱۴۰۵/۰۹/۰۲")).toBe("2026-11-23");
    expect(parseDateInput("1405/1/1")).toBe("2026-03-21");
  });
  test("an ISO date is kept", () => {
    expect(parseDateInput("2026-11-23")).toBe("2026-11-23");
  });
  test("impossible dates are refused", () => {
    expect(parseDateInput("2026-02-30")).toBeNull();
    expect(parseDateInput("1405/12/31")).toBeNull(); // 1405 is not a leap year
    expect(parseDateInput("tomorrow")).toBeNull();
    expect(parseDateInput("1405/13/01")).toBeNull();
  });
  test("round trip to the Jalali input form", () => {
    expect(isoToJalaliInput("2026-11-23")).toBe("1405/09/02");
  });
});

describe("answers derived from question types", () => {
  test("numbers accept Persian digits and separators", () => {
    expect(toLatinDigits("۱۲٬۵۰۰٫۵")).toBe("12,500.5");
    expect(questionValueSchema(q({ type: "number", integer: false })).parse("۱۲٬۵۰۰٫۵")).toBe(12500.5);
  });
  test("numbers out of range or not numbers are refused with a message key", () => {
    const s = questionValueSchema(q({ type: "number", min: 0, max: 100, integer: true }));
    expect(s.safeParse("101").error?.issues[0]?.message).toMatch(/^validation\.tooLarge/);
    expect(s.safeParse("3.5").error?.issues[0]?.message).toBe("validation.notAnInteger");
    expect(s.safeParse("12abc").error?.issues[0]?.message).toBe("validation.notANumber");
    expect(s.parse("")).toBeNull();
  });
  test("the forms of a number are those of before issue 16, and a number longer than 100 characters is refused as too long", () => {
    const s = questionValueSchema(q({ type: "number", integer: false }));
    for (const ok of ["5", "-5", "+5", ".5", "5.5", "1e3", "1E-3", "-.5e+2", " 12 ", "۰۰۱٫۵"]) expect(s.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["5.", "e3", "1e", "--5", "1.2.3", "0x10", "0b1", "Infinity", "5..5"]) expect(s.safeParse(bad).error?.issues[0]?.message, bad).toBe("validation.notANumber");
    expect(s.parse(`${"0".repeat(98)}12`)).toBe(12);
    expect(s.safeParse(`${"0".repeat(99)}12`).error?.issues[0]?.message).toBe('validation.tooLong|{"max":100}');
    expect(parseDateInput(`1405/01/01${" ".repeat(100)}`)).toBeNull();
  });
  test("text longer than the item allows is refused", () => {
    const s = questionValueSchema(q({ type: "short-text", maxLength: 5 }));
    expect(s.safeParse("abcdef").success).toBe(false);
    expect(s.safeParse("ab\ncd").success).toBe(false);
    expect(s.parse("سلام")).toBe("سلام");
  });
  test("choices accept only their options; multiple choices keep each once", () => {
    const options = [
      { id: "a", label: { fa: "الف", en: "A" } },
      { id: "b", label: { fa: "ب", en: "B" } },
    ];
    expect(questionValueSchema(q({ type: "choice", multiple: false, options })).safeParse("c").success).toBe(false);
    expect(questionValueSchema(q({ type: "choice", multiple: true, options })).parse(["a", "b", "a"])).toEqual(["a", "b"]);
  });
  test("scales accept whole points within their range", () => {
    const s = questionValueSchema(q({ type: "scale", min: 1, max: 5 }));
    expect(s.parse("۴")).toBe(4);
    expect(s.safeParse("6").success).toBe(false);
  });
  test("checklist tasks default to 'to do' and refuse unknown statuses", () => {
    expect(checklistValueSchema.parse({ owner: "سارا", dueDate: "۱۴۰۵/۰۹/۱۰", status: "", evidence: "" })).toEqual({
      owner: "سارا",
      dueDate: "2026-12-01",
      status: "todo",
      evidence: "",
    });
    expect(checklistValueSchema.safeParse({ status: "finished" }).success).toBe(false);
  });
});

describe("register rows", () => {
  const reg: RegisterItem = {
    id: "x.r",
    kind: "register",
    workbenchOnly: false,
    title: { fa: "ج", en: "T" },
    source: "s",
    tags: [],
    required: false,
    minRows: 1,
    maxRows: 10,
    suggestions: [],
    columns: [
      { id: "name", type: "text", required: true, maxLength: 50, label: { fa: "نام", en: "Name" } },
      { id: "when", type: "date", required: false, label: { fa: "کی", en: "When" } },
    ],
  };
  test("a suggestion is adopted in the reader's language and, once a row says it in either language, no longer offered", () => {
    const withSuggestions: RegisterItem = {
      ...reg,
      suggestions: [{ name: { fa: "ریسک داده", en: "Data risk" }, when: "2027-01-01" }, { name: { fa: "هزینه", en: "Cost" } }, { name: "KPI-7" }],
    };
    expect(suggestionCells(withSuggestions.suggestions[0]!, "fa")).toEqual({ name: "ریسک داده", when: "2027-01-01" });
    expect(suggestionCells(withSuggestions.suggestions[0]!, "en")).toEqual({ name: "Data risk", when: "2027-01-01" });
    expect(suggestionsToOffer(withSuggestions, [])).toEqual([0, 1, 2]);
    expect(suggestionsToOffer(withSuggestions, [{ cells: { name: " data RISK " } }, { cells: { name: "هزینه" } }])).toEqual([2]);
    expect(suggestionsToOffer(withSuggestions, [{ cells: { name: "kpi-7" } }])).toEqual([0, 1]);
  });
  test("a required column left empty is refused on that column", () => {
    const r = registerRowSchema(reg).safeParse({ name: "  ", when: "" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["name"]);
  });
  test("typed cells are normalised", () => {
    expect(registerRowSchema(reg).parse({ name: "Ali", when: "۱۴۰۵/۰۱/۰۱" })).toEqual({ name: "Ali", when: "2026-03-21" });
  });
});
