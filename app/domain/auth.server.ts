/**
 * Accounts, passwords and server-side sessions.
 *
 * - Passwords: argon2id, at least 12 characters, no composition rules.
 * - Sessions: a random 256-bit token in an HttpOnly, SameSite=Lax cookie; the
 *   database keeps only its SHA-256, so a copy of the database opens no session.
 *   A session ends after an idle period and, however active, at an absolute
 *   expiry. A new token is issued at every sign-in (rotation) and a sign-out
 *   deletes the session row.
 * - Failed sign-ins are counted per address (the limit) and per account (a
 *   looser ceiling, five times the limit) over a sliding window; over either,
 *   sign-in is refused with the minutes to wait. An attempt is reserved — its
 *   failure row written — before the slow password check, in the same
 *   transaction as the count, so parallel guesses cannot pass the limit; a
 *   success takes its row back. One address hammering an account therefore
 *   cannot lock the owner out from another address (decision 016).
 * - The published demo password signs in only from this computer.
 * - Every checked sign-in, failed or not, goes into the installation's audit
 *   log with the client's address.
 */
import crypto from "node:crypto";
import { hash, hashSync, verify } from "@node-rs/argon2";
import { and, count, eq, gt, lt, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { preparedOnce, writeTransaction } from "#db/client.ts";
import { loginFailures, sessions, users, type UserRow } from "#db/schema.ts";
import { DEMO_PASSWORD } from "#db/demo-password.ts";
import { msg } from "#methodology/values.ts";
import { audit } from "./audit.server.ts";
import { stripInvisible } from "./text-hygiene.ts";

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; a bound keeps one request from costing seconds. */
export const PASSWORD_MAX_LENGTH = 256;

const MINUTE = 60_000;

/** Limits, overridable by environment for operators (and for tests of expiry). */
export function authSettings(env: NodeJS.ProcessEnv = process.env) {
  const num = (v: string | undefined, fallback: number) => {
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    idleMs: num(env.GAMBEGAM_SESSION_IDLE_MINUTES, 8 * 60) * MINUTE,
    absoluteMs: num(env.GAMBEGAM_SESSION_MAX_HOURS, 7 * 24) * 60 * MINUTE,
    loginLimit: num(env.GAMBEGAM_LOGIN_LIMIT, 10),
    /** Failures on one account from all addresses together: looser, so that one address cannot lock the owner out. */
    accountLimit: num(env.GAMBEGAM_LOGIN_LIMIT, 10) * 5,
    loginWindowMs: num(env.GAMBEGAM_LOGIN_WINDOW_MINUTES, 15) * MINUTE,
  };
}

// --- passwords --------------------------------------------------------------

/** argon2id (algorithm 2) with the parameters OWASP recommends as a minimum. */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** For start-up seeding only; requests use the asynchronous hash. */
export function hashPasswordSync(password: string): string {
  return hashSync(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Checked so that an unknown email takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummyHash;
}

export const passwordSchema = z
  .string({ error: msg("validation.required") })
  .min(1, msg("validation.required"))
  .min(PASSWORD_MIN_LENGTH, msg("validation.passwordTooShort", { min: PASSWORD_MIN_LENGTH }))
  .max(PASSWORD_MAX_LENGTH, msg("validation.tooLong", { max: PASSWORD_MAX_LENGTH }));

export const emailSchema = z
  .string({ error: msg("validation.required") })
  .trim()
  .min(1, msg("validation.required"))
  .max(254, msg("validation.tooLong", { max: 254 }))
  .transform((v) => v.toLowerCase())
  .pipe(z.email({ error: msg("validation.badEmail") }));

export const displayNameSchema = z
  .string({ error: msg("validation.required") })
  .overwrite(stripInvisible)
  .trim()
  .min(1, msg("validation.required"))
  .max(120, msg("validation.tooLong", { max: 120 }));

// --- users ------------------------------------------------------------------

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}

export function getUser(db: Db, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function adminExists(db: Db): boolean {
  return db.select({ n: count() }).from(users).where(and(eq(users.isAdmin, true), eq(users.disabled, false))).get()!.n > 0;
}

export type NewUser = { email: string; displayName: string; password: string; isAdmin?: boolean; isDemo?: boolean };

export class EmailTakenError extends Error {}

export async function createUser(db: Db, input: NewUser): Promise<UserRow> {
  return insertUser(db, input, await hashPassword(input.password));
}

export function insertUser(db: Db, input: Omit<NewUser, "password">, passwordHash: string): UserRow {
  return writeTransaction(db, (tx) => {
    const email = normaliseEmail(input.email);
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) throw new EmailTakenError(email);
    return tx
      .insert(users)
      .values({ email, displayName: stripInvisible(input.displayName).trim(), passwordHash, isAdmin: input.isAdmin ?? false, isDemo: input.isDemo ?? false })
      .returning()
      .get();
  });
}

export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  db.update(users).set({ passwordHash, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
}

// --- sessions ---------------------------------------------------------------

export const SESSION_COOKIE = "gambegam_session";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function tokenHash(token: string): string {
  return sha256(token);
}

/** Starts a session and returns its token (to be put in the cookie). */
export function createSession(db: Db, userId: number, now = new Date()): string {
  const token = newToken();
  const settings = authSettings();
  const at = now.toISOString();
  writeTransaction(db, (tx) => {
    tx.insert(sessions)
      .values({ id: sha256(token), userId, createdAt: at, lastSeenAt: at, expiresAt: new Date(now.getTime() + settings.absoluteMs).toISOString() })
      .run();
    tx.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId)).run();
    // Housekeeping: expired sessions of anyone are removed on sign-in.
    tx.delete(sessions).where(lt(sessions.expiresAt, at)).run();
  });
  return token;
}

