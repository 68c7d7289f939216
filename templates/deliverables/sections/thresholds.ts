/**
 * The thresholds a part of a document used, each with its value and whose
 * number it is (decision 035); for a number from a source, what the source
 * actually says and where Gambegam reads it its own way.
 */
import type { FileChild } from "docx";
import { muted, sourceTitle, type Ctx } from "../../blocks.ts";
import type { DeliverableInput } from "../../model.ts";
import type { Threshold } from "#methodology/schema.ts";
import { thresholdsUsedBy } from "#app/domain/thresholds.ts";
import { thresholdSentence } from "#app/views/thresholds.ts";

export function thresholdsUsed(ctx: Ctx, input: DeliverableInput, page: Threshold["pages"][number]): FileChild[] {
  const uses = thresholdsUsedBy(input.pack, input.data, { page });
  const out: FileChild[] = uses.map((u) => muted(ctx, `${ctx.s.thresholds.used}: ${thresholdSentence(u, ctx.lang, "document")}.`));
  // What the source says, once per distinct quotation (two thresholds may come from one passage).
  const said = new Set<string>();
  for (const u of uses) {
    const says = u.threshold.sourceSays?.[ctx.lang];
    if (!says || said.has(says)) continue;
    said.add(says);
    const reading = u.threshold.reading?.[ctx.lang];
    out.push(muted(ctx, `${ctx.s.thresholds.sourceSays(sourceTitle(ctx, u.threshold.source))} ${says}${reading ? ` ${reading}` : ""}`));
  }
  return out;
}
