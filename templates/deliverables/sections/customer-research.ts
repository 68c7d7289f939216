/**
 * What customers told us (decision 033): the customer-research register as a
 * section of its own — who was asked, how, how many, what they said and
 * the answer it informs. Nothing when no research is recorded (an open item).
 */
import type { FileChild } from "docx";
import { registerTable, type Ctx } from "../../blocks.ts";

export function customerResearch(ctx: Ctx, level: 1 | 2 = 1): FileChild[] {
  const id = ctx.pack.planning?.customerResearch;
  if (!id) return [];
  return registerTable(ctx, id, { heading: level, columns: ["segment", "method", "customers", "findings", "informs"] });
}
