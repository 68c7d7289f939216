/**
 * The shape of a methodology pack. A pack is data (YAML files under
 * methodology/packs/<pack-id>/<version>/), checked by these schemas when the
 * server starts; nothing here knows about CRM — a firm can ship its own pack.
 */
import { z } from "zod";

export const LANGUAGES = ["fa", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text in both languages; neither may be blank. */
export const localized = z.strictObject({
  fa: z.string().trim().min(1, "Persian text (fa) is empty"),
  en: z.string().trim().min(1, "English text (en) is empty"),
});
export type Localized = z.infer<typeof localized>;

/** Stable ids: lower-case words joined by '-', optionally dotted (e.g. `vision.why-crm`). */
export const stableId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*$/, "ids are lower-case words joined by '-' or '.'");

const option = z.strictObject({
  id: stableId,
  label: localized,
});

const questionAnswer = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("short-text"), maxLength: z.number().int().positive().max(2000).default(300) }),
  z.strictObject({ type: z.literal("long-text"), maxLength: z.number().int().positive().max(50000).default(10000) }),
  z.strictObject({
    type: z.literal("choice"),
    multiple: z.boolean().default(false),
    options: z.array(option).min(2, "a choice needs at least two options"),
  }),
  z.strictObject({
    type: z.literal("scale"),
    min: z.number().int().default(1),
    max: z.number().int().default(5),
    minLabel: localized.optional(),
    maxLabel: localized.optional(),
  }),
  z.strictObject({ type: z.literal("date") }),
  z.strictObject({
    type: z.literal("number"),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    unit: localized.optional(),
  }),
]);
export type QuestionAnswer = z.infer<typeof questionAnswer>;

const registerColumn = z.discriminatedUnion("type", [
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("text"), maxLength: z.number().int().positive().max(2000).default(300) }),
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("long-text"), maxLength: z.number().int().positive().max(20000).default(4000) }),
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("choice"), options: z.array(option).min(2) }),
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("number"), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) }),
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("date") }),
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("scale"), min: z.number().int().default(1), max: z.number().int().default(5) }),
  /** A reference to a row of another register of the same pack (e.g. the goal a requirement serves). */
  z.strictObject({ id: stableId, label: localized, required: z.boolean().default(false), type: z.literal("ref"), register: stableId }),
]);
export type RegisterColumn = z.infer<typeof registerColumn>;

const itemBase = {
  id: stableId,
  /** The question, task or table title shown to the user. */
  title: localized,
  /** Why it is asked, how to answer: shown beside the item. */
  guidance: localized.optional(),
  /**
   * What the item is called as a section of a deliverable: a noun phrase
   * ("Obstacles management sees"), never the question. Items that appear in a
   * document carry one (decision 023).
   */
  heading: localized.optional(),
  /**
   * The seed document this item comes from (a file name listed in the pack's
   * `sources`), or `good-practice` (GOOD_PRACTICE_SOURCE) for content that is
   * professional practice rather than from the sources; a pack using it lists
   * it among its sources with a title that says so.
   */
  source: z.string().min(1),
  /** Free labels used by later features (e.g. `peril-1`, `success-factor-5`). */
  tags: z.array(stableId).default([]),
};

const answerableBase = {
  ...itemBase,
  /** Counts toward the phase's progress (answered / required). */
  required: z.boolean().default(false),
};

export const questionItem = z.strictObject({ ...answerableBase, kind: z.literal("question"), answer: questionAnswer });
export const checklistItem = z.strictObject({ ...answerableBase, kind: z.literal("checklist") });
/**
 * A score on a scale with the evidence behind it (e.g. one topic of a
 * readiness assessment). Items sharing a tag form an assessment.
 */
export const ratingItem = z
  .strictObject({
    ...answerableBase,
    kind: z.literal("rating"),
    /** A few words for charts and tables (the title is a full sentence). */
    shortTitle: localized.optional(),
    min: z.number().int().default(0),
    max: z.number().int().default(5),
    minLabel: localized.optional(),
    maxLabel: localized.optional(),
  })
  .refine((r) => r.max > r.min && r.max - r.min <= 10, { message: "a rating needs max > min and at most 11 points" });
