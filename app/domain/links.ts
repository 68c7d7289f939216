/**
 * Where a method item is edited: its step page, anchored at the item.
 */
import { allItems } from "#methodology/load.ts";
import type { Pack } from "#methodology/schema.ts";

export function itemLink(pack: Pack, projectId: number, itemId: string): string | null {
  const at = allItems(pack).find((x) => x.item.id === itemId);
  return at ? `/projects/${projectId}/phases/${at.phase.id}/steps/${at.step.id}#item-${itemId}` : null;
}
