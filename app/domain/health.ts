/**
 * The project health check: the four perils and the ten success factors,
 * scored from the data a project has actually entered. The pack says what
 * each rule concerns, how severe it is, why it matters and which page fixes
 * it (`healthCheck` in pack.yaml); this module holds each rule's test, under
 * the rule's id. A test returns null when the rule does not fire, or the
 * names of what it found (goals, segments, touchpoints…) when it does.
 */
import type { HealthCheckConfig, HealthRule, Localized, Pack, Phase, PlanningConfig } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { selectionModel, type SelectionModel } from "./selection.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { planningLimits, THRESHOLD, thresholdValue } from "./thresholds.ts";
import { firstStage, missingMeasure, readGoals, readSegments, readStages, readTouchpoints, roadmapWarnings, rowsOf, traceability } from "./planning.ts";

export type RuleContext = {
  pack: Pack;
  planning: PlanningConfig;
  data: ProjectAnswers;
  reads: Record<string, string>;
  /** The phases signed off; undefined when the caller does not say (rules that need it then stay silent). */
  signed: ReadonlySet<string> | undefined;
  /** The selection evaluation, worked out once per check (null: the pack has no selection). */
  selection: () => SelectionModel | null;
};
/** What a finding is about: a name the team wrote, or a title of the method in both languages. */
export type Subject = string | Localized;
type RuleTest = (ctx: RuleContext) => Subject[] | null;

const answered = (data: ProjectAnswers, id: string | undefined) => {
  if (!id) return false;
  const v = data.answers.get(id)?.value;
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.length > 0;
  return true;
};
const count = (data: ProjectAnswers, id: string | undefined) => rowsOf(data, id).length;
const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const fires = (subjects: Subject[]) => (subjects.length ? subjects : null);