export const registerItem = z.strictObject({
  ...answerableBase,
  kind: z.literal("register"),
  columns: z.array(registerColumn).min(1),
  /** With `required`, how many rows make the register count as answered. */
  minRows: z.number().int().min(1).default(1),
  maxRows: z.number().int().min(1).max(2000).default(500),
  /** Edited only on a planning page in its own form (e.g. the goal-score grid), not on the step page. */
  workbenchOnly: z.boolean().default(false),
  /**
   * The columns the register's table on the step page shows, in order (decision 048); the row's
   * form has every column. Without it the table shows every column, so a register of more than
   * four columns must name them (checked at load).
   */
  tableColumns: z.array(stableId).min(1).optional(),
  /**
   * Example rows a team can adopt with one click (values by column id). Words
   * come in both languages (`{ fa, en }`); ids, numbers and symbols as they are.
   */
  suggestions: z.array(z.record(z.string(), z.union([z.string(), z.number(), localized]))).default([]),
});
export const diagramItem = z.strictObject({
  ...answerableBase,
  kind: z.literal("diagram"),
  templates: z
    .array(
      z.strictObject({
        id: stableId,
        label: localized,
        /** Mermaid text; give fa and en versions when the labels are words. */
        definition: z.union([z.string().min(1), localized]),
      }),
    )
    .min(1, "a diagram needs at least one starter template"),
});
/** A fact, figure or warning from the sources: read, never answered. */
export const infoItem = z.strictObject({
  ...itemBase,
  kind: z.literal("info"),
  body: localized,
  tone: z.enum(["fact", "warning", "example"]).default("fact"),
});

export const item = z.discriminatedUnion("kind", [questionItem, checklistItem, ratingItem, registerItem, diagramItem, infoItem]);
export type Item = z.infer<typeof item>;
export type QuestionItem = z.infer<typeof questionItem>;
export type ChecklistItem = z.infer<typeof checklistItem>;
export type RatingItem = z.infer<typeof ratingItem>;
export type RegisterItem = z.infer<typeof registerItem>;
export type DiagramItem = z.infer<typeof diagramItem>;
export type InfoItem = z.infer<typeof infoItem>;
export type AnswerableItem = Exclude<Item, InfoItem>;

export const step = z.strictObject({
  id: stableId,
  title: localized,
  intro: localized.optional(),
  items: z.array(item).min(1, "a step needs at least one item"),
});
export type Step = z.infer<typeof step>;

export const phase = z.strictObject({
  id: stableId,
  title: localized,
  summary: localized,
  source: z.string().min(1).optional(),
  steps: z.array(step).min(1, "a phase needs at least one step"),
});
export type Phase = z.infer<typeof phase>;

/** A recommended role of the project team, filled by rows of the team register. */
const teamRole = z.strictObject({
  id: stableId,
  title: localized,
  /** What this role brings to the team. */
  brings: localized,
  source: z.string().min(1),
});

/**
 * Optional: the change-management workbench. Its registers must use the
 * column ids the workbench reads (checked when the pack loads):
 * impacted groups `group`, `resistance`, `sponsor` and one scale column per aspect.
 */
const changeManagement = z.strictObject({
  source: z.string().min(1),
  readiness: z.strictObject({
    /** Rating items with this tag are the readiness topics. */
    tag: stableId,
  }),
  impactedGroups: stableId,
  /** Scale columns of the impacted-groups register: how much each aspect of the work changes. */
  aspects: z.array(stableId).min(1),
  /** The items the page shows and the plan prints, in order (readiness topics come first). */
  sections: z.array(stableId).min(1),
});

/**
 * Optional: the post-launch review workbench. Column ids read: adoption
 * `period`, `group`, `active`, `licensed`; KPI actuals `goal` (a ref to the
 * goals register), `period`, `actual`; goals `kpi`, `baseline`, `target`;
 * metrics `metric`, `unit`, `period`, `target`, `actual`.
 */
