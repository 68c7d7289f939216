/**
 * "Ready to send?": for each deliverable, what is still open (required items
 * it draws on that are unanswered) and what contradicts itself (dates out of
 * order, a task marked to do that the records show done, a KPI without a
 * baseline…), each with the page where it is fixed. Pure: the pack, the
 * project's answers and its gates in, findings out; words are the views'
 * (app/views/send-check.ts), so the page and the command line say the same.
 * Decision 028.
 */
import type { Localized, Pack } from "#methodology/schema.ts";
import { allItems, findItem } from "#methodology/load.ts";
import { isItemAnswered, type ProjectState } from "#methodology/progress.ts";
import type { ProjectAnswers } from "./project-answers.ts";
import { deliverableItems } from "./deliverable-coverage.ts";
import { readGoals, readStages, rowsOf, missingMeasure } from "./planning.ts";

/** A phase's sign-off as the check needs it. */
export type GateFacts = { phaseId: string; changedSinceSignoff: boolean };

export type SendCheckInput = {
  pack: Pack;
  projectId: number;
  data: ProjectAnswers;
  gates: ReadonlyArray<GateFacts>;
  /** The deliverables the project can produce, with the phase whose sign-off each prints. */
  deliverables: ReadonlyArray<{ id: string; phaseId: string }>;
};

/** A value inside a message: the team's own text, a date, a number or a title of the method. */
export type Param = { text: string } | { date: string } | { number: number } | { title: Localized };

export type OpenItem = { itemId: string; title: Localized; rows: { have: number; need: number } | null; link: string | null };

export const CONTRADICTION_RULES = [
  "decision-after-go-live",
  "go-live-before-kickoff",
  "scope-approved-before-kickoff",
  "task-open-but-done",
  "kpi-unmeasured",
  "stage-ends-before-start",
  "stages-overlap",
  "adoption-above-licensed",
  "adoption-before-go-live",
  "review-before-go-live",
  "changed-since-signoff",
  "go-without-conditions",
  "go-despite-failed-uat",
] as const;
export type ContradictionRule = (typeof CONTRADICTION_RULES)[number];

export type Contradiction = {
  rule: ContradictionRule;
  /** The message's variant (e.g. which measure a goal lacks). */
  variant?: string;
  params: Record<string, Param>;
  /**
   * The items whose documents show it: a deliverable drawing on any of them
   * does. Only what the contradiction is in, not every date it is compared
   * with (the review report prints the go-live date, but a decision dated
   * after it is the go/no-go record's contradiction).
   */
  items: string[];
  /** A phase whose sign-off it is about: the deliverables printing that sign-off show it. */
  phaseId?: string;
  link: string | null;
};

export type Verdict = "ready" | "open-items" | "contradictions";
export type DeliverableCheck = { id: string; verdict: Verdict; open: OpenItem[]; contradictions: Contradiction[] };

const iso = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

/** Links to the step and item where each item is answered, worked out once per pack. */
const linksOf = new WeakMap<Pack, Map<string, string>>();
function itemPath(pack: Pack, itemId: string): string | null {
  let paths = linksOf.get(pack);
  if (!paths) {
    paths = new Map(allItems(pack).map(({ phase, step, item }) => [item.id, `phases/${phase.id}/steps/${step.id}#item-${item.id}`]));
    linksOf.set(pack, paths);
  }
  return paths.get(itemId) ?? null;
}

type Ctx = { pack: Pack; data: ProjectAnswers; link: (itemId: string) => string | null; dateOf: (itemId: string) => string | null };
type Rule = (ctx: Ctx) => Array<Omit<Contradiction, "rule">>;

const GO_LIVE = "deployment.go-live-date";
const DECISION = "deployment.go-decision";

/**
 * A checklist task and the records that show it done: the check fires when
 * the task is still "to do" or "in progress" beside them.
 */
const TASKS_AND_RECORDS: Array<{ task: string; records: string[]; done: (data: ProjectAnswers) => number }> = [
  { task: "deployment.task-uat-pilot", records: ["deployment.uat-results"], done: (d) => rowsOf(d, "deployment.uat-results").length },
  { task: "deployment.task-train-users", records: ["deployment.training-sessions"], done: (d) => rowsOf(d, "deployment.training-sessions").filter((r) => r.cells.status === "held").length },
  { task: "deployment.task-final-migration", records: ["deployment.migration-log"], done: (d) => rowsOf(d, "deployment.migration-log").length },
  {
    task: "deployment.task-support-plan",
    records: ["deployment.support-team", "deployment.support-mechanisms"],
    done: (d) => {
      const team = rowsOf(d, "deployment.support-team").length;
      const mechanisms = rowsOf(d, "deployment.support-mechanisms").length;
      return team > 0 && mechanisms > 0 ? team + mechanisms : 0;
    },
  },
  // Found in the pack besides the brief's list: the decision recorded while its task still says to do.
  { task: "deployment.task-go-decision", records: [DECISION, "deployment.go-decision-date"], done: (d) => (text(d.answers.get(DECISION)?.value) ? 1 : 0) },
];

