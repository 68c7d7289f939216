/**
 * The demo projects' accounts, listed on the sign-in page while they exist
 * and are enabled, with the project each belongs to, so that someone trying
 * Gambegam can sign in as each role of either engagement.
 * With GAMBEGAM_DEMO=off nothing is listed; nor to a visitor on another
 * computer, where the published password is refused anyway (decision 016).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { memberships, projects, users } from "#db/schema.ts";
import { DEMO_ACCOUNT_ORDER, DEMO_PASSWORD } from "#db/seed-demo.ts";

export function demoAccounts(db: Db, visitorIsLocal: boolean) {
  if (process.env.GAMBEGAM_DEMO === "off" || !visitorIsLocal) return [];
  const rows = db
    .select({ email: users.email, name: users.displayName, role: memberships.role, project: projects.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(projects, and(eq(projects.id, memberships.projectId), eq(projects.isDemo, true)))
    .where(and(eq(users.isDemo, true), eq(users.disabled, false)))
    .all();
  const order = DEMO_ACCOUNT_ORDER;
  return rows
    .filter((r, i) => rows.findIndex((x) => x.email === r.email) === i)
    .sort((a, b) => order.indexOf(a.email) - order.indexOf(b.email))
    .map((r) => ({ ...r, password: DEMO_PASSWORD }));
}
