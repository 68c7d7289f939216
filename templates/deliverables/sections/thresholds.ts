/**
 * The thresholds a part of a document used, each with its value and whose
 * number it is (decision 035), in sentences a client reads: the text before
 * states the values; this says that Gambegam's defaults are working
 * thresholds set for the project, not published benchmarks, names a
 * project's own number beside the usual one, and for a figure from a seed
 * names the article (with its year) and what it actually reports, and where
 * the project applies it its own way. A document names no product
 * (decision 023) and no "method" or "sources" the client never saw.
 */
import type { FileChild } from "docx";
import { muted, type Ctx } from "../../blocks.ts";
import type { DeliverableInput } from "../../model.ts";
import type { Threshold } from "#methodology/schema.ts";
import { thresholdsUsedBy } from "#app/domain/thresholds.ts";
import { thresholdValueText } from "#app/views/thresholds.ts";
import { localDigits } from "#app/views/format.ts";

export function thresholdsUsed(ctx: Ctx, input: DeliverableInput, page: Threshold["pages"][number]): FileChild[] {
  const uses = thresholdsUsedBy(input.pack, input.data, { page });
  const t = ctx.s.thresholds;
  const value = (n: number, unit: Threshold["unit"]) => thresholdValueText(n, unit, ctx.lang);
  const out: FileChild[] = [];
  const working = uses.filter((u) => u.gambegams);
  for (const u of working) {
    if (!u.isDefault) out.push(muted(ctx, t.ownWorking(u.threshold.title[ctx.lang], value(u.value, u.threshold.unit), value(u.default, u.threshold.unit))));
  }
  if (working.length > 0) out.push(muted(ctx, t.working(working.length)));
  const fromSources = uses.filter((u) => !u.gambegams);
  for (const u of fromSources) {
    const title = u.threshold.title[ctx.lang];
    const v = value(u.value, u.threshold.unit);
    out.push(muted(ctx, u.isDefault ? t.fromSource(title, v) : t.ownSource(title, v, value(u.default, u.threshold.unit))));
  }
  // What the article says, once per distinct quotation (two thresholds may come from one passage).
  const said = new Set<string>();
  for (const u of fromSources) {
    const says = u.threshold.sourceSays?.[ctx.lang];
    if (!says || said.has(says)) continue;
    said.add(says);
    const source = ctx.pack.sources.find((s) => s.file === u.threshold.source);
    const title = source?.title[ctx.lang] ?? u.threshold.source;
    const year = source?.year ? localDigits(source.year, ctx.lang) : null;
    const quoted = ctx.lang === "en" && /^[A-Z][a-z]/.test(says) ? says[0]!.toLowerCase() + says.slice(1) : says;
    const reading = u.threshold.reading?.[ctx.lang];
    out.push(muted(ctx, `${t.sourceSays(title, year)} ${quoted}${reading ? ` ${reading}` : ""}`));
  }
  return out;
}
