/**
 * The record of the phase's workshop sessions (decision 038), printed by every
 * deliverable of the phase before its end matter: when, on which step, who
 * facilitated, who took part, and each activity with its result as a table
 * (median, spread, lowest–highest, votes; counts for a poll; ideas after
 * merges) and what the facilitator adopted into the project.
 */
import type { FileChild } from "docx";
import { loc } from "#app/i18n.ts";
import type { Localized } from "#methodology/schema.ts";
import type { ActivitySubjects, SessionRecord, Stats } from "#app/domain/workshop.ts";
import { pct } from "#app/views/change-views.ts";
import type { DeliverableInput } from "../../model.ts";
import { captionedTable, factsTable, heading, muted, para, type Ctx } from "../../blocks.ts";
import { date, dateTime, num } from "../../text.ts";

const label = (ctx: Ctx, l: string | Localized) => (typeof l === "string" ? l : loc(l, ctx.lang));

/** "Phase › step": a document may print another phase's sessions (the go/no-go record prints customisation's). */
function stepTitle(ctx: Ctx, stepId: string): string {
  for (const p of ctx.pack.phases) for (const s of p.steps) if (s.id === stepId) return `${loc(p.title, ctx.lang)} › ${loc(s.title, ctx.lang)}`;
  return stepId;
}

function itemTitle(ctx: Ctx, itemId: string): string {
  for (const p of ctx.pack.phases)
    for (const s of p.steps)
      for (const i of s.items) if (i.id === itemId) return loc(("heading" in i && i.heading) || ("shortTitle" in i && i.shortTitle) || i.title, ctx.lang);
  return itemId;
}

/** Median, spread (q1–q3), lowest–highest, votes: "—" where nobody voted. */
function statCells(ctx: Ctx, st: Stats): string[] {
  if (st.n === 0 || st.median === null) return ["—", "—", "—", num(0, ctx.lang)];
  const range = (a: number, b: number) => `${num(a, ctx.lang)}–${num(b, ctx.lang)}`;
  return [num(st.median, ctx.lang), range(st.q1!, st.q3!), range(st.min!, st.max!), num(st.n, ctx.lang)];
}

