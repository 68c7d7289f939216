/**
 * The send check in words: each deliverable's verdict, its open items and
 * its contradictions as sentences of the reader's language (dates in its
 * calendar, digits in its script), with the path that fixes each. The
 * Documents page and the command-line export both print this (decision 028).
 */
import type { Language } from "#methodology/schema.ts";
import { i18nFor, loc } from "#app/i18n.ts";
import type { Contradiction, DeliverableCheck, Param, Verdict } from "#app/domain/send-check.ts";
import { formatDate, formatNumber } from "./format.ts";

/** The team's own text inside a sentence: isolated, so a Persian name in an English sentence (or the reverse) keeps its own direction and not the sentence's. */
const isolate = (s: string) => `\u2068${s}\u2069`;

function paramText(p: Param, lang: Language): string {
  if ("text" in p) return isolate(p.text);
  if ("date" in p) return formatDate(p.date, lang);
  if ("number" in p) return formatNumber(p.number, lang);
  return loc(p.title, lang);
}

export function contradictionMessage(c: Contradiction, lang: Language): string {
  const { t } = i18nFor(lang);
  const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, paramText(v, lang)]));
  return t(`sendCheck.rules.${c.rule}${c.variant ? `.${c.variant}` : ""}`, params);
}

export type SendCheckView = {
  id: string;
  verdict: Verdict;
  verdictLabel: string;
  summary: string;
  open: Array<{ id: string; title: string; detail: string | null; link: string | null }>;
  contradictions: Array<{ rule: string; message: string; link: string | null }>;
};

export function sendCheckView(checks: DeliverableCheck[], lang: Language): SendCheckView[] {
  const { t } = i18nFor(lang);
  return checks.map((c) => ({
    id: c.id,
    verdict: c.verdict,
    verdictLabel: t(`sendCheck.verdict.${c.verdict}`),
    summary: t(`sendCheck.summary.${c.verdict}`, { count: formatNumber(c.verdict === "contradictions" ? c.contradictions.length : c.open.length, lang) }),
    open: c.open.map((o) => ({
      id: o.itemId,
      title: loc(o.title, lang),
      detail: o.rows && o.rows.need > 1 ? t("sendCheck.rows", { have: formatNumber(o.rows.have, lang), need: formatNumber(o.rows.need, lang) }) : null,
      link: o.link,
    })),
    contradictions: c.contradictions.map((x) => ({ rule: x.rule, message: contradictionMessage(x, lang), link: x.link })),
  }));
}

/** The check as plain lines for a terminal: verdict, then each finding with its page path. */
export function sendCheckLines(view: SendCheckView, title: string, lang: Language): string[] {
  const { t } = i18nFor(lang);
  const lines = [`${title}: ${view.verdictLabel}`];
  if (view.contradictions.length) {
    lines.push(`  ${t("sendCheck.contradictions", { count: formatNumber(view.contradictions.length, lang) })}`);
    for (const c of view.contradictions) lines.push(`    ! ${c.message}${c.link ? `\n      ${c.link}` : ""}`);
  }
  if (view.open.length) {
    lines.push(`  ${t("sendCheck.open", { count: formatNumber(view.open.length, lang) })}`);
    for (const o of view.open) lines.push(`    - ${o.title}${o.detail ? ` (${o.detail})` : ""}${o.link ? `\n      ${o.link}` : ""}`);
  }
  return lines;
}
