/**
 * Minutes of the vision workshop: when it was held and who took part (the
 * project team, marked where they attended), the
 * team's answer to every vision question, the decisions and the open points.
 */
import type { Document, FileChild } from "docx";
import { loc } from "#app/i18n.ts";
import type { DeliverableInput } from "../model.ts";
import { answerSection, createCtx, heading, registerTable, endMatter, checklistTable, type Ctx } from "../blocks.ts";
import { composeDocument } from "../document.ts";
import { MINUTES_DETAIL_ITEMS, absentees, sessionDetails, workshopActions } from "./sections/minutes-details.ts";
import { customerResearch } from "./sections/customer-research.ts";
import { participantsSection } from "./sections/participants.ts";

/** Items with a section of their own in the minutes, not repeated among the answers. */
const MEETING_ITEMS = new Set(["vision.workshop-date", "vision.workshop-participants", "vision.decisions", "vision.open-points", "vision.minutes-shared"]);

function visionAnswers(ctx: Ctx): FileChild[] {
  const phase = ctx.pack.phases.find((p) => p.id === "vision");
  if (!phase) return [];
  const out: FileChild[] = [];
  for (const step of phase.steps) {
    const parts: FileChild[] = [];
    for (const item of step.items) {
      if (MEETING_ITEMS.has(item.id) || MINUTES_DETAIL_ITEMS.has(item.id) || item.id === ctx.pack.planning?.customerResearch) continue;
      if (item.kind === "question") parts.push(...answerSection(ctx, item.id));
      else if (item.kind === "register") parts.push(...registerTable(ctx, item.id));
      else if (item.kind === "checklist") parts.push(...checklistTable(ctx, [item.id]));
    }
    if (parts.length) out.push(heading(ctx, loc(step.title, ctx.lang), 2), ...parts);
  }
  return out;
}

export function buildVisionMinutes(input: DeliverableInput): Document {
  const ctx = createCtx(input);
  const s = ctx.s.minutes;
  // Who took part: the team from its register, with the attendance recorded (issue 20).
  const meeting = [...sessionDetails(ctx), ...participantsSection(ctx, input), ...absentees(ctx)];
  const answers = visionAnswers(ctx);
  const body: FileChild[] = [
    ...(meeting.length ? [heading(ctx, s.meeting, 1), ...meeting] : []),
    // What customers told us, before the answers it informs (decision 033).
    ...customerResearch(ctx),
    ...(answers.length ? [heading(ctx, s.answers, 1), ...answers] : []),
    ...registerTable(ctx, "vision.decisions", { title: s.decisions, heading: 1 }),
    ...workshopActions(ctx),
    ...registerTable(ctx, "vision.open-points", { title: s.openPoints, heading: 1 }),
    ...endMatter(ctx, input),
  ];
  return composeDocument(ctx, "vision-minutes", input, body);
}
