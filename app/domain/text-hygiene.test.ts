import { describe, expect, test } from "vitest";
import { stripInvisible, stripInvisibleDeep, textChangeMarks, uploadedFileName } from "./text-hygiene.ts";

describe("stripInvisible", () => {
  test("an override cannot make 50001 read 51000: bidi embeddings, overrides, isolates and marks are removed", () => {
    expect(stripInvisible("5\u202E0001")).toBe("50001");
    expect(stripInvisible("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061Cx")).toBe("x");
  });

  test("zero-width spaces, word joiners, byte-order marks, soft hyphens and Hangul fillers are removed", () => {
    expect(stripInvisible("B\u200Ba\u2060n\uFEFFk\u00AD\u180E\u2061\u3164\uFFF9")).toBe("Bank");
  });

  test("every invisible format character (Unicode Cf) is removed, except the few kept on purpose", () => {
    const kept = new Set([0x200c, 0x200d, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06dd, 0x070f, 0x0890, 0x0891, 0x08e2, 0x110bd, 0x110cd]);
    const cf = /^\p{Cf}$/u;
    const notRemoved: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!cf.test(ch) || kept.has(cp) || (cp >= 0xe0020 && cp <= 0xe007f) || cp === 0xe0001) continue;
      if (stripInvisible(`a${ch}b`) !== "ab") notRemoved.push(cp.toString(16));
    }
    expect(notRemoved).toEqual([]);
    // Tag characters outside an emoji flag sequence go too.
    expect(stripInvisible("a\u{E0001}\u{E0041}b")).toBe("ab");
  });

  test("Persian keeps its half-space; emoji keep their joiners and flags; Arabic script keeps a joiner", () => {
    expect(stripInvisible("می\u200Cخواهم")).toBe("می\u200Cخواهم");
    expect(stripInvisible("👩🏽\u200D💻 🏳\uFE0F\u200D🌈")).toBe("👩🏽\u200D💻 🏳\uFE0F\u200D🌈");
    const scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    expect(stripInvisible(`flag ${scotland}`)).toBe(`flag ${scotland}`);
    expect(stripInvisible("ه\u200D")).toBe("ه\u200D");
    // A joiner inside a Latin word or between digits draws nothing: removed.
    expect(stripInvisible("Ba\u200Dnk 1\u200D2")).toBe("Bank 12");
    // Visible spacing and number signs stay.
    expect(stripInvisible("a\u00A0b \u0600۱۲")).toBe("a\u00A0b \u0600۱۲");
  });

  test("text without any of them is returned as it is", () => {
    const s = "پیاده‌سازی CRM مهرگان — Dynamics 365";
    expect(stripInvisible(s)).toBe(s);
  });

  test("a long pathological input is cleaned in linear time", () => {
    const s = "\u200D".repeat(200_000) + "a" + "\u{E0020}".repeat(100_000) + "\u202E".repeat(200_000);
    const t0 = performance.now();
    expect(stripInvisible(s)).toBe("a");
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("stripInvisibleDeep", () => {
  test("cleans every string of a nested value, keeps keys, numbers and nulls, and does not touch the original", () => {
    const input = { name: "x\u202Ey", list: [1, null, "\u2066a\u2069", { deep: ["\u200Bb"] }], ok: true };
    const copy = JSON.parse(JSON.stringify(input));
    expect(stripInvisibleDeep(input)).toEqual({ name: "xy", list: [1, null, "a", { deep: ["b"] }], ok: true });
    expect(input).toEqual(copy);
  });

  test("a __proto__ key of a parsed file stays a key; nesting deeper than the stack is fine", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "\u202Eyes"}}') as Record<string, unknown>;
    const out = stripInvisibleDeep(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect((out as Record<string, { polluted: string }>)["__proto__"]!.polluted).toBe("yes");
    let deep: unknown = "\u202Ez";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let cleaned = stripInvisibleDeep(deep);
    for (let i = 0; i < 100_000; i++) cleaned = (cleaned as unknown[])[0];
    expect(cleaned).toBe("z");
  });
});