function activityBlock(ctx: Ctx, a: SessionRecord["activities"][number]): FileChild[] {
  const w = ctx.s.workshops;
  const c = w.columns;
  const subjects = a.subjects as ActivitySubjects;
  const question = subjects.kind === "ideas" || subjects.kind === "poll" ? subjects.question : null;
  const out: FileChild[] = [heading(ctx, question ? `${w.kinds[a.kind]}: ${question}` : w.kinds[a.kind], 3)];
  const s = a.summary;
  if (subjects.kind === "goal-scores") out.push(para(ctx, subjects.mode === "points" ? w.pointsMode(num(subjects.points, ctx.lang)) : w.criteriaMode));
  out.push(para(ctx, s.kind === "ideas" ? w.ideaPeople(num(s.voters, ctx.lang)) : w.voters(num(s.voters, ctx.lang))));
  const adopted = a.adopted;
  const title = w.resultsOf(w.kinds[a.kind]);
  if (s.kind === "goal-scores" && s.mode === "criteria" && subjects.kind === "goal-scores" && subjects.mode === "criteria") {
    const goal = new Map(subjects.goals.map((g) => [g.id, g.label]));
    const crit = new Map(subjects.criteria.map((x) => [x.id, x.label]));
    const taken = new Map((adopted?.kind === "goal-scores" ? adopted.cells : []).map((x) => [`${x.goalId}:${x.criterionId}`, x.score]));
    const rows = s.cells.filter((x) => x.stats.n > 0).map((x) => [goal.get(x.goalId) ?? "", crit.get(x.criterionId) ?? "", ...statCells(ctx, x.stats), taken.has(`${x.goalId}:${x.criterionId}`) ? num(taken.get(`${x.goalId}:${x.criterionId}`)!, ctx.lang) : "—"]);
    out.push(...captionedTable(ctx, title, { columns: [c.goal, c.criterion, c.median, c.spread, c.range, c.votes, c.adopted], rows }));
  } else if (s.kind === "goal-scores" && s.mode === "points" && subjects.kind === "goal-scores") {
    const goal = new Map(subjects.goals.map((g) => [g.id, g.label]));
    const taken = new Map((adopted?.kind === "goal-scores" ? adopted.cells : []).map((x) => [x.goalId, x.score]));
    const rows = s.goals.map((x) => [goal.get(x.goalId) ?? "", num(x.total, ctx.lang), ...statCells(ctx, x.stats), taken.has(x.goalId) ? num(taken.get(x.goalId)!, ctx.lang) : "—"]);
    out.push(...captionedTable(ctx, title, { columns: [c.goal, c.points, c.median, c.spread, c.range, c.votes, c.adopted], rows }));
  } else if (s.kind === "readiness" && subjects.kind === "readiness") {
    const topic = new Map(subjects.topics.map((x) => [x.id, label(ctx, x.label)]));
    const taken = new Map((adopted?.kind === "readiness" ? adopted.ratings : []).map((x) => [x.itemId, x.score]));
    const rows = s.topics.map((x) => [topic.get(x.topicId) ?? "", ...statCells(ctx, x.stats), taken.has(x.topicId) ? num(taken.get(x.topicId)!, ctx.lang) : "—"]);
    out.push(...captionedTable(ctx, title, { columns: [c.topic, c.median, c.spread, c.range, c.votes, c.adopted], rows }));
  } else if (s.kind === "poll") {
    const rows = s.options.map((o) => [o.label, num(o.count, ctx.lang), s.voters ? pct((o.count / s.voters) * 100, ctx.lang) : "—"]);
    out.push(...captionedTable(ctx, title, { columns: [c.option, c.votes, c.share], rows }));
  } else if (s.kind === "ideas") {
    const chosen = new Set(adopted?.kind === "ideas" ? adopted.ideas : []);
    const rows = s.groups.map((g) => [g.text, num(g.count, ctx.lang), chosen.has(g.text) ? w.yes : "—"]);
    out.push(...captionedTable(ctx, title, { columns: [c.idea, c.same, c.adopted], rows }));
  }
  if (a.kind === "poll") out.push(muted(ctx, w.pollRecorded));
  else if (adopted && a.adoptedBy && a.adoptedAt) {
    const into = adopted.kind === "ideas" ? itemTitle(ctx, adopted.itemId) : adopted.kind === "goal-scores" ? itemTitle(ctx, ctx.pack.planning?.scores ?? "goals.scores") : null;
    out.push(para(ctx, w.adopted(a.adoptedBy, dateTime(a.adoptedAt, ctx.lang), into)));
  } else out.push(muted(ctx, w.notAdopted));
  return out;
}

/** The section, or nothing when the phase had no session anyone joined or used. */
export function workshopSessions(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const records = input.workshops ?? [];
  if (records.length === 0) return [];
  const w = ctx.s.workshops;
  const out: FileChild[] = [heading(ctx, w.heading, 1), para(ctx, w.lead)];
  for (const r of records) {
    // Named by its date and what the room did; the step it was held on is a fact below (the step's title alone read as the document's name).
    const what = [...new Set(r.activities.map((a) => w.kinds[a.kind]))].join(ctx.lang === "fa" ? "، " : ", ");
    out.push(heading(ctx, w.session(date(r.startedAt.slice(0, 10), ctx.lang), what), 2));
    const names = r.participants.join(ctx.lang === "fa" ? "، " : ", ");
    out.push(
      factsTable(ctx, [
        [w.step, stepTitle(ctx, r.stepId)],
        [w.started, dateTime(r.startedAt, ctx.lang)],
        [w.ended, r.endedAt ? dateTime(r.endedAt, ctx.lang) : w.notEnded],
        [w.facilitator, r.facilitator],
        [w.participants, r.participants.length ? w.participantList(num(r.participants.length, ctx.lang), names) : w.nobody],
      ]),
    );
    for (const a of r.activities) out.push(...activityBlock(ctx, a));
  }
  return out;
}