/** Each rule's test, by id. A rule whose items the pack lacks finds nothing. */
export const RULES: Record<Exclude<ContradictionRule, "changed-since-signoff">, Rule> = {
  "decision-after-go-live": ({ link, dateOf }) => {
    const decided = dateOf("deployment.go-decision-date");
    const goLive = dateOf(GO_LIVE);
    return decided && goLive && decided > goLive ? [{ params: { decided: { date: decided }, goLive: { date: goLive } }, items: ["deployment.go-decision-date"], link: link("deployment.go-decision-date") }] : [];
  },
  "go-live-before-kickoff": ({ link, dateOf }) => {
    const goLive = dateOf(GO_LIVE);
    const kickoff = dateOf("requirements.kickoff-date");
    return goLive && kickoff && goLive < kickoff ? [{ params: { goLive: { date: goLive }, kickoff: { date: kickoff } }, items: [GO_LIVE], link: link(GO_LIVE) }] : [];
  },
  "scope-approved-before-kickoff": ({ link, dateOf }) => {
    const approved = dateOf("requirements.scope-approval-date");
    const kickoff = dateOf("requirements.kickoff-date");
    return approved && kickoff && approved < kickoff ? [{ params: { approved: { date: approved }, kickoff: { date: kickoff } }, items: ["requirements.scope-approval-date", "requirements.kickoff-date"], link: link("requirements.scope-approval-date") }] : [];
  },
  "task-open-but-done": ({ pack, data, link }) =>
    TASKS_AND_RECORDS.flatMap(({ task, records, done }) => {
      const item = findItem(pack, task);
      if (!item) return [];
      const value = data.answers.get(task)?.value as { status?: string } | undefined;
      const status = value?.status ?? "todo";
      if (status !== "todo" && status !== "in-progress") return [];
      const count = done(data);
      if (count === 0) return [];
      const records0 = findItem(pack, records[0]!);
      return [{ variant: status, params: { task: { title: item.title }, records: { title: records0?.heading ?? records0?.title ?? item.title }, count: { number: count } }, items: [task, ...records], link: link(task) }];
    }),
  "kpi-unmeasured": ({ pack, data, link }) => {
    if (!pack.planning) return [];
    const register = pack.planning.goals;
    return readGoals(pack.planning, data).flatMap((g) => {
      const missing = missingMeasure(g);
      if (!missing.length) return [];
      const variant = !g.kpi ? "kpi" : missing.length === 2 ? "both" : missing[0]!;
      return [{ variant, params: { goal: { text: g.name }, kpi: { text: g.kpi } }, items: [register], link: link(register) }];
    });
  },
  "stage-ends-before-start": ({ pack, data, link }) => {
    if (!pack.planning) return [];
    const register = pack.planning.roadmap;
    return readStages(pack.planning, data)
      .filter((s) => s.start && s.end && s.end < s.start)
      .map((s) => ({ params: { stage: { text: s.name }, start: { date: s.start! }, end: { date: s.end! } }, items: [register], link: link(register) }));
  },
  // In the register's order: a stage starting before the one before it ends (overlapping, or listed out of order).
  "stages-overlap": ({ pack, data, link }) => {
    if (!pack.planning) return [];
    const register = pack.planning.roadmap;
    const stages = readStages(pack.planning, data).filter((s) => s.start && s.end && s.start <= s.end);
    const out: Array<Omit<Contradiction, "rule">> = [];
    for (let i = 1; i < stages.length; i++) {
      const before = stages[i - 1]!;
      const stage = stages[i]!;
      if (stage.start! < before.end!) out.push({ params: { stage: { text: stage.name }, start: { date: stage.start! }, before: { text: before.name }, end: { date: before.end! } }, items: [register], link: link(register) });
    }
    return out;
  },
  "adoption-above-licensed": ({ pack, data, link }) => {
    const register = pack.postLaunchReview?.adoption;
    if (!register) return [];
    return rowsOf(data, register).flatMap((r) => {
      const active = num(r.cells.active);
      const licensed = num(r.cells.licensed);
      if (active === null || licensed === null || active <= licensed) return [];
      return [{ params: { group: { text: text(r.cells.group) }, period: { date: iso(r.cells.period) ?? "" }, active: { number: active }, licensed: { number: licensed } }, items: [register], link: link(register) }];
    });
  },
  // Found in the pack besides the brief's list: usage figures for a period before the system was live.
  "adoption-before-go-live": ({ pack, data, link, dateOf }) => {
    const cfg = pack.postLaunchReview;
    const goLive = cfg ? dateOf(cfg.goLive) : null;
    if (!cfg || !goLive) return [];
    const early = [...new Set(rowsOf(data, cfg.adoption).map((r) => iso(r.cells.period)).filter((p): p is string => p !== null && p < goLive))].sort();
    return early.map((period) => ({ params: { period: { date: period }, goLive: { date: goLive } }, items: [cfg.adoption], link: link(cfg.adoption) }));
  },
  "review-before-go-live": ({ pack, link, dateOf }) => {
    const goLiveItem = pack.postLaunchReview?.goLive ?? GO_LIVE;
    const goLive = dateOf(goLiveItem);
    if (!goLive) return [];
    return (
      [
        ["review.review-date", "review"],
        ["review.management-meeting-date", "meeting"],
      ] as const
    ).flatMap(([id, variant]) => {
      const at = dateOf(id);
      return at && at < goLive ? [{ variant, params: { at: { date: at }, goLive: { date: goLive } }, items: [id], link: link(id) }] : [];
    });
  },
  // Found in the pack besides the brief's list: "go with conditions" with no condition recorded.
  "go-without-conditions": ({ data, link }) =>
    data.answers.get(DECISION)?.value === "go-with-conditions" && rowsOf(data, "deployment.go-conditions").length === 0 ? [{ params: {}, items: [DECISION, "deployment.go-conditions"], link: link("deployment.go-conditions") }] : [],
  // Found in the pack besides the brief's list: an unconditional go beside failed or critical UAT runs.
  "go-despite-failed-uat": ({ data, link }) => {
    if (data.answers.get(DECISION)?.value !== "go") return [];
    const failed = rowsOf(data, "deployment.uat-results").filter((r) => r.cells.result === "failed" || r.cells.severity === "critical").length;
    return failed ? [{ params: { count: { number: failed } }, items: [DECISION, "deployment.uat-results"], link: link(DECISION) }] : [];
  },
};