/** Each rule's test, by the id the pack uses. */
export const RULE_TESTS: Record<string, RuleTest> = {
  "requirements-before-strategy": ({ pack, planning, data }) => {
    if (count(data, planning.requirements) === 0) return null;
    const decided = readSegments(planning, data).filter((s) => s.decision);
    return decided.length >= thresholdValue(pack, data, THRESHOLD.decidedSegments) ? null : [];
  },
  "segments-undecided": ({ planning, data }) => fires(readSegments(planning, data).filter((s) => !s.decision).map((s) => s.name)),
  "strategy-questions-open": ({ pack, planning, data }) => {
    if (count(data, planning.goals) === 0) return null;
    return fires(planning.strategyQuestions.filter((id) => !answered(data, id)).map((id): Subject => findItem(pack, id)?.title ?? id));
  },
  "no-change-management": ({ planning, data, reads }) => (count(data, planning.goals) > 0 && count(data, reads.groups) === 0 ? [] : null),
  "no-communication-plan": ({ planning, data, reads }) => (count(data, planning.goals) > 0 && count(data, reads.plan) === 0 ? [] : null),
  "no-training-plan": ({ planning, data, reads }) => (count(data, planning.goals) > 0 && count(data, reads.plan) === 0 ? [] : null),
  "high-tech-only": ({ planning, data, reads }) => {
    const goals = readGoals(planning, data);
    const high = goals.filter((g) => g.tech === "high-tech");
    if (!high.length || goals.some((g) => g.tech === "low-tech") || answered(data, reads.lowTechActions)) return null;
    return high.map((g) => g.name);
  },
  "first-stage-high-tech": ({ planning, data }) => {
    const first = firstStage(readStages(planning, data));
    return first?.tech === "high-tech" ? [first.name] : null;
  },
  "contact-without-strategy": ({ planning, data }) => {
    const segments = new Map(readSegments(planning, data).map((s) => [s.id, s]));
    return fires(
      readTouchpoints(planning, data)
        .filter((t) => t.initiatedBy === "us")
        .filter((t) => {
          const seg = t.segmentId === null ? undefined : segments.get(t.segmentId);
          return !seg || !seg.decision || seg.decision === "divest" || t.consent === "" || t.consent === "unknown";
        })
        .map((t) => t.name),
    );
  },
  "relationship-approach-missing": ({ planning, data }) =>
    fires(readSegments(planning, data).filter((s) => s.decision === "invest" && (!s.valuedContacts || !s.mustNot)).map((s) => s.name)),
  "goals-unmeasured": ({ planning, data }) => fires(readGoals(planning, data).filter((g) => missingMeasure(g).length > 0).map((g) => g.name)),
  "roadmap-overnight": ({ pack, planning, data }) => {
    const warnings = roadmapWarnings(readStages(planning, data), readGoals(planning, data), planningLimits(pack, data));
    const overnight = warnings.filter((w) => w.kind === "first-stage-overloaded" || w.kind === "all-at-once" || w.kind === "single-stage");
    return overnight.length ? overnight.map((w) => ("stage" in w ? w.stage.name : `${w.kind === "all-at-once" ? w.from : ""}`)).filter(Boolean) : null;
  },
  "requirements-without-goal": ({ planning, data }) => fires(traceability(planning, data).orphans.requirementsWithoutGoal.map((r) => r.name)),
  "processes-not-documented": ({ planning, data, reads }) => (count(data, planning.requirements) > 0 && count(data, reads.processes) === 0 ? [] : null),
  "team-incomplete": ({ pack, data }) => {
    const team = pack.team;
    if (!team) return null;
    const filled = new Set(rowsOf(data, team.register).map((r) => cell(r.cells[team.roleColumn])));
    return fires(team.roles.filter((r) => !filled.has(r.id)).map((r): Subject => r.title));
  },
  "ui-without-end-users": ({ data, reads }) => {
    const changes = rowsOf(data, reads.customisations);
    if (!changes.length) return null;
    const sessions = data.answers.get(reads.sessions ?? "")?.value as { status?: string } | undefined;
    const heldSessions = sessions?.status === "done";
    const named = changes.some((r) => cell(r.cells["requested-by"]));
    return heldSessions && named ? null : [];
  },
  // The vision or the customer strategy has answers, and no customer was asked anything.
  "no-customer-research": ({ pack, planning, data, reads }) => {
    if (count(data, reads.research) > 0) return null;
    const vision = pack.phases.find((p) => p.steps.some((s) => s.items.some((i) => i.id === reads.research)));
    const visionItems = vision ? vision.steps.flatMap((s) => s.items.map((i) => i.id)) : [];
    const started = [...visionItems, ...planning.strategyQuestions].some((id) => answered(data, id) || count(data, id) > 0);
    return started ? [] : null;
  },
  // Any answer or row in the phase that holds the design sessions means customisation has started.
  "customisation-without-owners": ({ pack, data, reads }) => {
    const phase = pack.phases.find((p) => p.steps.some((s) => s.items.some((i) => i.id === reads.customisation)));
    if (!phase || !phase.steps.some((s) => s.items.some((i) => answered(data, i.id) || count(data, i.id) > 0))) return null;
    return fires([reads.coOwners, reads.champions].filter((id) => count(data, id) === 0).map((id): Subject => findItem(pack, id!)?.title ?? id!));
  },
  // Co-owners are named, and none of them speaks for a business unit: all are IT, or the only
  // business-looking co-owner is the team's CRM technology manager. A co-owner whose unit is not
  // recorded yet (one carried over from the former free-text answer) is not assumed to be IT.
  "owned-by-it": ({ pack, data, reads }) => {
    const owners = rowsOf(data, reads.coOwners);
    if (!owners.length) return null;
    const team = pack.team;
    const techManagers = new Set(
      team ? rowsOf(data, team.register).filter((r) => cell(r.cells[team.roleColumn]) === "crm-technology-manager").map((r) => cell(r.cells.name).toLowerCase()) : [],
    );
    const business = owners.filter((r) => {
      const unit = cell(r.cells.unit);
      return unit !== "it" && !techManagers.has(cell(r.cells.name).toLowerCase());
    });
    return business.length ? null : owners.map((r) => cell(r.cells.name));
  },
  "vendor-chosen-before-strategy": ({ pack, data, reads, signed }) => {
    if (!signed) return null;
    const chosen = rowsOf(data, reads.candidates).some((r) => cell(r.cells.status) === "chosen");
    if (!chosen && !answered(data, reads.decisionDate)) return null;
    const phases = [reads.vision, reads.requirements].map((id) => phaseOf(pack, id)).filter((p): p is Phase => !!p);
    return fires(phases.filter((p) => !signed.has(p.id)).map((p): Subject => p.title));
  },
  "vendor-without-demo": ({ pack, data, selection }) => {
    if (!anyChosen(pack, data)) return null;
    const model = selection();
    if (!model) return null;
    return fires(model.evaluations.filter((e) => e.product.status === "chosen" && e.demo.scriptsScored === 0).map((e) => e.product.name));
  },
  "must-have-unmet": ({ pack, data, selection }) => {
    if (!anyChosen(pack, data)) return null;
    const model = selection();
    if (!model) return null;
    const chosen = model.products.map((p, col) => ({ p, col })).filter(({ p }) => p.status === "chosen");
    return fires(
      chosen.flatMap(({ p, col }) =>
        model.matrix
          .filter((m) => m.cells[col]!.knockOut && !m.cells[col]!.remedy)
          .map((m) => `${chosen.length > 1 ? `${p.name}: ` : ""}${m.requirement.number} ${m.requirement.text}`),
      ),
    );
  },
};