export type SessionUser = Pick<UserRow, "id" | "email" | "displayName" | "isAdmin" | "isDemo">;

const sessionById = preparedOnce((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

/**
 * The signed-in user for a token, or null when the session does not exist,
 * is idle for too long, is past its absolute expiry, or its account is disabled.
 * An ended session is deleted. Activity is written at most once a minute.
 */
export function userForToken(db: Db, token: string | null, now = new Date()): { user: SessionUser; sessionId: string } | null {
  if (!token || token.length > 100) return null;
  const id = sha256(token);
  const row = sessionById(db).get({ id });
  if (!row) return null;
  const settings = authSettings();
  const t = now.getTime();
  const idleOver = t - Date.parse(row.session.lastSeenAt) > settings.idleMs;
  const absoluteOver = t >= Date.parse(row.session.expiresAt);
  if (idleOver || absoluteOver || row.user.disabled) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (t - Date.parse(row.session.lastSeenAt) > MINUTE) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, id)).run();
  }
  const { id: userId, email, displayName, isAdmin, isDemo } = row.user;
  return { user: { id: userId, email, displayName, isAdmin, isDemo }, sessionId: id };
}

export function deleteSessionByToken(db: Db, token: string | null): void {
  if (token) db.delete(sessions).where(eq(sessions.id, sha256(token))).run();
}

/** Ends every session of a user, or every other one when `keepSessionId` is given. */
export function deleteUserSessions(db: Db, userId: number, keepSessionId?: string): void {
  db.delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
    .run();
}