/** Every contradiction in the project, whichever deliverable shows it. */
export function contradictions(input: Pick<SendCheckInput, "pack" | "projectId" | "data" | "gates">): Contradiction[] {
  const { pack, projectId, data } = input;
  const link = (itemId: string) => {
    const p = itemPath(pack, itemId);
    return p ? `/projects/${projectId}/${p}` : null;
  };
  const dateOf = (itemId: string) => iso(data.answers.get(itemId)?.value);
  const ctx: Ctx = { pack, data, link, dateOf };
  const out: Contradiction[] = [];
  for (const [rule, test] of Object.entries(RULES) as Array<[ContradictionRule, Rule]>) for (const c of test(ctx)) out.push({ rule, ...c });
  for (const g of input.gates) {
    const phase = pack.phases.find((p) => p.id === g.phaseId);
    if (phase && g.changedSinceSignoff) out.push({ rule: "changed-since-signoff", params: { phase: { title: phase.title } }, items: [], phaseId: phase.id, link: `/projects/${projectId}/phases/${phase.id}` });
  }
  return out;
}

/** The required items a deliverable draws on that are not answered yet (registers below their minimum of rows). */
export function openItems(pack: Pack, projectId: number, data: ProjectAnswers, deliverableId: string): OpenItem[] {
  const covered = deliverableItems(pack, deliverableId);
  const state: ProjectState = {
    values: new Map(covered.map(({ item }) => [item.id, data.answers.get(item.id)?.value])),
    rowCounts: new Map(covered.map(({ item }) => [item.id, data.rows.get(item.id)?.length ?? 0])),
  };
  const out: OpenItem[] = [];
  for (const { phase, step, item } of covered) {
    if (item.kind === "info" || !item.required || isItemAnswered(item, state)) continue;
    out.push({
      itemId: item.id,
      title: item.heading ?? item.title,
      rows: item.kind === "register" ? { have: state.rowCounts.get(item.id) ?? 0, need: item.minRows } : null,
      link: `/projects/${projectId}/phases/${phase.id}/steps/${step.id}#item-${item.id}`,
    });
  }
  return out;
}

/** The check of every deliverable the project can produce, in the order given. */
export function sendCheck(input: SendCheckInput): DeliverableCheck[] {
  const all = contradictions(input);
  return input.deliverables.map(({ id, phaseId }) => {
    const covered = new Set(deliverableItems(input.pack, id).map((c) => c.item.id));
    const mine = all.filter((c) => c.phaseId === phaseId || c.items.some((i) => covered.has(i)));
    const open = openItems(input.pack, input.projectId, input.data, id);
    return { id, verdict: mine.length ? "contradictions" : open.length ? "open-items" : "ready", open, contradictions: mine };
  });
}
