import { describe, expect, test } from "vitest";
import { SHORTEN_AT, shorten } from "./history-view.server.ts";

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
