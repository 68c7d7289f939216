/**
 * The packs this server knows: the built-in ones plus any folders named in
 * GAMBEGAM_PACKS (separated by the platform's path delimiter), loaded once.
 */
import path from "node:path";
import { BUILT_IN_PACKS_DIR, loadPacks, type PackRegistry } from "./load.ts";

export function packsDirsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.GAMBEGAM_PACKS ?? "")
    .split(path.delimiter)
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => path.resolve(d));
}

let registry: PackRegistry | undefined;

/** Loads and checks every pack; throws a MethodologyError naming the bad item. */
export function getPacks(): PackRegistry {
  registry ??= loadPacks([BUILT_IN_PACKS_DIR, ...packsDirsFromEnv()]);
  return registry;
}

/** For tests: use exactly these folders. */
export function setPacksForTesting(dirs: string[]): PackRegistry {
  registry = loadPacks(dirs);
  return registry;
}
