/**
 * What the selection page and the response sheet show, in one language:
 * the sheet's input (the project's requirements with their priority and goal
 * in words, the RFP's dates formatted), and the page's tables built from
 * the evaluation (app/domain/selection.ts).
 */
import { findItem } from "#methodology/load.ts";
import type { Language, Pack, RegisterItem } from "#methodology/schema.ts";
import type { ProjectAnswers } from "#app/domain/project-answers.ts";
import { fitLevelsOf, numberedRequirements, productCandidates, SHEET_ITEMS, type ResponseSheetInput } from "#app/domain/response-sheet.ts";
import { selectionModel, SELECTION_CRITERIA } from "#app/domain/selection.ts";
import { formatDate, formatNumber, localDigits } from "./format.ts";

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

/** Everything the response sheet is built from, in the project's deliverable language. */
export function responseSheetInput(
  pack: Pack,
  project: { id: number; createdAt: string; name: string; clientOrganisation: string },
  data: ProjectAnswers,
  lang: Language,
  vendorRowId: number | null,
): ResponseSheetInput | null {
  const register = findItem(pack, SHEET_ITEMS.requirements) as RegisterItem | undefined;
  const priority = register?.columns.find((c) => c.id === "priority");
  const priorityWords = new Map(priority && priority.type === "choice" ? priority.options.map((o) => [o.id, o.label[lang]]) : []);
  const goals = new Map((data.rows.get(SHEET_ITEMS.goals) ?? []).map((g) => [g.id, text(g.cells.goal)]));
  const vendor = vendorRowId === null ? null : productCandidates(data.rows).find((c) => c.rowId === vendorRowId);
  if (vendor === undefined) return null;
  const answer = (id: string) => data.answers.get(id)?.value;
  const date = (id: string) => {
    const v = answer(id);
    return typeof v === "string" && v ? formatDate(v, lang) : null;
  };
  return {
    lang,
    project: { id: project.id, createdAt: project.createdAt, name: project.name, client: project.clientOrganisation },
    requirementsItemId: SHEET_ITEMS.requirements,
    requirements: numberedRequirements(data.rows).map((r) => ({
      rowId: r.rowId,
      number: r.number,
      text: r.text,
      description: text(r.cells.description),
      priority: priorityWords.get(text(r.cells.priority)) ?? "",
      goal: goals.get(Number(r.cells.goal)) ?? "",
    })),
    fitLevels: fitLevelsOf(pack),
    rfp: { issueDate: date("selection.rfp-issue-date"), dueDate: date("selection.rfp-due-date"), contact: text(answer("selection.rfp-contact")) || null },
    vendor: vendor ? { rowId: vendor.rowId, name: vendor.name } : null,
  };
}

export const SELECTION_PHASE = "selection";

/** The items the selection page shows: every item of the selection phase; null when the pack has no selection. */
export function selectionItemIds(pack: Pack): string[] | null {
  const phase = pack.selection ? pack.phases.find((p) => p.id === SELECTION_PHASE) : undefined;
  return phase ? phase.steps.flatMap((s) => s.items.map((i) => i.id)) : null;
}

export type EvaluationView = {
  products: Array<{ id: number; name: string }>;
  matrix: Array<{ rowId: number; number: string; text: string; priority: string; cells: Array<{ fit: string | null; word: string; knockout: boolean }> }>;
  criteria: Array<{ id: string; word: string; weightText: string }>;
  ranking: Array<{ id: number; name: string; rankText: string; totalText: string; knockedOut: boolean; knockouts: string; contributions: string[]; missing: boolean[] }>;
  sensitivity: Array<{ criterion: string; text: string }>;
  /** Whether the weights are the project's or the pack's defaults. */
  weightsFrom: "project" | "default";
  /** Said beside the weights when they are the method's defaults (the weights register is empty); null otherwise. */
  weightsNote: string | null;
  /** Every product evaluated has every criterion's input: only then does the sensitivity say something. */
  inputsComplete: boolean;
};

const WORDS = {
  en: {
    notAnswered: "—",
    percent: (n: string) => `${n}%`,
    list: ", ",
    stays: (step: string, leader: string) => `moving its weight ${step} points either way leaves ${leader} in the lead`,
    upChanges: (step: string, leader: string) => `${step} points more puts ${leader} in the lead`,
    downChanges: (step: string, leader: string) => `${step} points less puts ${leader} in the lead`,
    tipping: (up: boolean, points: string, leader: string) => `${leader} would lead only if this weight ${up ? "rose" : "fell"} by ${points} points`,
    never: "no change of this weight alone changes the leader",
    nobody: "no product",
    missing: { fit: "no answers yet", demo: "no demo scores yet", cost: "no price yet", references: "no reference checks yet", partner: "no partner rating yet" },
    defaults: "defaults, not yet agreed",
  },
  fa: {
    notAnswered: "—",
    percent: (n: string) => `${n}٪`,
    list: "، ",
    stays: (step: string, leader: string) => `با ${step} امتیاز جابه‌جایی وزن آن به هر سو، ${leader} همچنان پیشتاز است`,
    upChanges: (step: string, leader: string) => `با ${step} امتیاز افزایش وزن، ${leader} پیشتاز می‌شود`,
    downChanges: (step: string, leader: string) => `با ${step} امتیاز کاهش وزن، ${leader} پیشتاز می‌شود`,
    tipping: (up: boolean, points: string, leader: string) => `${leader} تنها در صورتی پیشتاز می‌شود که این وزن ${points} امتیاز ${up ? "افزایش" : "کاهش"} یابد`,
    never: "هیچ تغییری در این وزن به‌تنهایی پیشتاز را عوض نمی‌کند",
    nobody: "هیچ محصولی",
    missing: { fit: "هنوز پاسخی نیامده", demo: "هنوز امتیاز نمایشی نیست", cost: "هنوز قیمتی نیامده", references: "هنوز بررسی سابقه‌ای نیست", partner: "هنوز ارزیابی شریک نیست" },
    defaults: "پیش‌فرض؛ هنوز توافق نشده",
  },
} as const;