const postLaunchReview = z.strictObject({
  source: z.string().min(1),
  /** The date question holding the go-live date: adoption references count months from it. */
  goLive: stableId,
  adoption: stableId,
  /**
   * Reference adoption levels (share of users, months after go-live): the
   * share is a threshold of the pack (`thresholds`), so a project can set its own.
   */
  adoptionReference: z.array(z.strictObject({ months: z.number().int().positive(), threshold: stableId, label: localized })).default([]),
  kpiActuals: stableId,
  metrics: stableId,
  sections: z.array(stableId).min(1),
});
/**
 * Optional: the planning pages — customer strategy, journey map, goal
 * prioritisation, roadmap and traceability. The column ids they read are
 * checked when the pack loads (see `PLANNING_COLUMNS` in load.ts).
 */
const planning = z.strictObject({
  source: z.string().min(1),
  segments: stableId,
  /** The customer-strategy questions answered once per project. */
  strategyQuestions: z.array(stableId).min(1),
  touchpoints: stableId,
  goals: stableId,
  rankingMethod: stableId,
  criteria: stableId,
  scores: stableId,
  roadmap: stableId,
  requirements: stableId,
  uatScenarios: stableId,
  /** Items at the root of the traceability chain (the vision). */
  vision: z.array(stableId).min(1),
  /**
   * The customer-research register: what customers said, each row naming in its `informs`
   * column (a choice whose option ids are item ids, checked at load) the answer it informs.
   */
  customerResearch: stableId.optional(),
  /** Items each page shows besides what it draws, in order. */
  pages: z.strictObject({
    strategy: z.array(stableId),
    journey: z.array(stableId),
    prioritisation: z.array(stableId),
    roadmap: z.array(stableId),
  }),
});

/** The criteria a software/partner selection weighs (decision 030). */
export const SELECTION_CRITERIA = ["fit", "demo", "cost", "references", "partner"] as const;
export type SelectionCriterion = (typeof SELECTION_CRITERIA)[number];

/**
 * Optional: software and partner selection (decision 030). Names the items
 * the selection page, the evaluation (app/domain/selection.ts) and the
 * documents read; their column ids are checked when the pack loads (see
 * `SELECTION_COLUMNS` in load.ts). The figures are good practice, not from
 * the sources: the pack says so in `source`.
 */
const selection = z.strictObject({
  source: z.string().min(1),
  candidates: stableId,
  requirements: stableId,
  vendorResponses: stableId,
  demoScripts: stableId,
  demoScores: stableId,
  weights: stableId,
  /** Number question: the years costs are compared over. */
  costPeriod: stableId,
  rfp: z.strictObject({ issueDate: stableId, dueDate: stableId, contact: stableId }),
  decision: z.strictObject({ date: stableId, decidedBy: stableId, reasons: stableId, gapRemedies: stableId, notes: stableId }),
  /** Share of a requirement's weight each fit level earns (option ids of the responses' `fit` column → 0..1). */
  fitScores: z.record(stableId, z.number().min(0).max(1)),
  /** Weight of a requirement by its priority (option ids of the requirements' `priority` column). */
  priorityWeights: z.record(stableId, z.number().min(0)),
  /** A product is knocked out by a requirement of this priority answered with this fit level (or not answered). */
  knockOut: z.strictObject({ priority: stableId, fit: stableId }),
  /** The weights used when a project has entered none. */
  defaultWeights: z.strictObject(Object.fromEntries(SELECTION_CRITERIA.map((c) => [c, z.number().min(0).max(100)])) as Record<SelectionCriterion, z.ZodNumber>),
  /** How many points a criterion's weight moves in the sensitivity analysis. */
  sensitivityStep: z.number().positive().max(50),
});
export type SelectionConfig = z.infer<typeof selection>;

export const HEALTH_PAGES = ["strategy", "journey", "prioritisation", "roadmap", "traceability", "change-management", "team", "step", "selection"] as const;

/**
 * Optional: the health check. Each rule is implemented in code under its id
 * (app/domain/health.ts); the pack says what it concerns, how severe it is,
 * why it matters, where it comes from and which page fixes it.
 */
