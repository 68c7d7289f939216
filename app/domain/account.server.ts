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
import { displayNameSchema, emailSchema, hashPassword, passwordSchema, releaseAttempt, reserveAttempt } from "./auth.server.ts";
import { audit } from "./audit.server.ts";
import { addMember } from "./members.server.ts";
import { removeSetupCode, setupCodeMatches } from "./setup-code.server.ts";

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

const setupCodeSchema = z.string().trim().min(1).max(200);

export type SetupCheck = { status: "ok" } | { status: "limited"; minutes: number } | { status: "refused"; errors: Record<string, string> };

/**
 * The set-up form's checks, before anything is written: the one-time code
 * (guesses throttled per address like sign-ins, compared in constant time),
 * then the account fields. A wrong code stays counted; a right one does not.
 */
export function checkSetupForm(db: Db, form: FormFields, address: string): SetupCheck & { account?: z.infer<typeof newAccountSchema> } {
  const account = `(set-up code) ${address}`.slice(0, 254);
  const attempt = reserveAttempt(db, account, address);
  if (attempt.status === "limited") return attempt;
  const code = setupCodeSchema.safeParse(form.code);
  const right = code.success && setupCodeMatches(code.data);
  const parsed = newAccountSchema.safeParse(form);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (!code.success) errors.code = form.code === undefined || form.code === "" ? "setup.codeMissing" : "setup.codeWrong";
  else if (!right) errors.code = "setup.codeWrong";
  if (right) releaseAttempt(db, account, address, attempt.id);
  else audit(db, { id: null, name: address }, { projectId: null, action: "auth.setup-code-wrong", subject: null, after: { address } });
  if (!right || !parsed.success) return { status: "refused", errors };
  return { status: "ok", account: parsed.data };
}

/**
 * The first administrator of a fresh installation. They also become project
 * manager of the demo project, so they can see it at once.
 */
export async function createFirstAdmin(db: Db, input: { displayName: string; email: string; password: string; address?: string }): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  const user = writeTransaction(db, (tx) => {
    const admin = tx.select({ id: users.id }).from(users).where(eq(users.isAdmin, true)).get();
    if (admin) throw new AdminExistsError();
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) throw new AdminExistsError("email");
    const user = tx.insert(users).values({ email: input.email, displayName: input.displayName, passwordHash, isAdmin: true }).returning().get();
    const actor = { id: user.id, name: user.displayName };
    audit(tx, actor, { projectId: null, action: "auth.setup", subject: user.email, after: input.address ? { address: input.address } : null });
    for (const demo of tx.select({ id: projects.id }).from(projects).where(eq(projects.isDemo, true)).all()) {
      addMember(tx, actor, demo.id, user, "project-manager");
    }
    return user;
  });
  // The code is used up.
  removeSetupCode();
  return user;
}