/** The fit-gap matrix, the ranking with each criterion's contribution and the sensitivity, in one language. */
export function evaluationView(pack: Pack, data: ProjectAnswers, lang: Language): EvaluationView | null {
  const model = selectionModel(pack, data);
  if (!model) return null;
  const w = WORDS[lang];
  const words = (itemId: string, columnId: string) => {
    const item = findItem(pack, itemId);
    const col = item?.kind === "register" ? item.columns.find((c) => c.id === columnId) : undefined;
    return new Map(col && col.type === "choice" ? col.options.map((o) => [o.id, o.label[lang]]) : []);
  };
  const fitWords = words(model.config.vendorResponses, "fit");
  const priorityWords = words(model.config.requirements, "priority");
  const criterionWords = words(model.config.weights, "criterion");
  const num = (n: number, places = 1) => formatNumber(Math.round(n * 10 ** places) / 10 ** places, lang);
  const names = new Map(model.candidates.map((c) => [c.rowId, c.name]));
  const numbers = new Map(model.requirements.map((r) => [r.rowId, localDigits(r.number, lang)]));
  const nameOf = (id: number | null) => (id === null ? w.nobody : (names.get(id) ?? `#${id}`));
  // A criterion without input scores 0 in the total; the page says "no … yet" rather than a 0 that reads as a poor score.
  const missing = (productId: number, c: (typeof SELECTION_CRITERIA)[number]) => {
    const ev = model.evaluations.find((e) => e.product.rowId === productId);
    if (!ev) return false;
    return c === "fit" ? ev.answered === 0 : ev.scores[c] === null;
  };
  return {
    products: model.products.map((p) => ({ id: p.rowId, name: p.name })),
    matrix: model.matrix.map((m) => ({
      rowId: m.requirement.rowId,
      number: localDigits(m.requirement.number, lang),
      text: m.requirement.text,
      priority: m.requirement.priority ? (priorityWords.get(m.requirement.priority) ?? m.requirement.priority) : "—",
      cells: m.cells.map((c) => ({ fit: c.fit, word: c.fit ? (fitWords.get(c.fit) ?? c.fit) : w.notAnswered, knockout: c.knockOut })),
    })),
    criteria: SELECTION_CRITERIA.map((c) => ({ id: c, word: criterionWords.get(c) ?? c, weightText: w.percent(num(model.weights.share[c] * 100, 0)) })),
    ranking: model.ranking.map((r) => {
      const ev = model.evaluations.find((e) => e.product.rowId === r.productId);
      return {
        id: r.productId,
        name: r.name,
        rankText: localDigits(r.rank, lang),
        totalText: num(r.total),
        knockedOut: r.knockedOut,
        knockouts: (ev?.knockOuts ?? []).map((id) => numbers.get(id) ?? `#${id}`).join(w.list),
        contributions: SELECTION_CRITERIA.map((c) => (missing(r.productId, c) ? w.missing[c] : num(r.contributions[c]))),
        missing: SELECTION_CRITERIA.map((c) => missing(r.productId, c)),
      };
    }),
    sensitivity: model.sensitivity.criteria.map((s) => {
      const word = criterionWords.get(s.criterion) ?? s.criterion;
      const step = num(model.sensitivity.step, 0);
      const parts: string[] = [];
      if (!s.up.leaderChanges && !s.down.leaderChanges) parts.push(w.stays(step, nameOf(model.sensitivity.leader)));
      if (s.up.leaderChanges) parts.push(w.upChanges(step, nameOf(s.up.leader)));
      if (s.down.leaderChanges) parts.push(w.downChanges(step, nameOf(s.down.leader)));
      if (!s.up.leaderChanges && !s.down.leaderChanges) parts.push(s.tippingShift && s.tippingShift.leader !== null ? w.tipping(s.tippingShift.shift > 0, num(Math.abs(s.tippingShift.shift), 0), nameOf(s.tippingShift.leader)) : w.never);
      return { criterion: s.criterion, text: `${word} (${w.percent(num(model.weights.share[s.criterion] * 100, 0))}): ${parts.join(lang === "fa" ? "؛ " : "; ")}.` };
    }),
    weightsFrom: model.weights.from,
    weightsNote: model.weights.from === "default" ? w.defaults : null,
    inputsComplete: model.evaluations.length > 0 && model.evaluations.every((e) => SELECTION_CRITERIA.every((c) => !missing(e.product.rowId, c))),
  };
}
