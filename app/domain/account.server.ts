/**
 * The forms of the public pages (set-up, sign-in, accepting an invitation,
 * password reset) and of the account page: validation, the honeypot, and the
 * safe return address after signing in.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { projects, users, type UserRow } from "#db/schema.ts";
import { fieldErrors, msg } from "#methodology/values.ts";
import { sameSitePath, type FormFields } from "#app/http.server.ts";
import { displayNameSchema, emailSchema, hashPassword, passwordSchema } from "./auth.server.ts";
import { addMember } from "./members.server.ts";

/** Bots fill every field; people never see this one. */
export const HONEYPOT_FIELD = "website";

export function honeypotFilled(form: FormFields): boolean {
  const v = form[HONEYPOT_FIELD];
  return typeof v === "string" ? v.trim() !== "" : Array.isArray(v);
}

/** Only paths of this site, so the sign-in form cannot redirect elsewhere. */
export function safeReturnTo(raw: unknown, fallback = "/projects"): string {
  const path = sameSitePath(raw);
  if (!path || path.startsWith("/login") || path.startsWith("/logout") || path.startsWith("/setup")) return fallback;
  return path;
}

const samePasswords = { path: ["confirm"], message: msg("validation.passwordsDiffer") };

export const newAccountSchema = z
  .object({ displayName: displayNameSchema, email: emailSchema, password: passwordSchema, confirm: z.string().optional().default("") })
  .refine((v) => v.password === v.confirm, samePasswords);

export const loginSchema = z.object({
  email: z.string({ error: msg("validation.required") }).trim().min(1, msg("validation.required")).max(254, msg("validation.tooLong", { max: 254 })),
  password: z.string({ error: msg("validation.required") }).min(1, msg("validation.required")).max(1024, msg("validation.tooLong", { max: 1024 })),
});

export const passwordChangeSchema = z
  .object({
    current: z.string({ error: msg("validation.required") }).min(1, msg("validation.required")).max(1024),
    password: passwordSchema,
    confirm: z.string().optional().default(""),
  })
  .refine((v) => v.password === v.confirm, samePasswords);

export const resetSchema = z
  .object({ password: passwordSchema, confirm: z.string().optional().default("") })
  .refine((v) => v.password === v.confirm, samePasswords);

export { fieldErrors };

/** What to show back in a refused form: everything typed except passwords. */
export function echo(form: FormFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    if (["password", "confirm", "current", HONEYPOT_FIELD].includes(k)) continue;
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

export class AdminExistsError extends Error {}

/**
 * The first administrator of a fresh installation. They also become project
 * manager of the demo project, so they can see it at once.
 */
export async function createFirstAdmin(db: Db, input: { displayName: string; email: string; password: string }): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, (tx) => {
    const admin = tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true)).get();
    if (admin) throw new AdminExistsError();
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) throw new AdminExistsError("email");
    const user = tx.insert(users).values({ email: input.email, displayName: input.displayName, passwordHash, isAdmin: true }).returning().get();
    const actor = { id: user.id, name: user.displayName };
    for (const demo of tx.select({ id: projects.id }).from(projects).where(eq(projects.isDemo, true)).all()) {
      addMember(tx, actor, demo.id, user, "project-manager");
    }
    return user;
  });
}
