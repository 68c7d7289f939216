/**
 * Software and partner selection, worked out from a project's answers
 * (decision 030): the requirements numbered R1…, the candidates, the fit-gap
 * matrix (requirement × product) with its must-have knock-outs, each
 * product's scores (fit weighted by priority, demo, cost, references,
 * partner), the weighted ranking and how sensitive that ranking is to the
 * weights. Pure: no database, no language — the pages, the documents and the
 * health check read the same figures. The figures' rules (fit scores,
 * priority weights, knock-out, default weights, sensitivity step) come from
 * the pack's `selection` block, where they are marked as good practice.
 */
import { SELECTION_CRITERIA, type Pack, type SelectionConfig, type SelectionCriterion } from "#methodology/schema.ts";
import { parseMeasure } from "#methodology/values.ts";
import type { ProjectAnswers } from "./project-answers.ts";

export { SELECTION_CRITERIA, type SelectionCriterion };

export type Priority = "must" | "should" | "could" | "wont";
export type FitLevel = "standard" | "configuration" | "customisation" | "third-party" | "not-supported";
export type CandidateKind = "product" | "partner";
export type CandidateStatus = "long-list" | "short-list" | "rejected" | "chosen";

export type SelectionRequirement = {
  rowId: number;
  /** 0-based place in the requirements register. */
  index: number;
  /** "R3": the 1-based place in the requirements register (the order the scope document lists them). */
  number: string;
  text: string;
  description: string;
  priority: Priority | null;
  /** The goal it serves (a row of the goals register), or null. */
  goalId: number | null;
  /** The requirement's weight in the fit score (from its priority). */
  weight: number;
};

export type Candidate = {
  rowId: number;
  index: number;
  name: string;
  kind: CandidateKind | null;
  offering: string;
  status: CandidateStatus | null;
  reason: string;
  /** Total cost over the comparison period. */
  cost: number | null;
  /** Reference checks, 1–5. */
  references: number | null;
  /** Implementation partner strength, 1–5. */
  partnerStrength: number | null;
};

/** One vendor's answer to one requirement. */
export type MatrixCell = {
  productId: number;
  /** The response row, or null when the vendor has not answered this requirement. */
  responseRowId: number | null;
  fit: FitLevel | null;
  effort: number | null;
  cost: number | null;
  comment: string;
  /** The team's remedy for a gap ("" when none). */
  remedy: string;
  /** A must-have requirement this product does not support or has not answered. */
  knockOut: boolean;
};

export type MatrixRow = { requirement: SelectionRequirement; cells: MatrixCell[] };

export type DemoScript = { rowId: number; index: number; name: string; touchpointId: number | null; requirementId: number | null };
export type DemoResult = {
  /** Per script of the project, in the register's order: mean score 1–5 (null: not scored), its 0–100 score, how many scores. */
  perScript: Array<{ scriptId: number; mean: number | null; score: number | null; scores: number }>;
  /** Mean of the scripts' means (each script counts once), 1–5; null when no script is scored. */
  mean: number | null;
  /** `mean` on 0–100 (1 → 0, 5 → 100). */
  score: number | null;
  /** How many different people scored this product. */
  scorers: number;
  /** How many of the project's scripts have at least one score for this product. */
  scriptsScored: number;
};

export type CriterionScores = Record<SelectionCriterion, number | null>;

export type ProductEvaluation = {
  product: Candidate;
  /** 0–100: each requirement's priority weight × its fit level's share; unanswered requirements earn nothing. */
  fitScore: number;
  /** How many requirements this vendor answered. */
  answered: number;
  /** The must-have requirements it does not support or did not answer (row ids). */
  knockOuts: number[];
  knockedOut: boolean;
  demo: DemoResult;
  demoScore: number | null;
  /** 0–100: the lowest cost among the products ÷ this product's cost. */
  costScore: number | null;
  referencesScore: number | null;
  partnerScore: number | null;
  /** Each criterion's score 0–100 (null: no evidence — counts as 0 in the total). */
  scores: CriterionScores;
  /** Effort and cost the vendor gave for the requirements, summed (null: none given). */
  responseEffort: number | null;
  responseCost: number | null;
};

