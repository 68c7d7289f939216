/**
 * An import's problem lines as the selection page shows them. Kept apart from
 * selection-views.ts (which reads the method, a server module) because the page's
 * component uses it in the browser.
 */
import type { Language } from "#methodology/schema.ts";
import { localDigits } from "./format.ts";

/**
 * The values of one import problem, ready for its sentence in the interface's
 * language: requirement and row numbers in that language's digits (R۱ in
 * Persian, as the sheet and the matrix show them), and each value isolated
 * (U+2068…U+2069, what <bdi> does) so that an English sheet name does not turn
 * a Persian line around, nor a Persian text an English one.
 */
export function importProblemParams(params: Record<string, unknown> | undefined, lang: Language): Record<string, string> {
  const isolate = (v: string) => `\u2068${v}\u2069`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === null || v === undefined) continue;
    const s = String(v);
    out[k] = isolate(k === "number" || k === "row" ? localDigits(s, lang) : s);
  }
  return out;
}
