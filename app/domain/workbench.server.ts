/**
 * A workbench page (change management, post-launch review) edits items of
 * several steps in one place. This is what every such page shares: the
 * items it shows, each under the lock of its own phase, the state of their
 * forms, and the action that runs their intents.
 */
import { data } from "react-router";
import type { Item } from "#methodology/schema.ts";
import { readForm } from "#app/http.server.ts";
import { requireProjectContext } from "./project-context.server.ts";
import { runWorkbenchAction, workbenchItems, workbenchState } from "./step.server.ts";
import { isEditable, projectGates } from "./signoff.server.ts";
import { lastItemChanges } from "./audit.server.ts";
import { getPreferences } from "./preferences.server.ts";

type Args = { request: Request; params: { projectId?: string }; context: Parameters<typeof requireProjectContext>[1] };

/** The project, the page's items (ids chosen by `pick` from the pack; 404 when the pack has no such page). */
export function requireWorkbench<T>(args: Args, pick: (pack: ReturnType<typeof requireProjectContext>["pack"]) => { config: T; ids: string[] } | null) {
  const ctx = requireProjectContext(args.params.projectId, args.context);
  const picked = pick(ctx.pack);
  if (!picked) throw data({ error: "errors.noWorkbenchInPack" }, { status: 404 });
  const entries = workbenchItems(ctx.pack, picked.ids);
  const gates = projectGates(ctx.db, ctx.project.id, ctx.pack);
  return { ...ctx, config: picked.config, entries, lockedPhase: (phaseId: string) => !isEditable(gates.get(phaseId)) };
}

/**
 * What the item forms need (see ItemList), and the viewer's language: a
 * page computes its charts in that language only (switching language reloads).
 */
export async function workbenchLoaderData(args: Args, wb: ReturnType<typeof requireWorkbench>) {
  const { lang } = await getPreferences(args.request);
  return {
    lang,
    items: wb.entries.map((e): Item => e.item),
    list: {
      projectId: wb.project.id,
      ...workbenchState(wb.pack, wb.entries, wb.data, wb.lockedPhase, new URL(args.request.url).searchParams),
      lastChange: Object.fromEntries(lastItemChanges(wb.db, wb.project.id, wb.entries.map((e) => e.item.id), wb.data)),
      canAnswer: wb.may("answer"),
      canEditRegisters: wb.may("edit-registers"),
    },
    canExport: wb.may("export"),
  };
}

export async function workbenchAction(args: Args, wb: ReturnType<typeof requireWorkbench>) {
  const form = await readForm(args.request);
  const { lang } = await getPreferences(args.request);
  const { status, body } = runWorkbenchAction(wb.db, wb.project.id, wb.entries, form, { by: wb.actor, lockedPhase: wb.lockedPhase, lang });
  return data(body, { status });
}