export type Weights = {
  /** "project": the project's own weights; "default": the pack's defaults (the project entered none). */
  from: "project" | "default";
  /** As entered (points). */
  raw: Record<SelectionCriterion, number>;
  /** Normalised: the shares add up to 1. */
  share: Record<SelectionCriterion, number>;
};

export type RankedProduct = {
  productId: number;
  name: string;
  /** 1-based; products with equal totals share a place. Knocked-out products come last. */
  rank: number;
  /** 0–100. */
  total: number;
  /** Each criterion's contribution to the total (share × score), adding up to the total. */
  contributions: Record<SelectionCriterion, number>;
  knockedOut: boolean;
  chosen: boolean;
};

export type SensitivityShift = {
  /** Points the criterion's weight moved (+step or −step, on a 0–100 scale). */
  shift: number;
  /** The criterion's share after the shift (others rescaled to fill the rest). */
  share: number;
  /** Product ids in ranking order under the shifted weights. */
  order: number[];
  leader: number | null;
  leaderChanges: boolean;
};

export type CriterionSensitivity = {
  criterion: SelectionCriterion;
  up: SensitivityShift;
  down: SensitivityShift;
  /** The smallest shift (in points, signed) that changes the leader, or null when none within 0–100 does. */
  tippingShift: { shift: number; leader: number | null } | null;
};

export type Sensitivity = {
  step: number;
  leader: number | null;
  criteria: CriterionSensitivity[];
  /** True when no shift of ±step of any one weight changes the leader. */
  robust: boolean;
};

export type SelectionModel = {
  config: SelectionConfig;
  requirements: SelectionRequirement[];
  candidates: Candidate[];
  /** The products evaluated: short-listed or chosen products, and any product with responses or demo scores. */
  products: Candidate[];
  chosen: { products: Candidate[]; partners: Candidate[] };
  /** Requirement × product, in the register's order and `products` order. */
  matrix: MatrixRow[];
  scripts: DemoScript[];
  evaluations: ProductEvaluation[];
  weights: Weights;
  ranking: RankedProduct[];
  /** The top product that is not knocked out, or null. */
  leader: number | null;
  sensitivity: Sensitivity;
  /** The years costs are compared over, or null. */
  costPeriod: number | null;
  /** The project's decision date (ISO), or null. */
  decisionDate: string | null;
};

// ------------------------------------------------------------------ reading

type Row = { id: number; cells: Record<string, string | number | null> };
const rowsOf = (data: ProjectAnswers, id: string): ReadonlyArray<Row> => data.rows.get(id) ?? [];
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const num = (v: unknown): number | null => parseMeasure(v);
const refId = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};
const oneOf = <T extends string>(v: unknown, options: readonly T[]): T | null => {
  const s = text(v);
  return (options as readonly string[]).includes(s) ? (s as T) : null;
};
const PRIORITIES: readonly Priority[] = ["must", "should", "could", "wont"];
const FITS: readonly FitLevel[] = ["standard", "configuration", "customisation", "third-party", "not-supported"];
const KINDS: readonly CandidateKind[] = ["product", "partner"];
const STATUSES: readonly CandidateStatus[] = ["long-list", "short-list", "rejected", "chosen"];
const scale100 = (v: number | null, min = 1, max = 5) => (v === null ? null : round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * 100));
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/** "R3" for the requirement at 0-based place 2. */
export const requirementNumber = (index: number) => `R${index + 1}`;

export function readRequirements(config: SelectionConfig, data: ProjectAnswers): SelectionRequirement[] {
  const positive = Object.values(config.priorityWeights).filter((w) => w > 0);
  const unsetWeight = positive.length ? Math.min(...positive) : 1;
  return rowsOf(data, config.requirements).map((r, index) => {
    const priority = oneOf(r.cells.priority, PRIORITIES);
    return {
      rowId: r.id,
      index,
      number: requirementNumber(index),
      text: text(r.cells.requirement) || requirementNumber(index),
      description: text(r.cells.description),
      priority,
      goalId: refId(r.cells.goal),
      weight: priority ? (config.priorityWeights[priority] ?? 0) : unsetWeight,
    };
  });
}

