/**
 * Workshop sessions, the pure part (no database): the kinds of activity, what
 * a configuration and a ballot may hold (zod), the cleaning of the room's text
 * (names, ideas, questions, options) and the summary of the votes that the
 * projector, the facilitator, the adoption and the documents read.
 *
 * Shared by the server (`workshop.server.ts`) and the pages (WS-UI): a page may
 * import this module; it never reaches the database.
 *
 * Statistics: the median and the quartiles are computed by linear
 * interpolation between the sorted values (the common "type 7" definition:
 * the quartile of 1,2,3,4 is 1.75 and 3.25); the spread is the interquartile
 * range q3 − q1. With one vote the spread is 0.
 */
import { z } from "zod";
import { stripInvisible } from "./text-hygiene.ts";

export const ACTIVITY_KINDS = ["ideas", "goal-scores", "readiness", "poll"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** An activity is drafted, then open (the room votes), then closed (no more votes; adoption possible). */
export const ACTIVITY_STATES = ["draft", "open", "closed"] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const WORKSHOP_LIMITS = {
  /** A participant's name, after trimming. */
  name: 60,
  /** One idea. */
  idea: 280,
  /** The question of an ideas activity or a poll. */
  question: 280,
  /** One poll option. */
  option: 80,
  pollOptionsMin: 2,
  pollOptionsMax: 8,
  /** Scores of goals (as in `goals.scores`) and readiness ratings. */
  scoreMin: 0,
  scoreMax: 5,
  /** Points a participant may spend across the goals (points mode), default and bounds. */
  pointsDefault: 10,
  pointsMin: 1,
  pointsMax: 100,
  /** Ideas one participant may send to one activity. */
  ideasPerParticipant: 30,
  /** Participants of one session. */
  participants: 200,
  /** Activities of one session. */
  activities: 30,
} as const;

/** The code people type to join: 6 characters from this alphabet (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const CODE_LENGTH = 6;

/** A typed code as stored: upper-cased, spaces and dashes removed; null when it cannot be a code. */
export function normaliseCode(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const c = raw.toUpperCase().replace(/[\s-]/g, "");
  if (c.length !== CODE_LENGTH) return null;
  for (const ch of c) if (!CODE_ALPHABET.includes(ch)) return null;
  return c;
}

/**
 * User text from the room: invisible characters and bidi controls removed
 * (decision 017), control characters and line breaks turned into spaces,
 * runs of spaces collapsed, trimmed. Returns "" for blank text; the caller
 * checks the length against its limit (the limit counts code points).
 */
export function cleanRoomText(raw: unknown): string {
  if (typeof raw !== "string") return "";
  return stripInvisible(raw)
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Length in code points (what a person counts). */
export const textLength = (s: string) => [...s].length;

/** A zod string of room text: cleaned, not blank, at most `max` code points; messages are locale keys. */
export function roomText(max: number) {
  return z
    .unknown()
    .transform((v) => cleanRoomText(v))
    .pipe(
      z
        .string()
        .min(1, "workshop.errors.blank")
        .refine((s) => textLength(s) <= max, { message: "workshop.errors.tooLong" }),
    );
}

// ---------------------------------------------------------------------------
// Configurations (what the facilitator sets when adding an activity)

export const ideasConfig = z.strictObject({
  /** A short-text/long-text question item of the session's step: chosen ideas are appended to its answer. */
  itemId: z.string().min(1).max(120),
  question: roomText(WORKSHOP_LIMITS.question),
});
export const goalScoresConfig = z.strictObject({
  mode: z.enum(["criteria", "points"]),
  /** Points mode: how many points each participant spends across the goals. */
  points: z.coerce.number().int().min(WORKSHOP_LIMITS.pointsMin).max(WORKSHOP_LIMITS.pointsMax).optional(),
});
export const readinessConfig = z.strictObject({});
export const pollConfig = z.strictObject({
  question: roomText(WORKSHOP_LIMITS.question),
  options: z.array(roomText(WORKSHOP_LIMITS.option)).min(WORKSHOP_LIMITS.pollOptionsMin, "workshop.errors.pollOptions").max(WORKSHOP_LIMITS.pollOptionsMax, "workshop.errors.pollOptions"),
});

export type IdeasConfig = z.infer<typeof ideasConfig>;
export type GoalScoresConfig = z.infer<typeof goalScoresConfig>;
export type ReadinessConfig = z.infer<typeof readinessConfig>;
export type PollConfig = z.infer<typeof pollConfig>;
export type ActivityConfig = IdeasConfig | GoalScoresConfig | ReadinessConfig | PollConfig;

export const CONFIG_SCHEMAS = {
  ideas: ideasConfig,
  "goal-scores": goalScoresConfig,
  readiness: readinessConfig,
  poll: pollConfig,
} as const satisfies Record<ActivityKind, z.ZodType>;

// ---------------------------------------------------------------------------
// What is scored: the activity's subjects, taken from the project when the activity opens

/** Text in both languages (pack items) or the project's own text (goals, criteria, poll options). */
export type Label = { fa: string; en: string } | string;

/** What a ballot of the activity may score; ids are strings (register row ids as text, item ids). */
export type ActivitySubjects =
  | { kind: "ideas"; question: string }
  | { kind: "goal-scores"; mode: "criteria"; goals: Array<{ id: string; label: string }>; criteria: Array<{ id: string; label: string }> }
  | { kind: "goal-scores"; mode: "points"; points: number; goals: Array<{ id: string; label: string }> }
  | { kind: "readiness"; topics: Array<{ id: string; label: Label }> }
  | { kind: "poll"; question: string; options: string[] };

const score = z.coerce.number().int("workshop.errors.score").min(WORKSHOP_LIMITS.scoreMin, "workshop.errors.score").max(WORKSHOP_LIMITS.scoreMax, "workshop.errors.score");

/**
 * The zod schema of one ballot for these subjects. Ballots may be partial
 * (a participant scores some goals only), but never name anything outside the
 * activity. Shapes:
 * - goal-scores, criteria: `{ scores: { [goalId]: { [criterionId]: 0..5 } } }`
 * - goal-scores, points:   `{ points: { [goalId]: integer ≥ 0 } }`, total ≤ the activity's points
 * - readiness:             `{ ratings: { [itemId]: 0..5 } }`
 * - poll:                  `{ option: index }` (0-based)
 * Ideas have no ballot (see `sendIdea`).
 */
export function ballotSchema(s: ActivitySubjects): z.ZodType<Ballot> {
  const within = (ids: string[]) => (k: string) => ids.includes(k);
  switch (s.kind) {
    case "goal-scores":
      if (s.mode === "criteria") {
        const goals = s.goals.map((g) => g.id);
        const criteria = s.criteria.map((c) => c.id);
        return z.strictObject({
          scores: z
            .record(z.string().refine(within(goals), "workshop.errors.unknownSubject"), z.record(z.string().refine(within(criteria), "workshop.errors.unknownSubject"), score))
            .refine((r) => Object.values(r).some((c) => Object.keys(c).length > 0), "workshop.errors.emptyBallot"),
        }) as z.ZodType<Ballot>;
      } else {
        const goals = s.goals.map((g) => g.id);
        const budget = s.points;
        return z.strictObject({
          points: z
            .record(z.string().refine(within(goals), "workshop.errors.unknownSubject"), z.coerce.number().int("workshop.errors.points").min(0, "workshop.errors.points").max(budget, "workshop.errors.points"))
            .refine((r) => Object.values(r).reduce((a, b) => a + b, 0) <= budget, "workshop.errors.pointsOver")
            .refine((r) => Object.values(r).some((v) => v > 0), "workshop.errors.emptyBallot"),
        }) as z.ZodType<Ballot>;
      }
    case "readiness": {
      const topics = s.topics.map((t) => t.id);
      return z.strictObject({
        ratings: z.record(z.string().refine(within(topics), "workshop.errors.unknownSubject"), score).refine((r) => Object.keys(r).length > 0, "workshop.errors.emptyBallot"),
      }) as z.ZodType<Ballot>;
    }
    case "poll":
      return z.strictObject({ option: z.coerce.number().int("workshop.errors.option").min(0, "workshop.errors.option").max(s.options.length - 1, "workshop.errors.option") }) as z.ZodType<Ballot>;
    case "ideas":
      return z.never() as unknown as z.ZodType<Ballot>;
  }
}

export type Ballot =
  | { scores: Record<string, Record<string, number>> }
  | { points: Record<string, number> }
  | { ratings: Record<string, number> }
  | { option: number };

// ---------------------------------------------------------------------------
// Summaries

/** The distribution of one subject's votes. `median`, `q1`, `q3`, `spread` are null when nobody voted. */
export type Stats = { n: number; median: number | null; q1: number | null; q3: number | null; spread: number | null; min: number | null; max: number | null };

/** Quantile p (0..1) of sorted values by linear interpolation (type 7). */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function stats(values: readonly number[]): Stats {
  const v = values.filter((x) => Number.isFinite(x)).slice().sort((a, b) => a - b);
  if (v.length === 0) return { n: 0, median: null, q1: null, q3: null, spread: null, min: null, max: null };
  const q1 = round2(quantile(v, 0.25));
  const q3 = round2(quantile(v, 0.75));
  return { n: v.length, median: round2(quantile(v, 0.5)), q1, q3, spread: round2(q3 - q1), min: v[0]!, max: v[v.length - 1]! };
}

export type Summary =
  | { kind: "ideas"; voters: number; groups: IdeaGroup[] }
  | { kind: "goal-scores"; mode: "criteria"; voters: number; cells: Array<{ goalId: string; criterionId: string; stats: Stats }> }
  | { kind: "goal-scores"; mode: "points"; voters: number; goals: Array<{ goalId: string; total: number; stats: Stats }> }
  | { kind: "readiness"; voters: number; topics: Array<{ topicId: string; stats: Stats }> }
  | { kind: "poll"; voters: number; options: Array<{ option: number; label: string; count: number }> };

/**
 * The room's result for one activity. `ballots` are the stored ballots (one
 * per participant); `ideas` the activity's ideas (ideas activities only).
 * Per goal × criterion (criteria mode), per goal (points mode: the points
 * each participant gave it, counting 0 for a goal a participant left out), per
 * topic (readiness): median, spread (IQR), min, max, how many voted; per
 * option (poll): the count. `voters` is the number of ballots (or of
 * participants who sent an idea).
 */
export function summarise(s: ActivitySubjects, ballots: readonly Ballot[], ideas: readonly Idea[] = []): Summary {
  switch (s.kind) {
    case "ideas":
      return { kind: "ideas", voters: new Set(ideas.map((i) => i.participantId).filter((p) => p !== null)).size, groups: groupIdeas(ideas) };
    case "goal-scores":
      if (s.mode === "criteria") {
        const cells = [];
        for (const g of s.goals)
          for (const c of s.criteria) {
            const values: number[] = [];
            for (const b of ballots) {
              const v = "scores" in b ? b.scores[g.id]?.[c.id] : undefined;
              if (typeof v === "number") values.push(v);
            }
            cells.push({ goalId: g.id, criterionId: c.id, stats: stats(values) });
          }
        return { kind: "goal-scores", mode: "criteria", voters: ballots.length, cells };
      } else {
        const pointBallots = ballots.filter((b): b is { points: Record<string, number> } => "points" in b);
        const goals = s.goals.map((g) => {
          const values = pointBallots.map((b) => b.points[g.id] ?? 0);
          return { goalId: g.id, total: values.reduce((a, b) => a + b, 0), stats: stats(values) };
        });
        return { kind: "goal-scores", mode: "points", voters: pointBallots.length, goals };
      }
    case "readiness":
      return {
        kind: "readiness",
        voters: ballots.length,
        topics: s.topics.map((t) => ({ topicId: t.id, stats: stats(ballots.flatMap((b) => ("ratings" in b && typeof b.ratings[t.id] === "number" ? [b.ratings[t.id]!] : []))) })),
      };
    case "poll": {
      const counts = s.options.map(() => 0);
      for (const b of ballots) if ("option" in b && b.option >= 0 && b.option < counts.length) counts[b.option]!++;
      return { kind: "poll", voters: ballots.length, options: s.options.map((label, option) => ({ option, label, count: counts[option]! })) };
    }
  }
}

/**
 * The whole score a median stands for, for adoption into an integer column:
 * rounded to the nearest whole score, a half rounded up (a median of 3.5 is 4).
 */
export const adoptedScore = (median: number) => Math.min(WORKSHOP_LIMITS.scoreMax, Math.max(WORKSHOP_LIMITS.scoreMin, Math.floor(median + 0.5)));

/**
 * Points mode into the 0–5 score grid: each goal's total points as a share of
 * the most-voted goal's total, on the 0–5 scale (the most-voted goal gets 5),
 * rounded as `adoptedScore`. Used when the facilitator adopts points into one
 * chosen criterion.
 */
export function pointsToScores(goals: ReadonlyArray<{ goalId: string; total: number }>): Map<string, number> {
  const top = Math.max(0, ...goals.map((g) => g.total));
  return new Map(goals.map((g) => [g.goalId, top === 0 ? 0 : adoptedScore((g.total / top) * WORKSHOP_LIMITS.scoreMax)]));
}

// ---------------------------------------------------------------------------
// Ideas

export type Idea = { id: number; participantId: number | null; text: string; mergedInto: number | null; createdAt: string };
/** One idea shown on the projector: the kept idea and those merged into it (duplicates). */
export type IdeaGroup = { id: number; text: string; count: number; merged: Array<{ id: number; text: string }> };

/**
 * Ideas after merges: every idea not merged into another heads a group, with
 * the ideas merged into it (following chains: a→b→c lands on c); groups in the
 * order their head was sent. `count` is the head plus its merged ideas.
 */
export function groupIdeas(ideas: readonly Idea[]): IdeaGroup[] {
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const headOf = (i: Idea): Idea => {
    let cur = i;
    const seen = new Set<number>();
    while (cur.mergedInto !== null && byId.has(cur.mergedInto) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.mergedInto)!;
    }
    return cur;
  };
  const groups = new Map<number, IdeaGroup>();
  const ordered = ideas.slice().sort((a, b) => a.id - b.id);
  for (const i of ordered) if (headOf(i) === i) groups.set(i.id, { id: i.id, text: i.text, count: 1, merged: [] });
  for (const i of ordered) {
    const h = headOf(i);
    if (h === i) continue;
    const g = groups.get(h.id);
    if (!g) continue;
    g.merged.push({ id: i.id, text: i.text });
    g.count++;
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------
// The record (what the documents print)

/** What was adopted, kept with the activity (and shown in the session record). */
export type Adopted =
  | { kind: "goal-scores"; votes: number; criterionId?: string; cells: Array<{ goalId: string; criterionId: string; score: number }> }
  | { kind: "readiness"; votes: number; ratings: Array<{ itemId: string; score: number }> }
  | { kind: "ideas"; votes: number; itemId: string; ideas: string[] }
  | { kind: "poll"; votes: number };

/** One session as the phase's deliverables print it (see `sessionRecords` in workshop.server.ts). */
export type SessionRecord = {
  id: number;
  stepId: string;
  startedAt: string;
  endedAt: string | null;
  facilitator: string;
  participants: string[];
  activities: Array<{
    kind: ActivityKind;
    config: ActivityConfig;
    subjects: ActivitySubjects;
    summary: Summary;
    adopted: Adopted | null;
    adoptedBy: string | null;
    adoptedAt: string | null;
  }>;
};

