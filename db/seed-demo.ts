/**
 * The demo engagement created on a fresh database: a fictional Persian food
 * manufacturer part-way through the method (team formed with two roles still
 * empty, vision captured, goals ranked, requirements started, later phases
 * untouched). Written through the same validated domain functions as the UI,
 * so a demo answer that no longer fits the pack fails loudly.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { projects } from "./schema.ts";
import type { ProjectRole } from "./schema.ts";
import { getPacks } from "#methodology/registry.ts";
import type { Pack } from "#methodology/schema.ts";
import { DEMO_ANSWERS, DEMO_PROJECT, DEMO_ROWS } from "./demo-content.ts";
import { DEMO_PASSWORD } from "./demo-password.ts";
import { SeedError, seedEngagement } from "./seed-engagement.ts";

export { SeedError as DemoSeedError };

/**
 * The demo project's people, one per project role. They sign in with
 * DEMO_PASSWORD (documented in the README) from the computer Gambegam runs
 * on only. They are not administrators; the first administrator is created
 * on the set-up page.
 */
export { DEMO_PASSWORD };
export const DEMO_USERS: Array<{ email: string; displayName: string; role: ProjectRole }> = [
  { email: "s.ahmadi@mehregan.example", displayName: "سارا احمدی", role: "project-manager" },
  { email: "l.tehrani@arman.example", displayName: "Leila Tehrani", role: "consultant" },
  { email: "f.karimi@mehregan.example", displayName: "فرهاد کریمی", role: "executive-sponsor" },
  { email: "n.rahimi@mehregan.example", displayName: "نرگس رحیمی", role: "team-member" },
  { email: "h.nazari@mehregan.example", displayName: "حسین نظری", role: "viewer" },
];

export function seedDemoProject(db: Db, pack: Pack = getPacks().get(DEMO_PROJECT.packId, DEMO_PROJECT.packVersion)!): number {
  if (!pack) throw new SeedError(`demo: pack ${DEMO_PROJECT.packId}@${DEMO_PROJECT.packVersion} is not installed`);
  const { packId: _id, packVersion: _version, ...project } = DEMO_PROJECT;
  try {
    return seedEngagement(db, pack, { project: { ...project, deliverableLanguage: "fa" }, people: DEMO_USERS, answers: DEMO_ANSWERS, rows: DEMO_ROWS });
  } catch (e) {
    if (e instanceof SeedError) throw new SeedError(`demo: ${e.message}`);
    throw e;
  }
}

/** Creates the demo project only when the database has no project at all. */
export function seedDemoIfEmpty(db: Db): number | null {
  const count = db.select({ n: sql<number>`count(*)` }).from(projects).get()!.n;
  return count === 0 ? seedDemoProject(db) : null;
}
