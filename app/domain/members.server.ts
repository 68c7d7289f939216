/**
 * Project membership, invitations and password-reset links.
 *
 * With no mail server, an invitation is a one-time link the project manager
 * copies and sends: it carries a role, expires after a week and works once.
 * The database keeps only the SHA-256 of its token.
 */
import { and, asc, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { memberships, oneTimeLinks, projects, users, type ProjectRole } from "#db/schema.ts";
import { audit, type Actor } from "./audit.server.ts";
import { deleteUserSessions, emailSchema, newToken, normaliseEmail, setPassword, tokenHash } from "./auth.server.ts";
import { stripInvisible } from "./text-hygiene.ts";
import type { Language } from "#methodology/schema.ts";

export const INVITATION_DAYS = 7;
export const RESET_HOURS = 24;
const DAY = 24 * 60 * 60 * 1000;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export function listMembers(db: Pick<Db, "select">, projectId: number) {
  return db
    .select({ userId: users.id, name: users.displayName, email: users.email, role: memberships.role, since: memberships.createdAt, disabled: users.disabled })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, projectId))
    .orderBy(asc(memberships.id))
    .all();
}

function countManagers(tx: Tx | Db, projectId: number): number {
  return tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.projectId, projectId), eq(memberships.role, "project-manager")))
    .all().length;
}

export function addMember(tx: Tx | Db, actor: Actor, projectId: number, user: { id: number; displayName: string; email: string }, role: ProjectRole, at = new Date().toISOString()) {
  tx.insert(memberships).values({ projectId, userId: user.id, role, createdAt: at, updatedAt: at }).run();
  audit(tx, actor, { projectId, action: "member.add", subject: user.displayName, after: { user: user.email, role } }, at);
}

/** A member of a project with their name and email (for the audit entry), or undefined. */
function findMember(tx: Tx | Db, projectId: number, userId: number) {
  return tx
    .select({ id: memberships.id, role: memberships.role, name: users.displayName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, userId)))
    .get();
}

export type MemberChange = { ok: true } | { ok: false; error: string };

export function changeRole(db: Db, actor: Actor, projectId: number, userId: number, role: ProjectRole): MemberChange {
  return writeTransaction(db, (tx) => {
    const m = findMember(tx, projectId, userId);
    if (!m) return { ok: false, error: "members.errors.notMember" };
    if (m.role === role) return { ok: true };
    if (m.role === "project-manager" && countManagers(tx, projectId) === 1) return { ok: false, error: "members.errors.lastManager" };
    const at = new Date().toISOString();
    tx.update(memberships).set({ role, updatedAt: at }).where(eq(memberships.id, m.id)).run();
    audit(tx, actor, { projectId, action: "member.role", subject: m.name, before: { user: m.email, role: m.role }, after: { user: m.email, role } }, at);
    return { ok: true };
  });
}

export function removeMember(db: Db, actor: Actor, projectId: number, userId: number): MemberChange {
  return writeTransaction(db, (tx) => {
    const m = findMember(tx, projectId, userId);
    if (!m) return { ok: false, error: "members.errors.notMember" };
    if (m.role === "project-manager" && countManagers(tx, projectId) === 1) return { ok: false, error: "members.errors.lastManager" };
    tx.delete(memberships).where(eq(memberships.id, m.id)).run();
    audit(tx, actor, { projectId, action: "member.remove", subject: m.name, before: { user: m.email, role: m.role }, after: null });
    return { ok: true };
  });
}

// --- invitations ------------------------------------------------------------

/** For an invitation sent by email (decision 046): to whom, in which language, and from which team-register row. */
export type InvitationAddress = { email: string; name: string; language: Language; teamRowId?: number | null };

export function createInvitation(
  db: Db,
  actor: Actor & { id: number },
  projectId: number,
  role: ProjectRole,
  typedNote: string,
  now = new Date(),
  address: InvitationAddress | null = null,
): { token: string; expiresAt: string } {
  const note = stripInvisible(typedNote).trim();
  const token = newToken();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY).toISOString();
  const email = address ? normaliseEmail(address.email) : null;
  const name = address ? stripInvisible(address.name).trim() || null : null;
  writeTransaction(db, (tx) => {
    // A new invitation to an address replaces the earlier open ones to it in this project (review finding 3).
    if (email) retireInvitations(tx, projectId, email, at);
    tx.insert(oneTimeLinks)
      .values({
        tokenHash: tokenHash(token),
        kind: "invitation",
        projectId,
        role,
        note,
        email,
        name,
        language: address?.language ?? null,
        teamRowId: address?.teamRowId ?? null,
        createdBy: actor.id,
        createdAt: at,
        expiresAt,
      })
      .run();
    audit(tx, actor, { projectId, action: "invitation.create", subject: name || note || null, after: { role, note, expiresAt, ...(email ? { email } : {}) } }, at);
  });
  return { token, expiresAt };
}