export function readCandidates(config: SelectionConfig, data: ProjectAnswers): Candidate[] {
  return rowsOf(data, config.candidates).map((r, index) => ({
    rowId: r.id,
    index,
    name: text(r.cells.name) || `#${index + 1}`,
    kind: oneOf(r.cells.kind, KINDS),
    offering: text(r.cells.offering),
    status: oneOf(r.cells.status, STATUSES),
    reason: text(r.cells.reason),
    cost: num(r.cells.cost),
    references: num(r.cells.references),
    partnerStrength: num(r.cells["partner-strength"]),
  }));
}

export function readScripts(config: SelectionConfig, data: ProjectAnswers): DemoScript[] {
  return rowsOf(data, config.demoScripts).map((r, index) => ({
    rowId: r.id,
    index,
    name: text(r.cells.script) || `#${index + 1}`,
    touchpointId: refId(r.cells.touchpoint),
    requirementId: refId(r.cells.requirement),
  }));
}

// ------------------------------------------------------------------ weights and ranking

export function readWeights(config: SelectionConfig, data: ProjectAnswers): Weights {
  const raw = Object.fromEntries(SELECTION_CRITERIA.map((c) => [c, 0])) as Record<SelectionCriterion, number>;
  let any = false;
  for (const r of rowsOf(data, config.weights)) {
    const c = oneOf(r.cells.criterion, SELECTION_CRITERIA);
    const w = num(r.cells.weight);
    if (!c || w === null || w < 0) continue;
    raw[c] += w;
    any = true;
  }
  const total = SELECTION_CRITERIA.reduce((s, c) => s + raw[c], 0);
  if (!any || total <= 0) {
    const d = { ...config.defaultWeights };
    return { from: "default", raw: d, share: normalise(d) };
  }
  return { from: "project", raw, share: normalise(raw) };
}

function normalise(raw: Record<SelectionCriterion, number>): Record<SelectionCriterion, number> {
  const total = SELECTION_CRITERIA.reduce((s, c) => s + raw[c], 0);
  return Object.fromEntries(SELECTION_CRITERIA.map((c) => [c, total > 0 ? raw[c] / total : 1 / SELECTION_CRITERIA.length])) as Record<SelectionCriterion, number>;
}

/** Products in ranking order under the given shares: not knocked out first, then by total (highest first), then register order. */
export function rankProducts(evaluations: ProductEvaluation[], share: Record<SelectionCriterion, number>): RankedProduct[] {
  const rows = evaluations.map((e) => {
    const contributions = Object.fromEntries(SELECTION_CRITERIA.map((c) => [c, share[c] * (e.scores[c] ?? 0)])) as Record<SelectionCriterion, number>;
    const exact = SELECTION_CRITERIA.reduce((s, c) => s + contributions[c], 0);
    return { e, exact, contributions };
  });
  rows.sort((a, b) => Number(a.e.knockedOut) - Number(b.e.knockedOut) || b.exact - a.exact || a.e.product.index - b.e.product.index);
  const out: RankedProduct[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    // Totals equal as shown (two decimals) share a place: rounding noise never splits a tie (as in decision 009).
    const tied = prev && prev.e.knockedOut === r.e.knockedOut && round(prev.exact) === round(r.exact);
    out.push({
      productId: r.e.product.rowId,
      name: r.e.product.name,
      rank: tied ? out[i - 1]!.rank : i + 1,
      total: round(r.exact),
      contributions: Object.fromEntries(SELECTION_CRITERIA.map((c) => [c, round(r.contributions[c])])) as Record<SelectionCriterion, number>,
      knockedOut: r.e.knockedOut,
      chosen: r.e.product.status === "chosen",
    });
  });
  return out;
}

const leaderOf = (ranking: RankedProduct[]) => {
  const top = ranking[0];
  if (!top || top.knockedOut) return null;
  // A tie for first place has no single leader.
  const second = ranking[1];
  if (second && !second.knockedOut && second.rank === top.rank) return null;
  return top.productId;
};

/** The shares when one criterion's weight moves by `shift` points (0–100 scale) and the others are rescaled to fill the rest. */
export function shiftedShares(share: Record<SelectionCriterion, number>, criterion: SelectionCriterion, shift: number): Record<SelectionCriterion, number> {
  const mine = Math.min(1, Math.max(0, share[criterion] + shift / 100));
  const others = SELECTION_CRITERIA.filter((c) => c !== criterion);
  const rest = others.reduce((s, c) => s + share[c], 0);
  const out = { [criterion]: mine } as Record<SelectionCriterion, number>;
  for (const c of others) out[c] = rest > 0 ? (share[c] / rest) * (1 - mine) : (1 - mine) / others.length;
  return out;
}