describe("textChangeMarks", () => {
  test("a change nobody can see is named: a zero-width character, a half-space, a non-breaking space, a direction control", () => {
    expect(textChangeMarks("Bank", "Ba\u200Bnk")).toEqual([{ kind: "invisible", what: "zero-width", change: "added" }]);
    expect(textChangeMarks("می\u200Cخواهم", "میخواهم")).toEqual([{ kind: "invisible", what: "half-space", change: "removed" }]);
    expect(textChangeMarks("Pari Nazari", "Pari\u00A0Nazari")).toEqual([{ kind: "invisible", what: "nbsp", change: "added" }]);
    expect(textChangeMarks("5\u202E0001", "50001")).toEqual([{ kind: "invisible", what: "direction", change: "removed" }]);
    expect(textChangeMarks("a\u200Bbc", "ab\u200Bc")).toEqual([{ kind: "invisible", what: "zero-width", change: "moved" }]);
  });

  test("a visible change carries no mark", () => {
    expect(textChangeMarks("Omid Jafari", "Omid Jafarian")).toEqual([]);
    expect(textChangeMarks("پیاده‌سازی CRM", "پیاده‌سازی CRM مهرگان")).toEqual([]);
    expect(textChangeMarks(12, 13)).toEqual([]);
    expect(textChangeMarks(null, "Dynamics 365 در فروش")).toEqual([]);
  });

  test("a word mixing scripts is named with the odd letter: Cyrillic or Greek in Latin, Latin in Persian", () => {
    expect(textChangeMarks("", "B\u0430nk Melli")).toEqual([{ kind: "mixed-script", char: "\u0430", script: "cyrillic", word: "B\u0430nk" }]);
    expect(textChangeMarks(undefined, "\u039Fmid")).toEqual([{ kind: "mixed-script", char: "\u039F", script: "greek", word: "\u039Fmid" }]);
    expect(textChangeMarks("", "مهرگaن")).toEqual([{ kind: "mixed-script", char: "a", script: "latin", word: "مهرگaن" }]);
    // Already there before the change: not named again.
    expect(textChangeMarks("B\u0430nk", "B\u0430nk Melli")).toEqual([]);
  });

  test("Arabic yeh, kaf and digits in Persian text, and numbers mixing digit systems, are named", () => {
    expect(textChangeMarks("", "پیاده‌سازی سامانه مشتري")).toEqual([{ kind: "mixed-script", char: "ي", script: "arabic", word: "مشتري" }]);
    expect(textChangeMarks("", "۱۲٣۴")).toEqual([{ kind: "mixed-script", char: "٣", script: "arabic", word: "۱۲٣۴" }]);
    expect(textChangeMarks("", "50۰01")).toEqual([{ kind: "mixed-script", char: "۰", script: "persian", word: "50۰01" }]);
    // Arabic text on its own is not Persian text: nothing to say.
    expect(textChangeMarks("", "كتاب عربي")).toEqual([]);
  });

  test("a swap for a look-alike of another script is named with both characters", () => {
    expect(textChangeMarks("مشتری", "مشتري")).toEqual([{ kind: "look-alike", before: "ی", beforeScript: "persian", after: "ي", afterScript: "arabic" }]);
    expect(textChangeMarks("Bank", "B\u0430nk")).toContainEqual({ kind: "look-alike", before: "a", beforeScript: "latin", after: "\u0430", afterScript: "cyrillic" });
    expect(textChangeMarks("۱۴۰۵", "١٤٠٥")).toContainEqual({ kind: "look-alike", before: "۱", beforeScript: "persian", after: "١", afterScript: "arabic" });
  });

  test("a 20,000-character answer full of mixed words and invisible characters is judged in linear time", () => {
    const before = "B\u0430nk\u200B ۱٣ مشتري ".repeat(1000);
    const after = "B\u0430nk\u00A0۱٣ مشتري ".repeat(1000) + "پ " + "x".repeat(20_000);
    const t0 = performance.now();
    textChangeMarks(before, after);
    textChangeMarks(before, before.replace(/\u200B/g, "\u00A0"));
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test("values holding text are compared field by field (a checklist task, a row's cells)", () => {
    expect(textChangeMarks({ owner: "Sara Ahmadi", evidence: "ok" }, { owner: "Sara\u00A0Ahmadi", evidence: "ok" })).toEqual([{ kind: "invisible", what: "nbsp", change: "added" }]);
    expect(textChangeMarks(undefined, { name: "B\u0430nk", role: "hr-support" })).toEqual([{ kind: "mixed-script", char: "\u0430", script: "cyrillic", word: "B\u0430nk" }]);
  });
});

describe("uploadedFileName", () => {
  test("keeps the name a person gave the file, without folders, controls or direction overrides", () => {
    expect(uploadedFileName("C:\\Users\\me\\Downloads\\نیازمندی\u200Cها.xlsx", "spreadsheet")).toBe("نیازمندی\u200Cها.xlsx");
    expect(uploadedFileName("/tmp/\u202Exslx.stnemeriuqer\u202C\n", "spreadsheet")).toBe("xslx.stnemeriuqer");
    expect([...uploadedFileName("ن".repeat(500), "spreadsheet")]).toHaveLength(120);
    expect(uploadedFileName("\u202E\u2066 ", "spreadsheet")).toBe("spreadsheet");
    expect(uploadedFileName(null, "")).toBe("");
  });
});
