/**
 * The demo engagements created on a fresh database: a fictional Persian food
 * manufacturer part-way through the method (team formed with two roles still
 * empty, vision captured — both phases signed by its sponsor — goals ranked,
 * requirements started, later phases untouched), and a fictional UK appliance maker, in English, taken through
 * all eight phases with every phase signed (db/content/alder-finch.ts).
 * Written through the same validated domain functions as the UI, so a demo
 * answer that no longer fits the pack fails loudly.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { projects } from "./schema.ts";
import type { ProjectRole } from "./schema.ts";
import { getPacks } from "#methodology/registry.ts";
import type { Pack } from "#methodology/schema.ts";
import { DEMO_ANSWERS, DEMO_PROJECT, DEMO_ROWS, DEMO_SIGN_OFFS } from "./demo-content.ts";
import { DEMO_PASSWORD } from "./demo-password.ts";
import { SeedError, seedEngagement, withParts, type Engagement } from "./seed-engagement.ts";
import { ALDER_FINCH, ALDER_FINCH_FIRM } from "./content/alder-finch.ts";
import { PROFESSIONAL_CONTENT } from "./content/professional.ts";
import { brandingFormSchema, saveBranding } from "#app/domain/branding.server.ts";
import { SYSTEM_ACTOR } from "#app/domain/audit.server.ts";

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
  { email: "l.tehrani@arman.example", displayName: "لیلا تهرانی", role: "consultant" },
  { email: "f.karimi@mehregan.example", displayName: "فرهاد کریمی", role: "executive-sponsor" },
  { email: "n.rahimi@mehregan.example", displayName: "نرگس رحیمی", role: "team-member" },
  { email: "h.nazari@mehregan.example", displayName: "حسین نظری", role: "viewer" },
];

/** The demo accounts in the order the sign-in page lists them: Mehregan's, then Alder & Finch's. */
export const DEMO_ACCOUNT_ORDER: string[] = [...DEMO_USERS, ...ALDER_FINCH.people].map((u) => u.email);

export type DemoOptions = {
  /**
   * Whether the sponsor signs the team and vision phases (DEMO_SIGN_OFFS). A fresh
   * installation's demo has them signed (seedDemoIfEmpty), unless started with
   * GAMBEGAM_DEMO_SIGNOFFS=off — for tests that edit those phases as the content
   * alone leaves them; the demo content alone (seedDemoProject) has no signature.
   */
  signOffs?: boolean;
};

export function seedDemoProject(db: Db, pack: Pack = getPacks().get(DEMO_PROJECT.packId, DEMO_PROJECT.packVersion)!, options: DemoOptions = {}): number {
  if (!pack) throw new SeedError(`demo: pack ${DEMO_PROJECT.packId}@${DEMO_PROJECT.packVersion} is not installed`);
  const { packId: _id, packVersion: _version, ...project } = DEMO_PROJECT;
  try {
    return seedEngagement(db, pack, { project: { ...project, deliverableLanguage: "fa" }, people: DEMO_USERS, answers: DEMO_ANSWERS, rows: DEMO_ROWS, signOffs: options.signOffs ? DEMO_SIGN_OFFS : [] });
  } catch (e) {
    if (e instanceof SeedError) throw new SeedError(`demo: ${e.message}`);
    throw e;
  }
}

/**
 * A completed engagement: seeded, then its consulting firm named on its
 * documents' covers (the project's own branding; the rest of the branding
 * stays the installation's).
 */
export function seedCompletedEngagement(db: Db, e: Engagement, firmName: string, label: string, pack: Pack = getPacks().get(DEMO_PROJECT.packId, DEMO_PROJECT.packVersion)!): number {
  if (!pack) throw new SeedError(`${label}: pack ${DEMO_PROJECT.packId}@${DEMO_PROJECT.packVersion} is not installed`);
  try {
    const id = seedEngagement(db, pack, e);
    saveBranding(db, SYSTEM_ACTOR, id, brandingFormSchema.parse({ firmName }), null);
    return id;
  } catch (e) {
    if (e instanceof SeedError) throw new SeedError(`${label}: ${e.message}`);
    throw e;
  }
}

/** The English demo engagement, "Alder & Finch CRM programme": all eight phases done and signed. */
export function seedEnglishDemoProject(db: Db, pack?: Pack): number {
  return seedCompletedEngagement(db, withParts(ALDER_FINCH, PROFESSIONAL_CONTENT.en), ALDER_FINCH_FIRM, "demo (Alder & Finch)", pack);
}

/** Creates the two demo projects only when the database has no project at all — Mehregan's team and vision signed by its sponsor unless `signOffs` is false; returns the Persian one's id. */
export function seedDemoIfEmpty(db: Db, options: DemoOptions = {}): number | null {
  const count = db.select({ n: sql<number>`count(*)` }).from(projects).get()!.n;
  if (count !== 0) return null;
  const id = seedDemoProject(db, undefined, { signOffs: options.signOffs ?? true });
  seedEnglishDemoProject(db);
  return id;
}