const healthCheck = z.strictObject({
  concerns: z
    .array(
      z.strictObject({
        id: z.string().regex(/^(peril-[1-4]|factor-(10|[1-9]))$/, "a concern is peril-1..4 or factor-1..10"),
        title: localized,
        source: z.string().min(1),
        /** Set when no rule can check this concern from a project's data; says what to ask instead. */
        notChecked: localized.optional(),
      }),
    )
    .min(1),
  rules: z
    .array(
      z.strictObject({
        id: stableId,
        concern: z.string(),
        severity: z.enum(["high", "medium", "low"]),
        source: z.string().min(1),
        title: localized,
        why: localized,
        fix: z.strictObject({ page: z.enum(HEALTH_PAGES), item: stableId.optional() }),
        /** Items the rule reads, by the name its implementation uses. */
        reads: z.record(z.string(), stableId).default({}),
        /**
         * A finding grows more severe once a phase has gone for sign-off (awaiting, signed or
         * reopened after signing): e.g. a vision set without the customers' voice matters more
         * once the client is asked to approve it.
         */
        escalate: z.strictObject({ phase: stableId, severity: z.enum(["high", "medium", "low"]) }).optional(),
      }),
    )
    .min(1),
});
/**
 * A number the method's checks use that a project may set for itself (the
 * readiness gap, the first stage's share of goals…). `source` says whose
 * number it is: a seed file, when the seed gives it (`sourceSays` quotes
 * what the seed says), or `good-practice` for Gambegam's own default
 * (`basis`, when given, names the principle of the sources it puts into a
 * number — the sources themselves give none).
 */
const threshold = z
  .strictObject({
    id: stableId,
    default: z.number(),
    min: z.number(),
    max: z.number(),
    /** What the number counts, for the page and the documents. */
    unit: z.enum(["score", "gaps", "percent", "goals", "days", "segments"]),
    source: z.string().min(1),
    title: localized,
    /** What changes when the number changes. */
    does: localized,
    sourceSays: localized.optional(),
    basis: localized.optional(),
    /** Where the product reads the source's number differently from the source (e.g. applies it to every group). */
    reading: localized.optional(),
    /** Health rules that use the number (their findings name it). */
    rules: z.array(stableId).default([]),
    /** Pages that use the number (they show it and link to the method settings). */
    pages: z.array(z.enum(["health", "change-management", "roadmap", "post-launch-review"])).min(1),
  })
  .refine((t) => t.min <= t.default && t.default <= t.max, "a threshold's default lies between its min and max")
  .refine((t) => Number.isInteger(t.default) && Number.isInteger(t.min) && Number.isInteger(t.max), "a threshold is a whole number");
export type Threshold = z.infer<typeof threshold>;

export type PlanningConfig = z.infer<typeof planning>;
export type HealthCheckConfig = z.infer<typeof healthCheck>;
export type HealthRule = HealthCheckConfig["rules"][number];
export type ChangeManagementConfig = z.infer<typeof changeManagement>;
export type PostLaunchReviewConfig = z.infer<typeof postLaunchReview>;

export { GOOD_PRACTICE_SOURCE } from "./good-practice.ts";

export const packFile = z.strictObject({
  id: stableId,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "version must look like 1.0.0"),
  title: localized,
  description: localized,
  sources: z
    .array(z.strictObject({ file: z.string().min(1), title: localized, /** The year it was published, when known: documents cite it ("the 2002 article …"). */ year: z.number().int().optional() }))
    .min(1, "a pack lists the source documents its items refer to"),
  /** Optional: the register whose rows are the team, and its column that names a role. */
  team: z
    .strictObject({
      register: stableId,
      roleColumn: stableId,
      roles: z.array(teamRole).min(1),
    })
    .optional(),
  /**
   * Phase sign-off: `sequential` (the default) lets a phase be signed only
   * when every phase before it is signed; `any` lets phases be signed in any order.
   */
  changeManagement: changeManagement.optional(),
  postLaunchReview: postLaunchReview.optional(),
  planning: planning.optional(),
  selection: selection.optional(),
  healthCheck: healthCheck.optional(),
  /** The numbers the method's checks use that a project may set for itself (see `threshold`). */
  thresholds: z.array(threshold).default([]),
  signOff: z.strictObject({ order: z.enum(["sequential", "any"]).default("sequential") }).default({ order: "sequential" }),
  /** Phases may be written inline here, or as files under phases/ (appended in file-name order). */
  phases: z.array(phase).default([]),
});

export const pack = packFile.extend({
  phases: z.array(phase).min(1, "a pack needs at least one phase"),
});
export type Pack = z.infer<typeof pack>;
export type TeamRole = NonNullable<Pack["team"]>["roles"][number];
