/**
 * The change-management plan's professional sections: each group's ADKAR
 * standing with its barrier point named, and the sponsor roadmap, coaching,
 * resistance and reinforcement registers under their document headings
 * (decision 029). `changePlanSection` answers for the ids it knows.
 */
import type { FileChild } from "docx";
import { captionedTable, heading, para, type Ctx } from "../../blocks.ts";
import { ADKAR_STAGES, BARRIER_BELOW, adkarStanding } from "#app/views/adkar.ts";
import { formatNumber } from "#app/views/format.ts";
import { filledRegister, itemHeading } from "./common.ts";

function adkarSection(ctx: Ctx): FileChild[] {
  const standing = adkarStanding(ctx.data).filter((g) => g.group);
  if (!standing.length) return [];
  const p = ctx.s.professional;
  const title = itemHeading(ctx, "requirements.adkar");
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v, ctx.lang));
  const t = {
    columns: [p.adkarGroup, ...ADKAR_STAGES.map((s) => p.adkarStages[s]), p.barrierColumn],
    rows: standing.map((g) => [g.group, ...g.scores.map(n), g.barrier ? p.adkarStages[g.barrier.stage] : p.none]),
  };
  return [
    heading(ctx, title, 1),
    para(ctx, p.adkarText(formatNumber(BARRIER_BELOW, ctx.lang))),
    ...captionedTable(ctx, title, t),
    heading(ctx, p.barrierPoints, 2),
    ...standing.map((g) => para(ctx, g.barrier ? p.barrier(g.group, p.adkarStages[g.barrier.stage], n(g.barrier.score)) : p.noBarrier(g.group))),
  ];
}

const SECTIONS: Record<string, (ctx: Ctx) => FileChild[]> = {
  "requirements.adkar": adkarSection,
  "requirements.resistance-management": (ctx) => filledRegister(ctx, "requirements.resistance-management", 1),
  "requirements.sponsor-roadmap": (ctx) => filledRegister(ctx, "requirements.sponsor-roadmap", 1),
  "requirements.coaching-plan": (ctx) => filledRegister(ctx, "requirements.coaching-plan", 1),
  "requirements.reinforcement-plan": (ctx) => filledRegister(ctx, "requirements.reinforcement-plan", 1),
};

/** The section for a change-plan item this module renders, or null for the builder's own. */
export function changePlanSection(ctx: Ctx, id: string): FileChild[] | null {
  return SECTIONS[id]?.(ctx) ?? null;
}
