/**
 * Finds, parses and checks methodology packs. Any problem throws a
 * MethodologyError whose message names the file and the item at fault, so a
 * bad definition stops the server with something a consultant can fix.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { registerRowSchema, suggestionCells } from "./values.ts";
import { SELECTION_CRITERIA, pack as packSchema, packFile, phase as phaseSchema, type Pack, type Item, type Phase, type RegisterItem, type Step } from "./schema.ts";
import { GOOD_PRACTICE_SOURCE } from "./good-practice.ts";
import { THRESHOLDS_NEEDED } from "./thresholds.ts";

/** The columns (id → allowed types) the planning pages read from each register they use. */
export const PLANNING_COLUMNS = {
  segments: { name: ["text"], size: ["number"], "profitability-band": ["choice"], "current-value": ["number"], "potential-value": ["number"], decision: ["choice"], "valued-contacts": ["long-text", "text"], "must-not": ["long-text", "text"] },
  touchpoints: { touchpoint: ["text"], segment: ["ref"], stage: ["choice"], channel: ["choice"], "initiated-by": ["choice"], consent: ["choice"], gap: ["long-text", "text"] },
  goals: { goal: ["text"], kpi: ["text"], unit: ["text"], baseline: ["number"], target: ["number"], moscow: ["choice"], stage: ["ref"], "target-date": ["date"], "tech-level": ["choice"], "tech-reason": ["long-text", "text"] },
  criteria: { name: ["text"], weight: ["number"], direction: ["choice"], axis: ["choice"] },
  scores: { goal: ["ref"], criterion: ["ref"], score: ["number"] },
  roadmap: { name: ["text"], start: ["date"], end: ["date"], "technology-level": ["choice"] },
  requirements: { requirement: ["text"], goal: ["ref"], touchpoint: ["ref"] },
  uatScenarios: { scenario: ["text"], requirement: ["ref"], status: ["choice"] },
} as const satisfies Record<string, Record<string, string[]>>;

/** The columns (id → allowed types) the selection page, evaluation and documents read (decision 030). */
export const SELECTION_COLUMNS = {
  candidates: { name: ["text"], kind: ["choice"], offering: ["text", "long-text"], status: ["choice"], reason: ["long-text", "text"], cost: ["number"], references: ["scale"], "partner-strength": ["scale"] },
  requirements: { requirement: ["text"], description: ["long-text", "text"], priority: ["choice"], goal: ["ref"] },
  vendorResponses: { vendor: ["ref"], requirement: ["ref"], fit: ["choice"], effort: ["number"], cost: ["number"], comment: ["long-text", "text"], remedy: ["long-text", "text"] },
  demoScripts: { script: ["text"], scenario: ["long-text", "text"], touchpoint: ["ref"], requirement: ["ref"] },
  demoScores: { vendor: ["ref"], script: ["ref"], scorer: ["text"], score: ["scale"], comment: ["text", "long-text"] },
  weights: { criterion: ["choice"], weight: ["number"], why: ["text", "long-text"] },
} as const satisfies Record<string, Record<string, string[]>>;

/** Option ids the selection reads from choice columns (register key → column → options that must exist). */
const SELECTION_OPTIONS = {
  candidates: { kind: ["product", "partner"], status: ["long-list", "short-list", "rejected", "chosen"] },
  weights: { criterion: [...SELECTION_CRITERIA] },
} as const;

export class MethodologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MethodologyError";
  }
}

/** Where the packs shipped with Gambegam live. */
export const BUILT_IN_PACKS_DIR = path.resolve(process.cwd(), "methodology", "packs");

