import path from "node:path";
import { expect, test } from "@playwright/test";
import { allItems } from "../../methodology/load.ts";
import { pack } from "./helpers.ts";

// mermaid can only lay out diagrams in a real browser, so the pack's starter
// templates are checked here: a template that does not parse would greet a
// workshop with an error instead of a diagram.
test("every starter diagram template of the pack parses with mermaid, in both languages", async ({ page }) => {
  const definitions: Array<{ name: string; text: string }> = [];
  for (const { item } of allItems(pack)) {
    if (item.kind !== "diagram") continue;
    for (const tpl of item.templates) {
      if (typeof tpl.definition === "string") definitions.push({ name: `${item.id}/${tpl.id}`, text: tpl.definition });
      else for (const lang of ["fa", "en"] as const) definitions.push({ name: `${item.id}/${tpl.id}/${lang}`, text: tpl.definition[lang] });
    }
  }
  expect(definitions.length).toBeGreaterThanOrEqual(6);
  await page.goto("about:blank");
  await page.addScriptTag({ path: path.resolve("node_modules/mermaid/dist/mermaid.min.js") });
  const failures = await page.evaluate(async (defs) => {
    const m = (window as unknown as { mermaid: { initialize: (o: object) => void; parse: (t: string) => Promise<unknown> } }).mermaid;
    m.initialize({ startOnLoad: false });
    const bad: string[] = [];
    for (const d of defs) {
      try {
        await m.parse(d.text);
      } catch (e) {
        bad.push(`${d.name}: ${String(e).slice(0, 200)}`);
      }
    }
    return bad;
  }, definitions);
  expect(failures).toEqual([]);
});
