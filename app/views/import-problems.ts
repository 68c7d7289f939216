/**
 * An import's problem lines as the selection page shows them. Kept apart from
 * selection-views.ts (which reads the method, a server module) because the page's
 * component uses it in the browser.
 */
import type { Language } from "#methodology/schema.ts";
import { localDigits } from "./format.ts";

/**
 * The values of one import problem in the interface's language: requirement and
 * row numbers in its digits (R۱ in Persian, as the sheet and the matrix show them).
 */
export function importProblemParams(params: Record<string, unknown> | undefined, lang: Language): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === null || v === undefined) continue;
    const s = String(v);
    out[k] = k === "number" || k === "row" ? localDigits(s, lang) : s;
  }
  return out;
}

/** A placeholder that no translation or value contains, standing for the value at `i`. */
export const valueToken = (i: number) => `\u0001${i}\u0001`;

/**
 * A sentence translated with tokens in place of the values, cut into its text and
 * its values, so that each value is shown in its own <bdi> (an English sheet name
 * does not turn a Persian line around, nor a Persian text an English one).
 */
export function splitValues(sentence: string, values: string[]): Array<string | { value: string }> {
  return sentence.split(/\u0001(\d+)\u0001/).map((part, i) => (i % 2 === 1 ? { value: values[Number(part)] ?? "" } : part)).filter((p) => p !== "");
}
