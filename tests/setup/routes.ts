/**
 * The app's own route table, read the way React Router reads it: every route
 * module with its full pattern, and which modules export an action. Tests
 * derive what to walk from here, so a route added later is walked (or the
 * test says it is not) without anyone listing it by hand.
 */
import fs from "node:fs";
import routes from "#app/routes.ts";

type RouteConfigEntry = { path?: string; index?: boolean; file: string; children?: RouteConfigEntry[] };

/** Every route module with the full pattern React Router gives it ("/" + the joined paths). */
export function routeModules(entries: readonly RouteConfigEntry[] = routes as readonly RouteConfigEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  return entries.flatMap((entry) => {
    const joined = entry.index ? parent : [parent, entry.path].filter((p): p is string => Boolean(p)).join("/");
    return [{ pattern: `/${joined}`, file: entry.file }, ...routeModules(entry.children ?? [], joined)];
  });
}

/** Whether a route module (path relative to app/) exports an `action`, in any of the ways TypeScript allows. */
export function exportsAction(file: string): boolean {
  const source = fs.readFileSync(`app/${file}`, "utf8");
  return (
    /export\s+(async\s+)?function\s+action\b/.test(source) ||
    /export\s+(const|let|var)\s+action\b/.test(source) ||
    /export\s*\{[^}]*\baction\b[^}]*\}/.test(source)
  );
}

/** The patterns that have an action, with the module(s) that export it. */
export function actionRoutes(): Array<{ pattern: string; files: string[] }> {
  const byPattern = new Map<string, string[]>();
  for (const { pattern, file } of routeModules()) if (exportsAction(file)) byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), file]);
  return [...byPattern].map(([pattern, files]) => ({ pattern, files }));
}
