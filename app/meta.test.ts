import { describe, expect, test } from "vitest";
import { pageTitle } from "./meta.ts";

const FSI = "\u2068";
const PDI = "\u2069";
const matches = (lang: "fa" | "en", name: string) => [
  { id: "root", data: { lang } },
  { id: "routes/project", data: { project: { name } } },
];
const title = (m: ReturnType<typeof matches>, page?: Parameters<typeof pageTitle>[1]) => (pageTitle(m, page)[0] as { title: string }).title;

describe("page titles keep a name's own word order (issue 20)", () => {
  test("a Persian project name with a Latin word is isolated in the English title", () => {
    const t = title(matches("en", "مهرگان CRM"), (tr) => [tr("projects.title")]);
    // Without the isolation the Bidi algorithm joins “CRM” to the Latin text after it: “CRM · Gambegam” reads before “مهرگان”.
    expect(t).toBe(`Projects · ${FSI}مهرگان CRM${PDI} · Gambegam`);
  });

  test("an English name in the Persian title is isolated too", () => {
    expect(title(matches("fa", "Alder & Finch CRM"))).toBe(`${FSI}Alder & Finch CRM${PDI} · گام‌به‌گام`);
  });

  test("a name in the reader's own direction only is left as it is", () => {
    expect(title(matches("en", "Alder & Finch CRM"))).toBe("Alder & Finch CRM · Gambegam");
    expect(title(matches("fa", "پیاده‌سازی مهرگان"))).toBe("پیاده‌سازی مهرگان · گام‌به‌گام");
  });
});
