/**
 * The health check as pages show it: each finding with its link to the page
 * that fixes it, and the source document's title.
 */
import type { Language, Pack } from "#methodology/schema.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { loc } from "#app/i18n.ts";
import { healthCheck, type PhaseStates } from "./health.ts";
import type { PhaseGate } from "./signoff.server.ts";
import { itemLink } from "./links.ts";
import { selectionModel } from "./selection.ts";

/** Each phase's sign-off state, which some rules read (a finding grows more severe once its phase is submitted). */
export function phaseStates(gates: ReadonlyMap<string, PhaseGate>): PhaseStates {
  return new Map([...gates].map(([id, g]) => [id, g.status]));
}

export function healthView(pack: Pack, projectId: number, data: ProjectAnswers, lang: Language, phases?: PhaseStates) {
  const report = healthCheck(pack, data, phases);
  if (!report) return null;
  const source = (file: string) => loc(pack.sources.find((s) => s.file === file)?.title, lang) || file;
  const link = (page: string, item?: string) => {
    if (page === "step") return item ? itemLink(pack, projectId, item) : null;
    return `/projects/${projectId}/${page}${item ? `#item-${item}` : ""}`;
  };
  const finding = (f: (typeof report.findings)[number]) => ({
    id: f.rule.id,
    concern: f.rule.concern,
    severity: f.severity,
    title: loc(f.rule.title, lang),
    why: loc(f.rule.why, lang),
    source: source(f.rule.source),
    subjects: f.subjects.map((s) => (typeof s === "string" ? s : loc(s, lang))),
    fix: link(f.rule.fix.page, f.rule.fix.item),
    fixPage: f.rule.fix.page,
  });
  // A concern checked only by rules on the selection (factors 2 and 7) is "not yet checked" while no product is chosen, not "OK".
  const rulesOf = (id: string) => (pack.healthCheck?.rules ?? []).filter((r) => r.concern === id);
  const onSelection = (id: string) => rulesOf(id).length > 0 && rulesOf(id).every((r) => Object.values(r.reads ?? {}).some((v) => String(v).startsWith("selection.")));
  const model = selectionModel(pack, data);
  const nothingChosen = model !== null && model.chosen.products.length === 0;
  return {
    counts: report.counts,
    findings: report.findings.map(finding),
    concerns: report.concerns.map((c) => ({
      id: c.concern.id,
      title: loc(c.concern.title, lang),
      source: source(c.concern.source),
      status: (c.status === "ok" && nothingChosen && onSelection(c.concern.id) ? "not-yet" : c.status) as typeof c.status | "not-yet",
      notChecked: c.concern.notChecked ? loc(c.concern.notChecked, lang) : null,
      findings: c.findings.map((f) => f.rule.id),
    })),
  };
}

const countsOf = new WeakMap<ProjectAnswers, Map<string, ReturnType<typeof healthCheck>>>();

/**
 * Just the counts, for the project home and the portfolio. Project data is
 * shared and frozen until the project changes (see loadProjectData), so the
 * check runs once per change, not once per page view.
 */
export function healthCounts(pack: Pack, data: ProjectAnswers, phases?: PhaseStates) {
  const key = phases ? [...phases].map(([id, s]) => `${id}:${s}`).join(",") : "";
  let byPhases = countsOf.get(data);
  if (!byPhases) countsOf.set(data, (byPhases = new Map()));
  if (!byPhases.has(key)) byPhases.set(key, healthCheck(pack, data, phases));
  return byPhases.get(key)?.counts ?? null;
}
