/**
 * Progress of a project through its pack: for each phase and step, how many
 * required items are answered and which are still missing.
 */
import type { Item, Pack, Phase, Step } from "./schema.ts";
import { isValueAnswered } from "./values.ts";

export type ProjectState = {
  /** Stored values by item id (questions, checklist tasks, diagrams). */
  values: ReadonlyMap<string, unknown>;
  /** Number of rows by register item id. */
  rowCounts: ReadonlyMap<string, number>;
};

export type Counts = { required: number; requiredAnswered: number; answerable: number; answered: number };
export type StepProgress = Counts & { step: Step; missing: Item[] };
export type PhaseProgress = Counts & { phase: Phase; steps: StepProgress[]; missing: Array<{ step: Step; item: Item }> };

export function isItemAnswered(item: Item, state: ProjectState): boolean {
  switch (item.kind) {
    case "info":
      return false;
    case "register":
      return (state.rowCounts.get(item.id) ?? 0) >= item.minRows;
    default:
      return isValueAnswered(item, state.values.get(item.id));
  }
}

function countStep(step: Step, state: ProjectState): StepProgress {
  const p: StepProgress = { step, required: 0, requiredAnswered: 0, answerable: 0, answered: 0, missing: [] };
  for (const item of step.items) {
    if (item.kind === "info") continue;
    const done = isItemAnswered(item, state);
    p.answerable++;
    if (done) p.answered++;
    if (item.required) {
      p.required++;
      if (done) p.requiredAnswered++;
      else p.missing.push(item);
    }
  }
  return p;
}

/**
 * Progress is asked for on every page of a project (the navigation shows it),
 * and a loaded project's state is shared and unchanged until the project
 * changes (app/domain/projects.server.ts, loadProjectData): the counts are
 * kept per state object and phase. The results are read-only to callers.
 */
const counted = new WeakMap<ProjectState, WeakMap<Phase, PhaseProgress>>();

export function phaseProgress(phase: Phase, state: ProjectState): PhaseProgress {
  let byPhase = counted.get(state);
  if (!byPhase) counted.set(state, (byPhase = new WeakMap()));
  let progress = byPhase.get(phase);
  if (!progress) byPhase.set(phase, (progress = countPhase(phase, state)));
  return progress;
}

function countPhase(phase: Phase, state: ProjectState): PhaseProgress {
  const steps = phase.steps.map((s) => countStep(s, state));
  const sum = (k: keyof Counts) => steps.reduce((n, s) => n + s[k], 0);
  return {
    phase,
    steps,
    required: sum("required"),
    requiredAnswered: sum("requiredAnswered"),
    answerable: sum("answerable"),
    answered: sum("answered"),
    missing: steps.flatMap((s) => s.missing.map((item) => ({ step: s.step, item }))),
  };
}

export function projectProgress(pack: Pack, state: ProjectState): PhaseProgress[] {
  return pack.phases.map((ph) => phaseProgress(ph, state));
}

/** A phase is complete when every required item is answered. */
export function isComplete(c: Counts): boolean {
  return c.requiredAnswered === c.required;
}
