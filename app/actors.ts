/**
 * The names Gambegam records for what it does itself, with no person behind
 * it (the demo's seed, the command line). They are stored as these fixed
 * names and shown in the reader's language; a person's name is shown as written.
 */
import type { Language } from "#methodology/schema.ts";
import { i18nFor } from "./i18n.ts";

export const SYSTEM_NAME = "Gambegam";
export const COMMAND_LINE_NAME = "Gambegam (command line)";

const LABELS: Readonly<Record<string, string>> = { [SYSTEM_NAME]: "actors.system", [COMMAND_LINE_NAME]: "actors.commandLine" };

/** A recorded actor's name as the reader sees it. */
export function actorLabel(name: string, lang: Language): string {
  const key = LABELS[name];
  return key ? i18nFor(lang).t(key) : name;
}