// --- cookies ----------------------------------------------------------------

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() !== name) continue;
    // A cookie the browser mangled (a stray '%') is no session, not an error.
    try {
      return decodeURIComponent(part.slice(eqAt + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Secure in production. Browsers refuse a Secure cookie sent over plain
 * http except on localhost, so a production server reached over plain http
 * on a LAN (a workshop laptop) sets it only when GAMBEGAM_COOKIE_SECURE=always.
 */
function secureFor(request: Request): boolean {
  if (process.env.NODE_ENV !== "production") return false;
  const setting = process.env.GAMBEGAM_COOKIE_SECURE;
  if (setting === "always") return true;
  if (setting === "never") return false;
  const url = new URL(request.url);
  return url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export function sessionCookie(request: Request, token: string): string {
  const maxAge = Math.floor(authSettings().absoluteMs / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secureFor(request) ? "; Secure" : ""}`;
}

export function clearSessionCookie(request: Request): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureFor(request) ? "; Secure" : ""}`;
}

// --- sign-in and throttling -------------------------------------------------

export type LoginResult =
  | { status: "ok"; user: UserRow; token: string }
  | { status: "invalid" }
  | { status: "demo-elsewhere" }
  | { status: "limited"; minutes: number };

export type Attempt = { status: "reserved"; id: number } | { status: "limited"; minutes: number };

/**
 * Counts the failures in the window for this address and this account and,
 * under both limits, reserves the attempt by writing its failure row — in one
 * immediate transaction, so that attempts running in parallel each see the
 * others' reservations. `account` is any key: an email, or the set-up code.
 */
export function reserveAttempt(db: Db, account: string, address: string, now = new Date()): Attempt {
  const { loginLimit, accountLimit, loginWindowMs } = authSettings();
  const since = new Date(now.getTime() - loginWindowMs).toISOString();
  return writeTransaction(db, (tx): Attempt => {
    for (const [cond, limit] of [[eq(loginFailures.address, address), loginLimit], [eq(loginFailures.account, account), accountLimit]] as const) {
      const rows = tx
        .select({ at: loginFailures.at })
        .from(loginFailures)
        .where(and(cond, gt(loginFailures.at, since)))
        .orderBy(sql`${loginFailures.at} desc`)
        .limit(limit)
        .all();
      if (rows.length >= limit) {
        const oldest = Date.parse(rows[rows.length - 1]!.at);
        return { status: "limited", minutes: Math.max(1, Math.ceil((oldest + loginWindowMs - now.getTime()) / MINUTE)) };
      }
    }
    const id = tx.insert(loginFailures).values({ account, address, at: now.toISOString() }).returning({ id: loginFailures.id }).get().id;
    // Old failures are forgotten.
    tx.delete(loginFailures)
      .where(lt(loginFailures.at, new Date(now.getTime() - 24 * 60 * MINUTE).toISOString()))
      .run();
    return { status: "reserved", id };
  });
}

/** A reserved attempt that succeeded is no failure; nor are this address's earlier failures on the account (the owner's typos). */
export function releaseAttempt(db: Db, account: string, address: string, id: number): void {
  db.delete(loginFailures).where(sql`${loginFailures.id} = ${id} or (${loginFailures.account} = ${account} and ${loginFailures.address} = ${address})`).run();
}

export async function login(db: Db, input: { email: string; password: string; address: string; local: boolean }, now = new Date()): Promise<LoginResult> {
  const account = normaliseEmail(input.email).slice(0, 254);
  // The demo password is published: from another computer it opens nothing. It is no guess at the
  // account (so it never locks it), but it is counted against the address and logged, so that an
  // administrator sees who tries it and a flood of it is throttled like any other.
  if (!input.local && input.password === DEMO_PASSWORD) {
    const attempt = reserveAttempt(db, `(demo password) ${input.address}`.slice(0, 254), input.address, now);
    if (attempt.status === "limited") return attempt;
    audit(db, { id: null, name: account }, { projectId: null, action: "auth.signin-demo-elsewhere", subject: account, after: { address: input.address } }, new Date().toISOString());
    return { status: "demo-elsewhere" };
  }
  const attempt = reserveAttempt(db, account, input.address, now);
  if (attempt.status === "limited") return attempt;
  const user = findUserByEmail(db, account);
  let ok = false;
  if (user && !user.disabled) ok = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await timingDummy(), input.password);
  const at = new Date().toISOString();
  if (!ok || !user) {
    // Never attributed to the account: who typed it is not known.
    audit(db, { id: null, name: account }, { projectId: null, action: "auth.signin-failed", subject: account, after: { address: input.address } }, at);
    return { status: "invalid" };
  }
  releaseAttempt(db, account, input.address, attempt.id);
  audit(db, { id: user.id, name: user.displayName }, { projectId: null, action: "auth.signin", subject: user.email, after: { address: input.address } }, at);
  return { status: "ok", user, token: createSession(db, user.id, now) };
}

export function listUsers(db: Db) {
  return db.select().from(users).orderBy(users.displayName, users.id).all();
}

/** Used by the admin screen to avoid removing the last administrator. */
export function otherActiveAdmins(db: Db, userId: number): number {
  return db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.isAdmin, true), eq(users.disabled, false), ne(users.id, userId)))
    .get()!.n;
}