function readYaml(file: string): unknown {
  try {
    return parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new MethodologyError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

/** Describes a zod issue path, naming the nearest item / step / phase by its id. */
function describeIssue(raw: unknown, issuePath: PropertyKey[]): string {
  let node: unknown = raw;
  let owner = "";
  for (const key of issuePath) {
    if (node && typeof node === "object" && key in (node as object)) {
      node = (node as Record<PropertyKey, unknown>)[key];
      const id = node && typeof node === "object" ? (node as { id?: unknown }).id : undefined;
      if (typeof id === "string") owner = id;
    } else break;
  }
  const where = issuePath.map(String).join(".");
  return owner ? `'${owner}' (at ${where || "top level"})` : `at ${where || "top level"}`;
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((issue) => `  - ${describeIssue(raw, issue.path)}: ${issue.message}`);
  throw new MethodologyError(`${file}: the methodology definition is invalid:\n${lines.join("\n")}`);
}

/** Reads one pack folder: pack.yaml plus optional phases/*.yaml. */
export function loadPackDir(dir: string): Pack {
  const packPath = path.join(dir, "pack.yaml");
  const head = parseWith(packFile, readYaml(packPath), packPath);
  const phases: Phase[] = [...head.phases];
  const phasesDir = path.join(dir, "phases");
  if (fs.existsSync(phasesDir)) {
    for (const name of fs.readdirSync(phasesDir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const file = path.join(phasesDir, name);
      phases.push(parseWith(phaseSchema, readYaml(file), file));
    }
  }
  const candidate = parseWith(packSchema, { ...head, phases }, packPath);
  checkReferences(candidate, dir);
  return candidate;
}

/** Cross-checks that zod alone cannot express: unique ids, known sources, references. */
export function checkReferences(p: Pack, where: string): void {
  const problems: string[] = [];
  const sources = new Set(p.sources.map((s) => s.file));
  const seen = new Map<string, string>();
  const claim = (kind: string, id: string) => {
    const key = `${kind}:${id}`;
    if (seen.has(key)) problems.push(`${kind} id '${id}' is used twice`);
    seen.set(key, id);
  };
  const items = new Map<string, Item>();
  for (const ph of p.phases) {
    claim("phase", ph.id);
    if (ph.source && !sources.has(ph.source)) problems.push(`phase '${ph.id}': source '${ph.source}' is not listed in the pack's sources`);
    for (const st of ph.steps) {
      claim("step", st.id);
      for (const it of st.items) {
        claim("item", it.id);
        items.set(it.id, it);
        if (!sources.has(it.source)) problems.push(`item '${it.id}': source '${it.source}' is not listed in the pack's sources`);
      }
    }
  }
  for (const it of items.values()) {
    if (it.kind === "question" && it.answer.type === "choice") {
      const ids = it.answer.options.map((o) => o.id);
      if (new Set(ids).size !== ids.length) problems.push(`item '${it.id}': two options share an id`);
    }
    if (it.kind === "question" && it.answer.type === "scale" && it.answer.min >= it.answer.max) {
      problems.push(`item '${it.id}': scale min must be below max`);
    }
    if (it.kind === "question" && it.answer.type === "number" && it.answer.min !== undefined && it.answer.max !== undefined && it.answer.min > it.answer.max) {
      problems.push(`item '${it.id}': number min is above max`);
    }
    if (it.kind === "register") {
      const columnIds = it.columns.map((c) => c.id);
      if (new Set(columnIds).size !== columnIds.length) problems.push(`item '${it.id}': two columns share an id`);
      if (it.tableColumns) {
        it.tableColumns.forEach((c, i) => {
          if (!columnIds.includes(c)) problems.push(`item '${it.id}': tableColumns names '${c}', which is not one of its columns`);
          else if (it.tableColumns!.indexOf(c) !== i) problems.push(`item '${it.id}': tableColumns names '${c}' twice`);
        });
      } else if (it.columns.length > 4) problems.push(`item '${it.id}' has ${it.columns.length} columns: say which its table shows (tableColumns)`);
      for (const col of it.columns) {
        if (col.type === "ref") {
          const target = items.get(col.register);
          if (!target || target.kind !== "register") problems.push(`item '${it.id}': column '${col.id}' refers to '${col.register}', which is not a register of this pack`);
        }
        if (col.type === "choice" && new Set(col.options.map((o) => o.id)).size !== col.options.length) {
          problems.push(`item '${it.id}': column '${col.id}' has two options with the same id`);
        }
      }
      it.suggestions.forEach((row, index) => {
        const where = `item '${it.id}': suggestion ${index + 1}`;
        for (const [key, value] of Object.entries(row)) {
          const col = it.columns.find((c) => c.id === key);
          if (!col) {
            problems.push(`${where} names unknown column '${key}'`);
            continue;
          }
          const words = col.type === "text" || col.type === "long-text";
          if (typeof value === "object" && !words) problems.push(`${where}: column '${key}' holds ${col.type === "choice" ? "an option id" : `a ${col.type}`}, not words in two languages`);
          if (typeof value === "string" && words && /\p{L}/u.test(value)) problems.push(`${where}: the words in column '${key}' need a Persian and an English version ({ fa, en })`);
        }
        for (const lang of ["fa", "en"] as const) {
          const parsed = registerRowSchema(it).safeParse(suggestionCells(row, lang));
          if (!parsed.success) problems.push(`${where} is not a valid row in ${lang}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
        }
      });
    }
  }
  if (p.team) {
    const reg = items.get(p.team.register);
    if (!reg || reg.kind !== "register") {
      problems.push(`team: register '${p.team.register}' is not a register item of this pack`);
    } else {
      const col = reg.columns.find((c) => c.id === p.team!.roleColumn);
      if (!col || col.type !== "choice") {
        problems.push(`team: column '${p.team.roleColumn}' of '${reg.id}' must be a choice column`);
      } else {
        for (const role of p.team.roles) {
          if (!col.options.some((o) => o.id === role.id)) problems.push(`team role '${role.id}' is not an option of column '${col.id}' of '${reg.id}'`);
          if (!sources.has(role.source)) problems.push(`team role '${role.id}': source '${role.source}' is not listed in the pack's sources`);
        }
      }
    }
  }
  const needRegister = (where: string, id: string, columns: Record<string, string[]>) => {
    const reg = items.get(id);
    if (!reg || reg.kind !== "register") {
      problems.push(`${where}: '${id}' is not a register item of this pack`);
      return;
    }
    for (const [colId, types] of Object.entries(columns)) {
      const col = reg.columns.find((c) => c.id === colId);
      if (!col || !types.includes(col.type)) problems.push(`${where}: register '${id}' needs a column '${colId}' of type ${types.join(" or ")}`);
    }
  };
  const needItems = (where: string, ids: string[]) => {
    for (const id of ids) if (!items.has(id) || items.get(id)!.kind === "info") problems.push(`${where}: section '${id}' is not an answerable item of this pack`);
  };
  if (p.changeManagement) {
    const cm = p.changeManagement;
    if (!sources.has(cm.source)) problems.push(`changeManagement: source '${cm.source}' is not listed in the pack's sources`);
    const topics = [...items.values()].filter((i) => i.tags.includes(cm.readiness.tag));
    if (topics.length === 0 || topics.some((i) => i.kind !== "rating")) problems.push(`changeManagement: items tagged '${cm.readiness.tag}' must exist and all be rating items`);
    needRegister("changeManagement", cm.impactedGroups, { group: ["text"], resistance: ["choice"], sponsor: ["text"], ...Object.fromEntries(cm.aspects.map((a) => [a, ["scale"]])) });
    needItems("changeManagement", cm.sections);
  }
  if (p.postLaunchReview) {
    const r = p.postLaunchReview;
    for (const s of [r.source]) if (!sources.has(s)) problems.push(`postLaunchReview: source '${s}' is not listed in the pack's sources`);
    const goLive = items.get(r.goLive);
    if (!goLive || goLive.kind !== "question" || goLive.answer.type !== "date") problems.push(`postLaunchReview: goLive '${r.goLive}' must be a date question`);
    needRegister("postLaunchReview", r.adoption, { period: ["date"], group: ["text", "choice"], active: ["number"], licensed: ["number"] });
    needRegister("postLaunchReview", r.kpiActuals, { goal: ["ref"], period: ["date"], actual: ["number"] });
    const goalRef = (items.get(r.kpiActuals) as RegisterItem | undefined)?.columns?.find((c) => c.id === "goal");
    if (goalRef?.type === "ref") needRegister("postLaunchReview", goalRef.register, { kpi: ["text"], baseline: ["text", "number"], target: ["text", "number"] });
    needRegister("postLaunchReview", r.metrics, { metric: ["text"], unit: ["text"], period: ["date"], target: ["number"], actual: ["number"] });
    needItems("postLaunchReview", r.sections);
  }
  if (p.planning) {
    const pl = p.planning;
    if (!sources.has(pl.source)) problems.push(`planning: source '${pl.source}' is not listed in the pack's sources`);
    for (const [key, columns] of Object.entries(PLANNING_COLUMNS)) needRegister("planning", pl[key as keyof typeof PLANNING_COLUMNS], columns as Record<string, string[]>);
    const method = items.get(pl.rankingMethod);
    if (!method || method.kind !== "question" || method.answer.type !== "choice" || !["weighted", "moscow"].every((o) => method.answer.type === "choice" && method.answer.options.some((x) => x.id === o)))
      problems.push(`planning: rankingMethod '${pl.rankingMethod}' must be a choice question with options 'weighted' and 'moscow'`);
    needItems("planning", [...pl.strategyQuestions, ...pl.vision]);
    if (pl.customerResearch) {
      needRegister("planning", pl.customerResearch, { method: ["choice"], customers: ["number"], date: ["date"], findings: ["long-text", "text"], informs: ["choice"] });
      const informs = (items.get(pl.customerResearch) as RegisterItem | undefined)?.columns?.find((c) => c.id === "informs");
      if (informs?.type === "choice")
        for (const o of informs.options)
          if (!items.has(o.id) || items.get(o.id)!.kind === "info") problems.push(`planning: customer research informs '${o.id}', which is not an answerable item of this pack`);
    }
    for (const id of Object.values(pl.pages).flat()) if (!items.has(id)) problems.push(`planning: page item '${id}' is not an item of this pack`);
  }
  if (p.selection) {
    const sel = p.selection;
    if (!sources.has(sel.source)) problems.push(`selection: source '${sel.source}' is not listed in the pack's sources`);
    for (const [key, columns] of Object.entries(SELECTION_COLUMNS)) needRegister("selection", sel[key as keyof typeof SELECTION_COLUMNS], columns as Record<string, string[]>);
    const choiceOptions = (registerId: string, columnId: string): string[] | null => {
      const reg = items.get(registerId);
      const col = reg?.kind === "register" ? reg.columns.find((c) => c.id === columnId) : undefined;
      return col?.type === "choice" ? col.options.map((o) => o.id) : null;
    };
    for (const [key, columns] of Object.entries(SELECTION_OPTIONS)) {
      const registerId = sel[key as keyof typeof SELECTION_OPTIONS];
      for (const [columnId, needed] of Object.entries(columns)) {
        const options = choiceOptions(registerId, columnId);
        if (options) for (const o of needed) if (!options.includes(o)) problems.push(`selection: column '${columnId}' of '${registerId}' needs the option '${o}'`);
      }
    }
    const refersTo = (registerId: string, columnId: string, target: string) => {
      const reg = items.get(registerId);
      const col = reg?.kind === "register" ? reg.columns.find((c) => c.id === columnId) : undefined;
      if (col?.type === "ref" && col.register !== target) problems.push(`selection: column '${columnId}' of '${registerId}' must refer to '${target}'`);
    };
    refersTo(sel.vendorResponses, "vendor", sel.candidates);
    refersTo(sel.vendorResponses, "requirement", sel.requirements);
    refersTo(sel.demoScores, "vendor", sel.candidates);
    refersTo(sel.demoScores, "script", sel.demoScripts);
    const fits = choiceOptions(sel.vendorResponses, "fit");
    if (fits) {
      const scored = Object.keys(sel.fitScores);
      for (const f of fits) if (!scored.includes(f)) problems.push(`selection: fitScores has no score for the fit level '${f}'`);
      for (const f of scored) if (!fits.includes(f)) problems.push(`selection: fitScores names '${f}', which is not a fit level of '${sel.vendorResponses}'`);
      if (!fits.includes(sel.knockOut.fit)) problems.push(`selection: knockOut fit '${sel.knockOut.fit}' is not a fit level of '${sel.vendorResponses}'`);
    }
    const priorities = choiceOptions(sel.requirements, "priority");
    if (priorities) {
      for (const pr of priorities) if (!(pr in sel.priorityWeights)) problems.push(`selection: priorityWeights has no weight for the priority '${pr}'`);
      for (const pr of Object.keys(sel.priorityWeights)) if (!priorities.includes(pr)) problems.push(`selection: priorityWeights names '${pr}', which is not a priority of '${sel.requirements}'`);
      if (!priorities.includes(sel.knockOut.priority)) problems.push(`selection: knockOut priority '${sel.knockOut.priority}' is not a priority of '${sel.requirements}'`);
    }
    if (Object.values(sel.defaultWeights).every((w) => w === 0)) problems.push("selection: defaultWeights are all zero");
    const question = (id: string, types: string[]) => {
      const it = items.get(id);
      if (!it || it.kind !== "question" || !types.includes(it.answer.type)) problems.push(`selection: '${id}' must be a question answered by ${types.join(" or ")}`);
    };
    question(sel.costPeriod, ["number"]);
    question(sel.rfp.issueDate, ["date"]);
    question(sel.rfp.dueDate, ["date"]);
    question(sel.rfp.contact, ["short-text", "long-text"]);
    question(sel.decision.date, ["date"]);
    question(sel.decision.decidedBy, ["short-text", "long-text"]);
    question(sel.decision.reasons, ["long-text", "short-text"]);
    question(sel.decision.gapRemedies, ["long-text", "short-text"]);
    question(sel.decision.notes, ["long-text", "short-text"]);
  }
  if (p.healthCheck) {
    const h = p.healthCheck;
    const concerns = new Set(h.concerns.map((c) => c.id));
    for (const c of h.concerns) if (!sources.has(c.source)) problems.push(`healthCheck: concern '${c.id}': source '${c.source}' is not listed in the pack's sources`);
    const seen = new Set<string>();
    for (const r of h.rules) {
      if (seen.has(r.id)) problems.push(`healthCheck: rule '${r.id}' is defined twice`);
      seen.add(r.id);
      if (!concerns.has(r.concern)) problems.push(`healthCheck: rule '${r.id}' concerns '${r.concern}', which is not among the concerns`);
      if (!sources.has(r.source)) problems.push(`healthCheck: rule '${r.id}': source '${r.source}' is not listed in the pack's sources`);
      if (r.fix.item && !items.has(r.fix.item)) problems.push(`healthCheck: rule '${r.id}' fixes '${r.fix.item}', which is not an item of this pack`);
      for (const [name, id] of Object.entries(r.reads)) if (!items.has(id)) problems.push(`healthCheck: rule '${r.id}' reads ${name} '${id}', which is not an item of this pack`);
      if (r.fix.page === "step" && !r.fix.item) problems.push(`healthCheck: rule '${r.id}' links to a step page but names no item`);
      if (r.escalate && !p.phases.some((ph) => ph.id === r.escalate!.phase)) problems.push(`healthCheck: rule '${r.id}' escalates on phase '${r.escalate.phase}', which is not a phase of this pack`);
    }
  }
  checkThresholds(p, sources, problems);
  if (problems.length) {
    throw new MethodologyError(`${where}: the methodology definition is invalid:\n${problems.map((m) => `  - ${m}`).join("\n")}`);
  }
}

/** Thresholds: declared once each, with a known source; every one a part of the pack reads is declared. */
function checkThresholds(p: Pack, sources: Set<string>, problems: string[]): void {
  const declared = new Map(p.thresholds.map((t) => [t.id, t]));
  const rules = new Set(p.healthCheck?.rules.map((r) => r.id) ?? []);
  const seen = new Set<string>();
  for (const t of p.thresholds) {
    if (seen.has(t.id)) problems.push(`thresholds: '${t.id}' is declared twice`);
    seen.add(t.id);
    if (!sources.has(t.source)) problems.push(`threshold '${t.id}': source '${t.source}' is not listed in the pack's sources`);
    if (t.source === GOOD_PRACTICE_SOURCE && t.sourceSays) problems.push(`threshold '${t.id}': Gambegam's own default has no 'sourceSays' (use 'basis')`);
    if (t.source !== GOOD_PRACTICE_SOURCE && !t.sourceSays) problems.push(`threshold '${t.id}': a number from a source says what the source says ('sourceSays')`);
    for (const r of t.rules) if (!rules.has(r)) problems.push(`threshold '${t.id}' is used by rule '${r}', which is not a rule of the health check`);
  }
  const need = (part: string, ids: readonly string[]) => {
    for (const id of ids) if (!declared.has(id)) problems.push(`${part} reads threshold '${id}', which is not declared under 'thresholds'`);
  };
  if (p.changeManagement) need("changeManagement", THRESHOLDS_NEEDED.changeManagement);
  if (p.planning) need("planning", THRESHOLDS_NEEDED.planning);
  if (rules.has("requirements-before-strategy")) need("healthCheck rule 'requirements-before-strategy'", THRESHOLDS_NEEDED["rule:requirements-before-strategy"]);
  for (const r of p.postLaunchReview?.adoptionReference ?? []) {
    need("postLaunchReview", [r.threshold]);
    if (declared.has(r.threshold) && declared.get(r.threshold)!.unit !== "percent") problems.push(`postLaunchReview: threshold '${r.threshold}' must be a percent`);
  }
}

/** Every folder below `root` that holds a pack.yaml (root/<id>/<version>/pack.yaml or root/pack.yaml). */
export function findPackDirs(root: string): string[] {
  if (!fs.existsSync(root)) throw new MethodologyError(`${root}: methodology folder not found`);
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (fs.existsSync(path.join(dir, "pack.yaml"))) {
      found.push(dir);
      return;
    }
    if (depth === 0) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), depth - 1);
    }
  };
  walk(root, 2);
  return found.sort();
}

export type PackRegistry = {
  packs: Pack[];
  get(id: string, version: string): Pack | undefined;
  /** The newest version of each pack, for starting new projects. */
  latest(): Pack[];
};

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export function loadPacks(roots: string[]): PackRegistry {
  const packs: Pack[] = [];
  for (const root of roots) {
    for (const dir of findPackDirs(root)) {
      const p = loadPackDir(dir);
      if (packs.some((q) => q.id === p.id && q.version === p.version)) {
        throw new MethodologyError(`${dir}: pack '${p.id}' version ${p.version} is defined twice`);
      }
      packs.push(p);
    }
  }
  if (packs.length === 0) throw new MethodologyError(`no methodology pack found in ${roots.join(", ")}`);
  return {
    packs,
    get: (id, version) => packs.find((p) => p.id === id && p.version === version),
    latest: () => {
      const best = new Map<string, Pack>();
      for (const p of packs) {
        const cur = best.get(p.id);
        if (!cur || compareVersions(p.version, cur.version) > 0) best.set(p.id, p);
      }
      return [...best.values()].sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

/** Flat views of a pack used across the app. */
export function allSteps(p: Pack): Array<{ phase: Phase; step: Step; index: number }> {
  const out: Array<{ phase: Phase; step: Step; index: number }> = [];
  for (const ph of p.phases) for (const st of ph.steps) out.push({ phase: ph, step: st, index: out.length });
  return out;
}

export function allItems(p: Pack): Array<{ phase: Phase; step: Step; item: Item }> {
  return allSteps(p).flatMap(({ phase, step }) => step.items.map((item) => ({ phase, step, item })));
}

export function findItem(p: Pack, itemId: string): Item | undefined {
  for (const ph of p.phases) for (const st of ph.steps) for (const it of st.items) if (it.id === itemId) return it;
  return undefined;
}