/** Revokes the project's open invitations to an address (a new one replaces them; joining spends them). */
function retireInvitations(tx: Tx | Db, projectId: number, email: string, at: string, except?: number) {
  tx.update(oneTimeLinks)
    .set({ revokedAt: at })
    .where(
      and(
        eq(oneTimeLinks.projectId, projectId),
        eq(oneTimeLinks.kind, "invitation"),
        eq(oneTimeLinks.email, normaliseEmail(email)),
        isNull(oneTimeLinks.usedAt),
        isNull(oneTimeLinks.revokedAt),
        except === undefined ? undefined : ne(oneTimeLinks.id, except),
      ),
    )
    .run();
}

/** True when an invitation was emailed to an address other than this account's (it is bound to its address). */
export function invitationForAnotherEmail(link: { email: string | null }, email: string): boolean {
  return !!link.email && link.email.toLowerCase() !== normaliseEmail(email);
}

export function pendingInvitations(db: Db, projectId: number, now = new Date()) {
  return db
    .select({ id: oneTimeLinks.id, role: oneTimeLinks.role, note: oneTimeLinks.note, email: oneTimeLinks.email, name: oneTimeLinks.name, teamRowId: oneTimeLinks.teamRowId, createdAt: oneTimeLinks.createdAt, expiresAt: oneTimeLinks.expiresAt, by: users.displayName })
    .from(oneTimeLinks)
    .innerJoin(users, eq(users.id, oneTimeLinks.createdBy))
    .where(
      and(
        eq(oneTimeLinks.projectId, projectId),
        eq(oneTimeLinks.kind, "invitation"),
        isNull(oneTimeLinks.usedAt),
        isNull(oneTimeLinks.revokedAt),
        gt(oneTimeLinks.expiresAt, now.toISOString()),
      ),
    )
    .orderBy(asc(oneTimeLinks.id))
    .all();
}

export function revokeInvitation(db: Db, actor: Actor, projectId: number, invitationId: number): MemberChange {
  return writeTransaction(db, (tx) => {
    const link = tx
      .select()
      .from(oneTimeLinks)
      .where(and(eq(oneTimeLinks.id, invitationId), eq(oneTimeLinks.projectId, projectId), eq(oneTimeLinks.kind, "invitation")))
      .get();
    if (!link) return { ok: false, error: "members.errors.noInvitation" };
    if (link.usedAt || link.revokedAt) return { ok: true };
    const at = new Date().toISOString();
    tx.update(oneTimeLinks).set({ revokedAt: at }).where(eq(oneTimeLinks.id, link.id)).run();
    audit(tx, actor, { projectId, action: "invitation.revoke", subject: link.note || null, before: { role: link.role, note: link.note }, after: null }, at);
    return { ok: true };
  });
}

export type LinkState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** Looks a one-time link up by its token, with the project it invites to. */
export function findLink(db: Db, token: string, kind: "invitation" | "password-reset", now = new Date()) {
  if (!token || token.length > 100) return { state: "unknown" as LinkState, link: null, project: null };
  const link = db.select().from(oneTimeLinks).where(and(eq(oneTimeLinks.tokenHash, tokenHash(token)), eq(oneTimeLinks.kind, kind))).get();
  if (!link) return { state: "unknown" as LinkState, link: null, project: null };
  const project = link.projectId ? db.select({ id: projects.id, name: projects.name, clientOrganisation: projects.clientOrganisation }).from(projects).where(eq(projects.id, link.projectId)).get() ?? null : null;
  const state: LinkState = link.revokedAt ? "revoked" : link.usedAt ? "used" : link.expiresAt <= now.toISOString() ? "expired" : "valid";
  return { state, link, project };
}

/** The language an invitation was written in (its page speaks it), or null. */
export function invitationLanguage(db: Db, token: string): Language | null {
  const { state, link } = findLink(db, token, "invitation");
  return state === "valid" ? (link?.language ?? null) : null;
}

export type AcceptResult = { ok: true; projectId: number; alreadyMember: boolean } | { ok: false; state: LinkState | "wrong-email" };

