/**
 * Which method items each deliverable draws on, declared once (decision 028):
 * the send check lists the required ones still unanswered as the document's
 * open items, and a builder can read the same list for its "Open items"
 * appendix. A deliverable covers whole phases or steps, plus single items
 * from elsewhere, minus items another document prints; the change-management
 * plan and the review report follow the pack's own section lists.
 */
import type { Item, Pack, Phase, Step } from "#methodology/schema.ts";

type Coverage = { phases?: string[]; steps?: string[]; items?: string[]; except?: string[] };

/** By deliverable id (the ids of `templates/model.ts`, which this layer does not import). */
const COVERAGE: Record<string, (pack: Pack) => Coverage> = {
  "vision-minutes": () => ({ phases: ["vision"] }),
  // The requirements phase, without the change-management plan's own sections, and the goals, roadmap and team it prints.
  "scope-document": () => ({
    phases: ["requirements"],
    items: ["goals.register", "goals.prioritisation-rationale", "goals.roadmap", "team.members"],
    except: ["requirements.impacted-groups", "requirements.resistance-approach", "requirements.communication-plan"],
  }),
  // What the decision rests on (training, pilot, the decision, support, the final migration) and the go-live date; not the roll-out and closure after it.
  "go-no-go": () => ({
    steps: ["deployment-training", "deployment-pilot", "deployment-go-no-go", "deployment-support", "deployment-data-migration"],
    items: ["deployment.go-live-date"],
  }),
  "change-management-plan": (pack) => {
    const cm = pack.changeManagement;
    if (!cm) return {};
    const readiness = pack.phases.flatMap((p) => p.steps.flatMap((s) => s.items)).filter((i) => i.tags.includes(cm.readiness.tag)).map((i) => i.id);
    return { items: [...readiness, "team.crm-maturity", "team.outside-experts", "team.readiness-work", cm.impactedGroups, ...cm.sections] };
  },
  "post-launch-review": (pack) => {
    const plr = pack.postLaunchReview;
    if (!plr) return {};
    return { phases: ["review"], items: [plr.goLive, ...(pack.planning ? [pack.planning.goals] : []), ...plr.sections] };
  },
  // The requirements and their context as vendors read them, the RFP step, and the scripts and weights it announces.
  rfp: () => ({
    steps: ["selection-rfp"],
    items: [
      "vision.strategy-statement",
      "goals.register",
      "goals.roadmap",
      "requirements.high-level-scope",
      "requirements.scope-in",
      "requirements.scope-out",
      "requirements.register",
      "requirements.integration-points",
      "requirements.data-conversion",
      "requirements.remote-users",
      "requirements.reports",
      "requirements.document-templates",
      "requirements.training-scope",
      "requirements.support",
      "requirements.technical-environment",
      "selection.cost-period",
      "selection.demo-scripts",
      "selection.evaluation-weights",
    ],
    // Vendors' answers come back after it; marking it issued is not something the RFP waits for.
    except: ["selection.vendor-responses", "selection.task-rfp"],
  }),
  "selection-report": () => ({ phases: ["selection"] }),
};

export type CoveredItem = { phase: Phase; step: Step; item: Item };

const memo = new WeakMap<Pack, Map<string, CoveredItem[]>>();

/** The items a deliverable draws on, in the pack's order (empty for an unknown id). */
export function deliverableItems(pack: Pack, deliverableId: string): CoveredItem[] {
  let byId = memo.get(pack);
  if (!byId) memo.set(pack, (byId = new Map()));
  const known = byId.get(deliverableId);
  if (known) return known;
  const c = COVERAGE[deliverableId]?.(pack) ?? {};
  const phases = new Set(c.phases ?? []);
  const steps = new Set(c.steps ?? []);
  const items = new Set(c.items ?? []);
  const except = new Set(c.except ?? []);
  const out: CoveredItem[] = [];
  for (const phase of pack.phases)
    for (const step of phase.steps)
      for (const item of step.items) {
        if (except.has(item.id)) continue;
        if (phases.has(phase.id) || steps.has(step.id) || items.has(item.id)) out.push({ phase, step, item });
      }
  byId.set(deliverableId, out);
  return out;
}

/** The deliverable ids this module knows (a test checks it covers every deliverable). */
export const COVERED_DELIVERABLES = Object.keys(COVERAGE);
