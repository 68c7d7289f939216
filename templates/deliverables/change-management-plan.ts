/**
 * The change-management plan: readiness (radar chart, scores, gaps, whether
 * outside help is advised), how each impacted group's work changes, then the
 * pack's change-management sections in order (organisation changes,
 * communication, training, champions, feedback loop, resistance, celebration
 * milestones), and the sign-off.
 */
import type { Document, FileChild } from "docx";
import type { DeliverableInput } from "../model.ts";
import { OrientationMarker, answerFacts, answerSection, captionedTable, createCtx, figure, heading, itemHeading, muted, note, para, recordOpen, registerTable, endMatter, sourceTitle, type Ctx } from "../blocks.ts";
import { composeDocument } from "../document.ts";
import { num } from "../text.ts";
import { loc } from "#app/i18n.ts";
import { findItem } from "#methodology/load.ts";
import { impactedGroups, readinessAssessment } from "#app/domain/change.ts";
import { attentionSentence, impactTable, outsideHelpText, readinessView } from "#app/views/change-views.ts";
import { scoreOf } from "#app/views/display.ts";
import { changePlanSection } from "./sections/change-plan.ts";
import { thresholdsUsed } from "./sections/thresholds.ts";

function readinessSection(ctx: Ctx, input: DeliverableInput): FileChild[] {
  const c = ctx.s.change;
  const r = readinessAssessment(input.pack, input.data);
  if (!r) return [];
  // Nothing scored yet: the topics are open items, not a chart of blanks.
  if (!r.scored && !ctx.draft) {
    for (const t of r.topics) recordOpen(ctx, t.item);
    return [];
  }
  const view = readinessView(r, ctx.lang);
  const out: FileChild[] = [heading(ctx, c.readiness, 1), para(ctx, c.readinessText(num(r.gapBelow, ctx.lang), num(r.outsideHelpGaps, ctx.lang))), ...thresholdsUsed(ctx, input, "change-management")];
  if (input.figures.readiness) out.push(...figure(ctx, input.figures.readiness));
  if (r.average !== null) out.push(para(ctx, c.average(num(Math.round(r.average * 10) / 10, ctx.lang), num(r.max, ctx.lang), num(r.scored, ctx.lang), num(r.topics.length, ctx.lang))));
  out.push(...captionedTable(ctx, c.readiness, view.table));
  if (r.gaps.length) {
    out.push(
      heading(ctx, c.gaps, 2),
      ...captionedTable(
        ctx,
        c.gaps,
        { columns: [view.table.columns[0]!, view.table.columns[1]!, view.table.columns[3]!], rows: r.gaps.map((g) => [loc(g.item.shortTitle, ctx.lang) || itemHeading(ctx, g.item), scoreOf(g.score!, r.max, ctx.lang), g.evidence]) },
      ),
    );
  } else if (r.scored) out.push(muted(ctx, c.noGaps));
  out.push(note(ctx, outsideHelpText(r, ctx.lang, "document")));
  const own = ["team.crm-maturity", "team.outside-experts", "team.readiness-work"].filter((id) => findItem(input.pack, id));
  const teamView = [...answerFacts(ctx, own.slice(0, 2)), ...own.slice(2).flatMap((id) => answerSection(ctx, id))];
  if (teamView.length) out.push(heading(ctx, c.teamView, 2), ...teamView);
  return out;
}

function impactSection(ctx: Ctx, input: DeliverableInput, registerId: string): FileChild[] {
  const c = ctx.s.change;
  const v = impactedGroups(input.pack, input.data);
  const reg = findItem(input.pack, registerId);
  if (!v || !reg) return [];
  if (!v.groups.length && !ctx.draft) {
    recordOpen(ctx, reg);
    return [];
  }
  ctx.shown.add(reg.id);
  const t = impactTable(v, ctx.lang);
  const table = captionedTable(ctx, c.impact, t);
  const attention = v.groups.flatMap((g) => g.attention.map((a) => attentionSentence(a, g.group, ctx.lang, "document")));
  const rest: FileChild[] = [];
  if (attention.length) rest.push(heading(ctx, c.attention, 2), ...attention.map((a) => note(ctx, a)));
  rest.push(...registerTable(ctx, registerId, { title: c.todayTomorrow, heading: 2, columns: ["group", "today", "tomorrow"] }));
  const head = [heading(ctx, itemHeading(ctx, reg), 1), para(ctx, c.impactText, { keepNext: true })];
  // A table too wide for portrait turns the page: the chapter's heading and the notes on who needs
  // attention go with it (not a heading alone at a portrait page's foot); the next register goes back
  // to portrait, so no caption can be left alone on a landscape page.
  if (table[0] instanceof OrientationMarker) {
    const inner = table.filter((x) => !(x instanceof OrientationMarker));
    const notes = attention.length ? [heading(ctx, c.attention, 2), ...attention.map((a) => note(ctx, a))] : [];
    return [table[0], ...head, ...inner, ...notes, new OrientationMarker("portrait"), ...rest.slice(notes.length)];
  }
  return [...head, ...table, ...rest];
}

export function buildChangeManagementPlan(input: DeliverableInput): Document {
  const ctx = createCtx(input);
  const cm = input.pack.changeManagement!;
  const body: FileChild[] = [heading(ctx, ctx.s.change.why, 1), para(ctx, ctx.s.change.whyText(sourceTitle(ctx, cm.source))), ...readinessSection(ctx, input)];
  for (const id of cm.sections) {
    if (id === cm.impactedGroups) {
      body.push(...impactSection(ctx, input, id));
      continue;
    }
    const own = changePlanSection(ctx, id);
    if (own) {
      body.push(...own);
      continue;
    }
    const it = findItem(input.pack, id);
    if (it?.kind === "register") body.push(...registerTable(ctx, id, { heading: 1 }));
    else if (it?.kind === "question") {
      body.push(...answerSection(ctx, id, { level: 1 }));
    }
  }
  body.push(...endMatter(ctx, input));
  return composeDocument(ctx, "change-management-plan", input, body);
}