/** Uses an invitation for a signed-in user: they join with its role, and the link is spent. */
export function acceptInvitation(db: Db, token: string, user: { id: number; displayName: string; email: string }, now = new Date()): AcceptResult {
  return writeTransaction(db, (tx) => {
    const { state, link } = findLink(tx as unknown as Db, token, "invitation", now);
    if (state !== "valid" || !link || !link.projectId || !link.role) return { ok: false, state };
    // An emailed invitation is for the account with that email, not for whoever holds the link.
    if (invitationForAnotherEmail(link, user.email)) return { ok: false, state: "wrong-email" as const };
    const at = now.toISOString();
    const existing = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.projectId, link.projectId), eq(memberships.userId, user.id)))
      .get();
    // Spent only when it is used: a member opening it again leaves it for the person it was meant for.
    if (existing) return { ok: true, projectId: link.projectId, alreadyMember: true };
    const spent = tx
      .update(oneTimeLinks)
      .set({ usedAt: at, usedBy: user.id })
      .where(and(eq(oneTimeLinks.id, link.id), isNull(oneTimeLinks.usedAt)))
      .run();
    if (spent.changes !== 1) return { ok: false, state: "used" };
    const actor = { id: user.id, name: user.displayName };
    audit(tx, actor, { projectId: link.projectId, action: "invitation.accept", subject: user.displayName, before: { role: link.role, note: link.note }, after: { user: user.email, role: link.role } }, at);
    addMember(tx, actor, link.projectId, user, link.role, at);
    // Other open invitations to this address in the project are spent with it.
    retireInvitations(tx, link.projectId, user.email, at, link.id);
    return { ok: true, projectId: link.projectId, alreadyMember: false };
  });
}

// --- password reset ---------------------------------------------------------

export function createResetLink(db: Db, admin: Actor & { id: number }, userId: number, now = new Date()): { token: string; expiresAt: string } {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_HOURS * 60 * 60 * 1000).toISOString();
  writeTransaction(db, (tx) => {
    // A new link replaces any earlier unused one.
    tx.update(oneTimeLinks)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(oneTimeLinks.kind, "password-reset"), eq(oneTimeLinks.userId, userId), isNull(oneTimeLinks.usedAt), isNull(oneTimeLinks.revokedAt)))
      .run();
    tx.insert(oneTimeLinks)
      .values({ tokenHash: tokenHash(token), kind: "password-reset", userId, createdBy: admin.id, createdAt: now.toISOString(), expiresAt })
      .run();
  });
  return { token, expiresAt };
}

/** Sets a new password from a reset link; every session of that user ends. */
export async function useResetLink(db: Db, token: string, password: string, now = new Date()): Promise<{ ok: true; userId: number } | { ok: false; state: LinkState }> {
  const { state, link } = findLink(db, token, "password-reset", now);
  if (state !== "valid" || !link?.userId) return { ok: false, state };
  const spent = db
    .update(oneTimeLinks)
    .set({ usedAt: now.toISOString(), usedBy: link.userId })
    .where(and(eq(oneTimeLinks.id, link.id), isNull(oneTimeLinks.usedAt), isNull(oneTimeLinks.revokedAt)))
    .run();
  if (spent.changes !== 1) return { ok: false, state: "used" };
  await setPassword(db, link.userId, password);
  deleteUserSessions(db, link.userId);
  return { ok: true, userId: link.userId };
}

// --- inviting a row of the team register (issue 20, item 4) -----------------------

/** The project role a team-register role becomes when its person is invited (editable before sending). */
export function projectRoleForTeamRole(teamRole: unknown): ProjectRole {
  if (teamRole === "executive-sponsor") return "executive-sponsor";
  if (teamRole === "project-manager") return "project-manager";
  return "team-member";
}

export type TeamRowInvite = {
  rowId: number;
  name: string;
  email: string;
  /** The role the invitation proposes. */
  role: ProjectRole;
  /** `member`: someone with this email is in the project; `invited`: an invitation from this row (or to this email) waits. */
  status: "member" | "invited" | null;
};

/** Each team-register row with an email, with what inviting it would carry over and whether it is done. */
export function teamRowInvites(db: Db, projectId: number, rows: ReadonlyArray<{ id: number; cells: Readonly<Record<string, unknown>> }>, roleColumn: string, now = new Date()): TeamRowInvite[] {
  const memberEmails = new Set(listMembers(db, projectId).map((m) => normaliseEmail(m.email)));
  const pending = pendingInvitations(db, projectId, now);
  return rows.flatMap((r) => {
    // The invite-row action's own rule, so every row offered can be sent.
    const parsed = emailSchema.safeParse(r.cells.email);
    if (!parsed.success) return [];
    const email = parsed.data;
    const name = typeof r.cells.name === "string" ? r.cells.name.trim() : "";
    const status = memberEmails.has(email) ? "member" : pending.some((p) => p.teamRowId === r.id || p.email === email) ? "invited" : null;
    return [{ rowId: r.id, name, email, role: projectRoleForTeamRole(r.cells[roleColumn]), status }];
  });
}
