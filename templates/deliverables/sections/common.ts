/** Small helpers the professional sections share (decision 029). */
import type { FileChild } from "docx";
import { loc } from "#app/i18n.ts";
import { findItem } from "#methodology/load.ts";
import { answerText } from "#app/views/display.ts";
import { factsTable, heading, para, registerTable, rowsOf, type Ctx } from "../../blocks.ts";

/** An item's document heading (a noun phrase), or its title when the pack gives none. */
export function itemHeading(ctx: Ctx, id: string): string {
  const it = findItem(ctx.pack, id);
  return it ? loc(it.heading ?? it.title, ctx.lang) : id;
}

/** A register under its document heading, or nothing when no row is recorded (open items are listed elsewhere). */
export function filledRegister(ctx: Ctx, id: string, level: 1 | 2 | 3, columns?: string[]): FileChild[] {
  if (!findItem(ctx.pack, id) || rowsOf(ctx, id).length === 0) return [];
  return registerTable(ctx, id, { title: itemHeading(ctx, id), heading: level, columns });
}

/** A question's answer, or "" when unanswered or not in the pack. */
export function answerOf(ctx: Ctx, id: string): string {
  const it = findItem(ctx.pack, id);
  return it?.kind === "question" ? answerText(it, ctx.data.answers.get(id)?.value, ctx.lang) : "";
}

/** Answered questions as label/answer pairs under their document headings; nothing when none is answered. */
export function filledFacts(ctx: Ctx, ids: string[]): FileChild[] {
  const facts = ids.map((id) => [itemHeading(ctx, id), answerOf(ctx, id)] as [string, string]).filter(([, v]) => v);
  return facts.length ? [factsTable(ctx, facts), para(ctx, "")] : [];
}

/** A long answer under its document heading, or nothing. */
export function filledAnswer(ctx: Ctx, id: string, level: 1 | 2 | 3): FileChild[] {
  const a = answerOf(ctx, id);
  return a ? [heading(ctx, itemHeading(ctx, id), level), para(ctx, a)] : [];
}