export function sensitivityOf(evaluations: ProductEvaluation[], share: Record<SelectionCriterion, number>, step: number): Sensitivity {
  const leader = leaderOf(rankProducts(evaluations, share));
  const at = (criterion: SelectionCriterion, shift: number): SensitivityShift => {
    const s = shiftedShares(share, criterion, shift);
    const ranking = rankProducts(evaluations, s);
    const l = leaderOf(ranking);
    return { shift, share: round(s[criterion], 4), order: ranking.map((r) => r.productId), leader: l, leaderChanges: l !== leader };
  };
  // The leader under shifted shares, without building a ranking (the search below tries up to 200 shifts per criterion).
  const contenders = evaluations.filter((e) => !e.knockedOut);
  const leaderAt = (criterion: SelectionCriterion, shift: number): number | null => {
    const s = shiftedShares(share, criterion, shift);
    let best: ProductEvaluation | null = null;
    let bestTotal = -Infinity;
    let secondTotal = -Infinity;
    for (const e of contenders) {
      let total = 0;
      for (const c of SELECTION_CRITERIA) total += s[c] * (e.scores[c] ?? 0);
      if (total > bestTotal || (total === bestTotal && best && e.product.index < best.product.index)) {
        secondTotal = bestTotal;
        bestTotal = total;
        best = e;
      } else if (total > secondTotal) secondTotal = total;
    }
    if (!best || round(secondTotal) === round(bestTotal)) return null;
    return best.product.rowId;
  };
  const criteria = SELECTION_CRITERIA.map((criterion): CriterionSensitivity => {
    let tippingShift: CriterionSensitivity["tippingShift"] = null;
    for (let d = 1; d <= 100 && !tippingShift; d++) {
      for (const shift of [d, -d]) {
        const mine = share[criterion] * 100 + shift;
        if (mine < -1e-9 || mine > 100 + 1e-9) continue;
        const l = leaderAt(criterion, shift);
        if (l !== leader) {
          tippingShift = { shift, leader: l };
          break;
        }
      }
    }
    return { criterion, up: at(criterion, step), down: at(criterion, -step), tippingShift };
  });
  return { step, leader, criteria, robust: criteria.every((c) => !c.up.leaderChanges && !c.down.leaderChanges) };
}

// ------------------------------------------------------------------ the model

