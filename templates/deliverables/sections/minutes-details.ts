/**
 * What professional minutes record besides the answers: the session's time,
 * venue, facilitator, note-taker and agenda; who was invited and did not
 * attend; and the actions with an owner and a due date (decision 029).
 */
import type { FileChild } from "docx";
import { type Ctx } from "../../blocks.ts";
import { filledFacts, filledRegister } from "./common.ts";

/** Items the minutes show in their own sections, not among the vision answers. */
export const MINUTES_DETAIL_ITEMS = new Set([
  "vision.workshop-start-time",
  "vision.workshop-end-time",
  "vision.workshop-venue",
  "vision.workshop-facilitator",
  "vision.workshop-note-taker",
  "vision.workshop-agenda",
  "vision.workshop-absentees",
  "vision.actions",
]);

export function sessionDetails(ctx: Ctx): FileChild[] {
  return [
    // The date and the session's details in one table.
    ...filledFacts(ctx, ["vision.workshop-date", "vision.workshop-start-time", "vision.workshop-end-time", "vision.workshop-venue", "vision.workshop-facilitator", "vision.workshop-note-taker"]),
    ...filledRegister(ctx, "vision.workshop-agenda", 2),
  ];
}

export function absentees(ctx: Ctx): FileChild[] {
  return filledRegister(ctx, "vision.workshop-absentees", 2);
}

export function workshopActions(ctx: Ctx): FileChild[] {
  return filledRegister(ctx, "vision.actions", 1);
}
