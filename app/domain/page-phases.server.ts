import { allItems } from "#methodology/load.ts";
import type { Pack } from "#methodology/schema.ts";

const memo = new WeakMap<Pack, Record<string, string[]>>();

/**
 * The phases whose content each project page (other than a step) shows, by the page's path
 * segment: the planning pages' items, and the ids the team, change, review and selection
 * settings of the pack name. A printed page says the state of these phases (decision 048).
 * Worked out once per pack: the project layout's loader asks on every project request.
 */
export function pagePhases(pack: Pack): Record<string, string[]> {
  const known = memo.get(pack);
  if (known) return known;
  const phaseOf = new Map(allItems(pack).map(({ phase, item }) => [item.id, phase.id] as const));
  const phasesIn = (value: unknown): string[] => {
    const found = new Set<string>();
    const walk = (v: unknown) => {
      if (typeof v === "string") {
        const ph = phaseOf.get(v);
        if (ph) found.add(ph);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(value);
    return pack.phases.map((p) => p.id).filter((id) => found.has(id));
  };
  const pages: Record<string, string[]> = {};
  for (const [page, ids] of Object.entries(pack.planning?.pages ?? {})) pages[page] = phasesIn(ids);
  if (pack.team) pages.team = phasesIn(pack.team.register);
  if (pack.changeManagement) pages["change-management"] = phasesIn(pack.changeManagement);
  if (pack.postLaunchReview) pages["post-launch-review"] = phasesIn(pack.postLaunchReview);
  if (pack.selection) pages.selection = phasesIn(pack.selection);
  memo.set(pack, pages);
  return pages;
}