/** Everything the selection page, the documents and the health check read; null when the pack has no selection. */
export function selectionModel(pack: Pack, data: ProjectAnswers): SelectionModel | null {
  const config = pack.selection;
  if (!config) return null;
  const requirements = readRequirements(config, data);
  const candidates = readCandidates(config, data);
  const scripts = readScripts(config, data);

  const responses = new Map<number, Map<number, Row>>();
  for (const r of rowsOf(data, config.vendorResponses)) {
    const vendor = refId(r.cells.vendor);
    const req = refId(r.cells.requirement);
    if (vendor === null || req === null) continue;
    if (!responses.has(vendor)) responses.set(vendor, new Map());
    responses.get(vendor)!.set(req, r);
  }
  const scriptIds = new Set(scripts.map((s) => s.rowId));
  const scores = new Map<number, Array<{ script: number; scorer: string; score: number }>>();
  for (const r of rowsOf(data, config.demoScores)) {
    const vendor = refId(r.cells.vendor);
    const script = refId(r.cells.script);
    const score = num(r.cells.score);
    if (vendor === null || script === null || score === null || !scriptIds.has(script)) continue;
    if (!scores.has(vendor)) scores.set(vendor, []);
    scores.get(vendor)!.push({ script, scorer: text(r.cells.scorer).toLocaleLowerCase(), score });
  }

  const products = candidates.filter(
    (c) => c.kind === "product" && (c.status === "short-list" || c.status === "chosen" || responses.has(c.rowId) || scores.has(c.rowId)),
  );

  const matrix: MatrixRow[] = requirements.map((requirement) => ({
    requirement,
    cells: products.map((p): MatrixCell => {
      const r = responses.get(p.rowId)?.get(requirement.rowId);
      const fit = r ? oneOf(r.cells.fit, FITS) : null;
      return {
        productId: p.rowId,
        responseRowId: r?.id ?? null,
        fit,
        effort: r ? num(r.cells.effort) : null,
        cost: r ? num(r.cells.cost) : null,
        comment: r ? text(r.cells.comment) : "",
        remedy: r ? text(r.cells.remedy) : "",
        knockOut: requirement.priority === config.knockOut.priority && (fit === null || fit === config.knockOut.fit),
      };
    }),
  }));

  const totalWeight = requirements.reduce((s, r) => s + r.weight, 0);
  const costs = products.map((p) => p.cost).filter((c): c is number => c !== null && c >= 0);
  const lowestCost = costs.length ? Math.min(...costs) : null;

  const evaluations = products.map((product, col): ProductEvaluation => {
    const cells = matrix.map((m) => m.cells[col]!);
    const earned = matrix.reduce((s, m, i) => {
      const fit = cells[i]!.fit;
      return s + m.requirement.weight * (fit ? (config.fitScores[fit] ?? 0) : 0);
    }, 0);
    const fitScore = totalWeight > 0 ? round((earned / totalWeight) * 100) : 0;
    const knockOuts = matrix.filter((_, i) => cells[i]!.knockOut).map((m) => m.requirement.rowId);
    const sum = (pick: (c: MatrixCell) => number | null) => {
      const vals = cells.map(pick).filter((v): v is number => v !== null);
      return vals.length ? round(vals.reduce((a, b) => a + b, 0)) : null;
    };

    const mine = scores.get(product.rowId) ?? [];
    const perScript = scripts.map((s) => {
      const list = mine.filter((x) => x.script === s.rowId);
      const mean = list.length ? list.reduce((a, b) => a + b.score, 0) / list.length : null;
      return { scriptId: s.rowId, raw: mean, mean: mean === null ? null : round(mean), score: scale100(mean), scores: list.length };
    });
    // Average the scripts' unrounded means: rounding each first can move the score (3.5 read as 3.4975).
    const scored = perScript.filter((p) => p.raw !== null);
    const demoMean = scored.length ? scored.reduce((a, b) => a + b.raw!, 0) / scored.length : null;
    const demo: DemoResult = {
      perScript: perScript.map(({ raw: _raw, ...rest }) => rest),
      mean: demoMean === null ? null : round(demoMean),
      score: scale100(demoMean),
      scorers: new Set(mine.map((x) => x.scorer)).size,
      scriptsScored: scored.length,
    };

    const costScore = product.cost === null || lowestCost === null ? null : product.cost <= 0 ? 100 : round((lowestCost / product.cost) * 100);
    const referencesScore = scale100(product.references);
    const partnerScore = scale100(product.partnerStrength);
    return {
      product,
      fitScore,
      answered: cells.filter((c) => c.fit !== null).length,
      knockOuts,
      knockedOut: knockOuts.length > 0,
      demo,
      demoScore: demo.score,
      costScore,
      referencesScore,
      partnerScore,
      scores: { fit: fitScore, demo: demo.score, cost: costScore, references: referencesScore, partner: partnerScore },
      responseEffort: sum((c) => c.effort),
      responseCost: sum((c) => c.cost),
    };
  });

  const weights = readWeights(config, data);
  const ranking = rankProducts(evaluations, weights.share);
  const leader = leaderOf(ranking);
  const period = num(data.answers.get(config.costPeriod)?.value);
  const decision = data.answers.get(config.decision.date)?.value;
  return {
    config,
    requirements,
    candidates,
    products,
    chosen: {
      products: candidates.filter((c) => c.status === "chosen" && c.kind === "product"),
      partners: candidates.filter((c) => c.status === "chosen" && c.kind === "partner"),
    },
    matrix,
    scripts,
    evaluations,
    weights,
    ranking,
    leader,
    sensitivity: sensitivityOf(evaluations, weights.share, config.sensitivityStep),
    costPeriod: period,
    decisionDate: typeof decision === "string" && /^\d{4}-\d{2}-\d{2}$/.test(decision) ? decision : null,
  };
}
