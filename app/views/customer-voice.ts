/**
 * What customers said (the customer-research register, decision 033), grouped
 * by the answer each finding informs, as the step pages and the
 * customer-strategy page show it beside that answer: method, how many
 * customers, when, and the findings in short.
 */
import type { Language, Pack, RegisterItem } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";
import { itemLink } from "#app/domain/links.ts";
import type { Item } from "#methodology/schema.ts";
import { formatDate, formatNumber } from "./format.ts";

export type CustomerVoiceNote = { rowId: number; segment: string; method: string; customers: string | null; date: string | null; findings: string };

/** Findings longer than this are cut at a word, with an ellipsis; the register has them in full. */
const SHORT = 240;

function shorten(text: string): string {
  if (text.length <= SHORT) return text;
  const cut = text.slice(0, SHORT);
  const space = cut.lastIndexOf(" ");
  return `${(space > SHORT / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

export function customerVoices(pack: Pack, data: ProjectAnswers, lang: Language): Record<string, CustomerVoiceNote[]> {
  const id = pack.planning?.customerResearch;
  const register = id ? (findItem(pack, id) as RegisterItem | undefined) : undefined;
  if (!id || register?.kind !== "register") return {};
  const method = register.columns.find((c) => c.id === "method");
  const label = (v: string) => (method?.type === "choice" ? (method.options.find((o) => o.id === v)?.label[lang] ?? v) : v);
  const out: Record<string, CustomerVoiceNote[]> = {};
  for (const row of data.rows.get(id) ?? []) {
    const informs = str(row.cells.informs);
    const findings = str(row.cells.findings);
    if (!informs || !findings) continue;
    const n = row.cells.customers === null || row.cells.customers === undefined || str(row.cells.customers) === "" ? null : Number(row.cells.customers);
    (out[informs] ??= []).push({
      rowId: row.id,
      segment: str(row.cells.segment),
      method: label(str(row.cells.method)),
      customers: n === null || Number.isNaN(n) ? null : formatNumber(n, lang),
      date: str(row.cells.date) ? formatDate(str(row.cells.date), lang) : null,
      findings: shorten(findings),
    });
  }
  return out;
}

/** What a page sends for its "What customers said" panels: the notes for the items it shows, and the link to the register. */
export function customerVoiceFor(pack: Pack, projectId: number, data: ProjectAnswers, items: readonly Item[], lang: Language) {
  const all = customerVoices(pack, data, lang);
  const voices = Object.fromEntries(items.filter((i) => all[i.id]).map((i) => [i.id, all[i.id]!]));
  const id = pack.planning?.customerResearch;
  return { voices, voiceLink: Object.keys(voices).length && id ? itemLink(pack, projectId, id) : null };
}
