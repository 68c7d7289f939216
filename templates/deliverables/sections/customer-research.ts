/**
 * What customers told us (decision 033): the customer-research register as a
 * section of its own — who was asked, how, how many, when, what they said and
 * the answer it informs. Nothing when no research is recorded (an open item).
 */
import type { FileChild } from "docx";
import { registerTable, type Ctx } from "../../blocks.ts";

export function customerResearch(ctx: Ctx): FileChild[] {
  const id = ctx.pack.planning?.customerResearch;
  if (!id) return [];
  return registerTable(ctx, id, { heading: 1, columns: ["segment", "method", "customers", "date", "findings", "informs"] });
}
