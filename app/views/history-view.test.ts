import { describe, expect, test } from "vitest";
import fa from "#app/locales/fa.json";
import { i18nFor } from "#app/i18n.ts";
import { historyPredicate, SHORTEN_AT, shorten } from "./history-view.server.ts";

describe("a long value in the history is shortened", () => {
  test("up to the limit it is shown whole", () => {
    const text = "a".repeat(SHORTEN_AT);
    expect(shorten(text)).toEqual({ text, whole: null });
  });

  test("one character over: cut, with an ellipsis and the whole length", () => {
    const text = "a".repeat(SHORTEN_AT + 1);
    const s = shorten(text);
    expect(s.whole).toBe(SHORTEN_AT + 1);
    expect(s.text).toBe(`${"a".repeat(SHORTEN_AT)}…`);
  });

  test("cut at the last space near the limit, never inside a word", () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const s = shorten(words);
    expect(s.text.endsWith("…")).toBe(true);
    const kept = s.text.slice(0, -1);
    expect(words.startsWith(kept)).toBe(true);
    expect(words[kept.length]).toBe(" ");
    expect(Array.from(kept).length).toBeLessThanOrEqual(SHORTEN_AT);
    expect(Array.from(kept).length).toBeGreaterThan(SHORTEN_AT * 0.7);
  });

  test("Persian text and emoji are counted as characters, and none is split", () => {
    const text = "😀".repeat(SHORTEN_AT) + "مشتری";
    const s = shorten(text);
    expect(s.whole).toBe(SHORTEN_AT + 5);
    expect(Array.from(s.text)).toHaveLength(SHORTEN_AT + 1);
    expect(s.text).not.toContain("\uFFFD");
    expect(s.text.slice(0, -1)).toBe("😀".repeat(SHORTEN_AT));
  });
});

describe("a history line reads as a sentence with the doer first (glossary style)", () => {
  const sentence = (lang: "fa" | "en", action: string, what: string) => {
    const p = historyPredicate(action, what, i18nFor(lang).t);
    return `سارا احمدی ${p.lead}${p.what ?? ""}${p.tail}`;
  };

  test("in Persian the object sits between the doer and the verb, and the verb ends the sentence", () => {
    expect(sentence("fa", "answer.save", "چرا CRM؟")).toBe("سارا احمدی به «چرا CRM؟» پاسخ داد");
    expect(sentence("fa", "signoff.approved", "تشکیل تیم")).toBe("سارا احمدی فاز «تشکیل تیم» را تأیید و امضا کرد");
    expect(sentence("fa", "row.add", "ذی‌نفعان")).toBe("سارا احمدی ردیفی به «ذی‌نفعان» افزود");
  });

  test("every Persian action ends with its verb, with or without an object", () => {
    const actions = Object.keys(fa.history.actions).map((k) => k.replace("-", "."));
    expect(actions.length).toBeGreaterThan(20);
    for (const action of actions) {
      for (const what of ["موضوع", ""]) {
        const p = historyPredicate(action, what, i18nFor("fa").t);
        const line = `${p.lead}${p.what ?? ""}${p.tail}`.trim();
        expect(line, `${action} (${what || "no object"})`).toMatch(/(?:کرد|داد|ساخت|افزود|گرفت|پذیرفت|برداشت|بازگرداند|برگرداند)$/u);
        if (what) expect(p.what, action).toBe(action.replace(".", "-") in fa.history.did ? what : null);
      }
    }
  });

  test("in English the verb follows the doer and the object follows the verb", () => {
    expect(sentence("en", "answer.save", "Why CRM?").replace("سارا احمدی", "Sara Ahmadi")).toBe("Sara Ahmadi answered “Why CRM?”");
  });
});