/** Whether any candidate is chosen: the evaluation is worked out only then. */
const anyChosen = (pack: Pack, data: ProjectAnswers) => rowsOf(data, pack.selection?.candidates).some((r) => cell(r.cells.status) === "chosen");

const phaseOf = (pack: Pack, itemId: string | undefined) =>
  itemId ? pack.phases.find((ph) => ph.steps.some((st) => st.items.some((it) => it.id === itemId))) : undefined;

/** `severity` is the rule's, or its escalated one when the phase it names has gone for sign-off. */
export type Finding = { rule: HealthRule; subjects: Subject[]; severity: HealthRule["severity"] };
/** A phase's sign-off state by phase id (signoff.server.ts's gate status: open, awaiting, signed, reopened). */
export type PhaseStates = ReadonlyMap<string, string>;
const SUBMITTED = new Set(["awaiting", "signed", "reopened"]);
export type ConcernStatus = { concern: HealthCheckConfig["concerns"][number]; status: "ok" | "finding" | "not-checked"; findings: Finding[] };
export type HealthReport = { findings: Finding[]; concerns: ConcernStatus[]; counts: { high: number; medium: number; low: number; total: number } };

const SEVERITY = { high: 0, medium: 1, low: 2 } as const;

/**
 * Every rule of the pack run against the project's data. Findings come
 * most severe first, then in the pack's order. `phases` (each phase's
 * sign-off state) lets the rules that depend on sign-offs run and escalate;
 * without it they stay silent and keep their own severity.
 */
export function healthCheck(pack: Pack, data: ProjectAnswers, phases?: PhaseStates): HealthReport | null {
  const config = pack.healthCheck;
  const planning = pack.planning;
  if (!config || !planning) return null;
  const findings: Finding[] = [];
  const signed = phases ? new Set([...phases].filter(([, state]) => state === "signed").map(([id]) => id)) : undefined;
  let model: SelectionModel | null | undefined;
  const selection = () => (model === undefined ? (model = selectionModel(pack, data)) : model);
  for (const rule of config.rules) {
    const test = RULE_TESTS[rule.id];
    if (!test) throw new Error(`health rule '${rule.id}' has no test in app/domain/health.ts`);
    const subjects = test({ pack, planning, data, reads: rule.reads, signed, selection });
    if (!subjects) continue;
    const escalated = rule.escalate && SUBMITTED.has(phases?.get(rule.escalate.phase) ?? "open");
    findings.push({ rule, subjects, severity: escalated ? rule.escalate!.severity : rule.severity });
  }
  findings.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
  const concerns = config.concerns.map((concern): ConcernStatus => {
    const mine = findings.filter((f) => f.rule.concern === concern.id);
    const checked = config.rules.some((r) => r.concern === concern.id);
    return { concern, status: mine.length ? "finding" : checked ? "ok" : "not-checked", findings: mine };
  });
  const by = (s: "high" | "medium" | "low") => findings.filter((f) => f.severity === s).length;
  return { findings, concerns, counts: { high: by("high"), medium: by("medium"), low: by("low"), total: findings.length } };
}
