/**
 * Email through SMTP (decision 046). Settings come from the environment; the
 * transport is made once. Every message is written to the `outbox` table
 * first, after the user's own change has committed, and sent afterwards: a
 * mail server that is slow, refuses or is not configured never fails what the
 * user did. Without SMTP settings the message stays `not-sent` and an
 * administrator sees it on /admin/outbox, its link ready to copy.
 */
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { memberships, oneTimeLinks, outbox, projects, users, type OutboxKind, type OutboxRow } from "#db/schema.ts";
import { can, type ProjectRole } from "#app/access.ts";
import { DEFAULT_LANGUAGE, i18nFor, loc } from "#app/i18n.ts";
import type { Language, Pack } from "#methodology/schema.ts";
import { getPacks } from "#methodology/registry.ts";
import { tokenHash } from "./auth.server.ts";
import { listMembers } from "./members.server.ts";
import { projectGates } from "./signoff.server.ts";
import { digestHasContent, renderMail, senderName, type DigestEntry, type DigestInvitation, type MailContent, type MailInput } from "./mail-messages.ts";

// --- settings -------------------------------------------------------------------

type SmtpOptions = { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };

export type MailSettings = {
  /** An smtp:// or smtps:// address, or host/port options; null: no mail server, nothing is sent. */
  smtp: string | SmtpOptions | null;
  /** The sender's address (from MAIL_FROM, which may be `Name <address>`). */
  from: string;
  /** The name MAIL_FROM gave with the address, or null. */
  fromName: string | null;
  /** MAIL_FROM as written when it is not an address nor `Name <address>`: the server refuses to start. */
  fromProblem: string | null;
  /** The address people open links at (links in emails, and the links to copy); null: the address the request came to. */
  publicUrl: string | null;
  /** The hour (server time, 0–23) the daily digest goes out. */
  digestHour: number;
  /** Whether the server's timer sends digests: `auto` only when SMTP is configured. */
  digest: "auto" | "on" | "off";
};

/** `address`, `Name <address>` or `"Name" <address>` → its parts; null when it is none of these (review finding 2). */
function parseMailFrom(raw: string): { name: string | null; address: string } | null {
  const address = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+$/;
  const text = raw.trim();
  if (address.test(text)) return { name: null, address: text };
  const m = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  if (!m || !address.test(m[2]!.trim())) return null;
  const name = m[1]!.trim().replace(/^"(.*)"$/, "$1").trim();
  return { name: name || null, address: m[2]!.trim() };
}

const flag = (v: string | undefined) => v !== undefined && ["1", "true", "yes", "on"].includes(v.trim().toLowerCase());

export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const url = env.SMTP_URL?.trim();
  const host = env.SMTP_HOST?.trim();
  const secure = flag(env.SMTP_SECURE);
  const smtp: MailSettings["smtp"] = url
    ? url
    : host
      ? {
          host,
          port: Number(env.SMTP_PORT?.trim() || (secure ? 465 : 587)),
          secure,
          ...(env.SMTP_USER?.trim() ? { auth: { user: env.SMTP_USER.trim(), pass: env.SMTP_PASSWORD ?? "" } } : {}),
        }
      : null;
  let publicUrl: string | null = null;
  const raw = env.PUBLIC_URL?.trim();
  if (raw) {
    try {
      const u = new URL(raw);
      if (u.protocol === "http:" || u.protocol === "https:") publicUrl = `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
    } catch {
      publicUrl = null;
    }
  }
  const hour = Number(env.MAIL_DIGEST_HOUR ?? 7);
  const digest = env.MAIL_DIGEST?.trim().toLowerCase();
  const rawFrom = env.MAIL_FROM?.trim() || `gambegam@${publicUrl ? new URL(publicUrl).hostname : "localhost"}`;
  const parsedFrom = parseMailFrom(rawFrom);
  return {
    smtp,
    from: parsedFrom?.address ?? rawFrom,
    fromName: parsedFrom?.name ?? null,
    fromProblem: parsedFrom ? null : rawFrom,
    publicUrl,
    digestHour: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 7,
    digest: digest === "on" || digest === "off" ? digest : "auto",
  };
}

/**
 * The one way links to this installation are made (invitations, resets, the
 * emails): PUBLIC_URL when set, else the address this request came to.
 */
export function publicOrigin(request: Request | null, settings = mailSettings()): string {
  if (settings.publicUrl) return settings.publicUrl;
  return request ? new URL(request.url).origin : `http://localhost:${process.env.PORT ?? 3000}`;
}

/** Throws (the server does not start) when MAIL_FROM cannot be used, rather than failing every message (review finding 2). */
export function assertMailFrom(mail: MailSettings): void {
  if (mail.fromProblem !== null) {
    throw new Error(`MAIL_FROM "${mail.fromProblem}" is not an email address: write it as noreply@example.org or as Gambegam <noreply@example.org>.`);
  }
}

/** The start-up line about email. */
export function mailStartupLine(mail: MailSettings, digest: boolean): string {
  const at = digest ? `; daily digest at ${String(mail.digestHour).padStart(2, "0")}:00` : "";
  return mail.smtp
    ? `Email: sent through SMTP from ${mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from}${at}.`
    : `Email: no SMTP settings — messages are kept in the outbox (/admin/outbox)${at}.`;
}

export function mailConfigured(settings = mailSettings()): boolean {
  return settings.smtp !== null;
}

let made: { key: string; transport: Transporter } | null = null;
/** The transport, made once for the settings in force (tests change them between servers, not within one). */
function transportFor(settings: MailSettings): Transporter | null {
  if (!settings.smtp) return null;
  const key = JSON.stringify(settings.smtp);
  if (made?.key !== key) {
    const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
    const transport = typeof settings.smtp === "string" ? nodemailer.createTransport({ url: settings.smtp, ...timeouts } satisfies SMTPTransport.Options) : nodemailer.createTransport({ ...settings.smtp, ...timeouts } satisfies SMTPTransport.Options);
    made = { key, transport };
  }
  return made.transport;
}

// --- sending --------------------------------------------------------------------------

export type MailDraft = {
  kind: OutboxKind;
  projectId: number | null;
  toUserId: number | null;
  toEmail: string;
  toName: string;
  language: Language;
  content: MailContent;
  /** Whom it is sent on behalf of (shown as the sender's name); null: the app itself. */
  sender: string | null;
};

export type Delivery = { id: number; toEmail: string; status: OutboxRow["status"]; error: string | null };

/**
 * The link a message carries to a one-time link (a live capability): `/invitations/<token>` or `/reset/<token>`,
 * with the origin before it when there is one (the whole match is then the link to copy).
 */
const CAPABILITY = /((?:https?:\/\/[^\s"<>]*?)?)\/(invitations|reset)\/([A-Za-z0-9_-]{20,100})/g;

/** The message with the tokens of its one-time links replaced, kept once the message is delivered. */
export function withoutTokens(s: string): string {
  return s.replace(CAPABILITY, (_, origin: string, kind: string) => `${origin}/${kind}/…`);
}

/**
 * Writes the messages to the outbox, then sends them (when SMTP is configured)
 * and records each outcome. Call it after the user's transaction committed;
 * it never throws: a failure is recorded on the message.
 */
export async function sendMail(db: Db, drafts: MailDraft[], settings = mailSettings()): Promise<Delivery[]> {
  if (drafts.length === 0) return [];
  const at = new Date().toISOString();
  const rows = writeTransaction(db, (tx) =>
    drafts.map((d) =>
      tx
        .insert(outbox)
        .values({ kind: d.kind, projectId: d.projectId, toUserId: d.toUserId, toEmail: d.toEmail, toName: d.toName, language: d.language, subject: d.content.subject, text: d.content.text, html: d.content.html, status: "not-sent", createdAt: at })
        .returning({ id: outbox.id })
        .get(),
    ),
  );
  const transport = transportFor(settings);
  if (!transport) return rows.map((r, i) => ({ id: r.id, toEmail: drafts[i]!.toEmail, status: "not-sent" as const, error: null }));
  const deliveries: Delivery[] = [];
  for (const [i, d] of drafts.entries()) {
    const id = rows[i]!.id;
    try {
      const info = await transport.sendMail({
        from: { name: d.sender || !settings.fromName ? senderName(d.language, d.sender) : settings.fromName, address: settings.from },
        to: d.toName ? { name: d.toName, address: d.toEmail } : d.toEmail,
        subject: d.content.subject,
        text: d.content.text,
        html: d.content.html,
        headers: { "Content-Language": d.language, "Auto-Submitted": "auto-generated" },
      });
      // Delivered: the recipient holds the link now, so the outbox keeps no live token.
      db.update(outbox)
        .set({ status: "sent", messageId: String(info.messageId ?? ""), sentAt: new Date().toISOString(), text: withoutTokens(d.content.text), html: withoutTokens(d.content.html) })
        .where(eq(outbox.id, id))
        .run();
      deliveries.push({ id, toEmail: d.toEmail, status: "sent", error: null });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      db.update(outbox).set({ status: "failed", error: message }).where(eq(outbox.id, id)).run();
      deliveries.push({ id, toEmail: d.toEmail, status: "failed", error: message });
    }
  }
  return deliveries;
}

/** Sends without making the user wait (notifications): the outcome is on the outbox page. */
export function sendMailLater(db: Db, drafts: MailDraft[]): void {
  if (drafts.length === 0) return;
  sendMail(db, drafts).catch((error) => console.error("mail:", error));
}

// --- the recipients' language ------------------------------------------------------------

/** The language to write to someone in: the one they last chose, else the project's (or their first project's), else the default. */
function recipientLanguage(db: Db, userId: number | null, projectId: number | null): Language {
  if (userId !== null) {
    const u = db.select({ language: users.language }).from(users).where(eq(users.id, userId)).get();
    if (u?.language) return u.language;
  }
  if (projectId !== null) {
    const p = db.select({ lang: projects.deliverableLanguage }).from(projects).where(eq(projects.id, projectId)).get();
    if (p) return p.lang;
  }
  if (userId !== null) {
    const first = db
      .select({ lang: projects.deliverableLanguage })
      .from(memberships)
      .innerJoin(projects, eq(projects.id, memberships.projectId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.id))
      .get();
    if (first) return first.lang;
  }
  return DEFAULT_LANGUAGE;
}

/** Remembers the interface language a signed-in person chose (their emails are written in it). */
export function rememberLanguage(db: Db, userId: number, language: Language): void {
  db.update(users).set({ language }).where(eq(users.id, userId)).run();
}

const roleName = (lang: Language, role: ProjectRole) => i18nFor(lang).t(`roles.${role}`);

// --- the messages, addressed ---------------------------------------------------------------

export function invitationDraft(args: {
  projectId: number;
  project: { name: string; clientOrganisation: string };
  inviter: string;
  role: ProjectRole;
  email: string;
  name: string;
  language: Language;
  link: string;
  expiresAt: string;
}): MailDraft {
  const lang = args.language;
  const input: MailInput = {
    kind: "invitation",
    lang,
    name: args.name,
    inviter: args.inviter,
    project: args.project.name,
    client: args.project.clientOrganisation,
    role: roleName(lang, args.role),
    roleDescription: i18nFor(lang).t(`roles.descriptions.${args.role}`),
    link: args.link,
    expiresAt: args.expiresAt,
  };
  return { kind: "invitation", projectId: args.projectId, toUserId: null, toEmail: args.email, toName: args.name, language: lang, content: renderMail(input, args.inviter), sender: args.inviter };
}

export function resetDraft(db: Db, args: { user: { id: number; email: string; displayName: string }; admin: string; link: string; expiresAt: string }): MailDraft {
  const lang = recipientLanguage(db, args.user.id, null);
  const content = renderMail({ kind: "password-reset", lang, name: args.user.displayName, admin: args.admin, link: args.link, expiresAt: args.expiresAt }, args.admin);
  return { kind: "password-reset", projectId: null, toUserId: args.user.id, toEmail: args.user.email, toName: args.user.displayName, language: lang, content, sender: args.admin };
}

type Member = { userId: number; name: string; email: string; role: ProjectRole };

function activeMembers(db: Db, projectId: number): Member[] {
  return listMembers(db, projectId).filter((m) => !m.disabled);
}

/**
 * The emails a sign-off step sends: a request goes to every member who may
 * sign; a signature or a sending back goes to whoever requested it and to
 * the project managers. Never to the person who acted.
 */
export function gateDrafts(
  db: Db,
  args: { projectId: number; pack: Pack; phaseId: string; intent: "request" | "approve" | "reject" | "withdraw" | "reopen"; actor: { id: number; name: string }; comment: string; origin: string },
): MailDraft[] {
  if (args.intent !== "request" && args.intent !== "approve" && args.intent !== "reject") return [];
  const project = db.select().from(projects).where(eq(projects.id, args.projectId)).get();
  const phase = args.pack.phases.find((p) => p.id === args.phaseId);
  if (!project || !phase) return [];
  const members = activeMembers(db, args.projectId);
  let to: Member[];
  if (args.intent === "request") to = members.filter((m) => can(m.role, "sign-off"));
  else {
    const gate = projectGates(db, args.projectId, args.pack).get(args.phaseId);
    const requested = gate?.events.findLast((e) => e.kind === "requested");
    to = members.filter((m) => m.role === "project-manager" || m.userId === requested?.userId);
  }
  const link = `${args.origin}/projects/${args.projectId}/phases/${args.phaseId}#sign-off`;
  const seen = new Set<number>();
  return to.flatMap((m) => {
    if (m.userId === args.actor.id || seen.has(m.userId)) return [];
    seen.add(m.userId);
    const lang = recipientLanguage(db, m.userId, args.projectId);
    const common = { lang, name: m.name, project: project.name, phase: loc(phase.title, lang), link, comment: args.comment };
    const input: MailInput =
      args.intent === "request"
        ? { kind: "signoff-requested", ...common, requester: args.actor.name }
        : { kind: "signoff-decided", ...common, decision: args.intent === "approve" ? "approved" : "rejected", decider: args.actor.name };
    return [
      {
        kind: args.intent === "request" ? "signoff-requested" : "signoff-decided",
        projectId: args.projectId,
        toUserId: m.userId,
        toEmail: m.email,
        toName: m.name,
        language: lang,
        content: renderMail(input, args.actor.name),
        sender: args.actor.name,
      } satisfies MailDraft,
    ];
  });
}

// --- the daily digest ---------------------------------------------------------------

type DigestLists = { awaitingSignoff: DigestEntry[]; sentBack: DigestEntry[]; invitations: DigestInvitation[] };

/** What awaits one person today, in their language. */
function digestLists(db: Db, userId: number, lang: Language, origin: string, now = new Date()): DigestLists {
  const lists: DigestLists = { awaitingSignoff: [], sentBack: [], invitations: [] };
  const mine = db
    .select({ projectId: projects.id, name: projects.name, role: memberships.role, packId: projects.packId, packVersion: projects.packVersion })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(and(eq(memberships.userId, userId), isNull(projects.archivedAt)))
    .orderBy(asc(projects.id))
    .all();
  const packs = getPacks();
  for (const p of mine) {
    const pack = packs.get(p.packId, p.packVersion);
    if (!pack) continue;
    const gates = projectGates(db, p.projectId, pack);
    for (const phase of pack.phases) {
      const gate = gates.get(phase.id);
      if (!gate) continue;
      const link = `${origin}/projects/${p.projectId}/phases/${phase.id}#sign-off`;
      if (gate.status === "awaiting" && gate.request && can(p.role, "sign-off"))
        lists.awaitingSignoff.push({ project: p.name, phase: loc(phase.title, lang), link, by: gate.request.userName, at: gate.request.at });
      if (gate.rejection && can(p.role, "request-signoff"))
        lists.sentBack.push({ project: p.name, phase: loc(phase.title, lang), link, by: gate.rejection.userName, at: gate.rejection.at, comment: gate.rejection.comment });
    }
    if (can(p.role, "manage-members")) {
      const pending = db
        .select({ role: oneTimeLinks.role, note: oneTimeLinks.note, name: oneTimeLinks.name, email: oneTimeLinks.email, expiresAt: oneTimeLinks.expiresAt })
        .from(oneTimeLinks)
        .where(and(eq(oneTimeLinks.projectId, p.projectId), eq(oneTimeLinks.kind, "invitation"), isNull(oneTimeLinks.usedAt), isNull(oneTimeLinks.revokedAt), gt(oneTimeLinks.expiresAt, now.toISOString())))
        .orderBy(asc(oneTimeLinks.id))
        .all();
      for (const inv of pending)
        lists.invitations.push({ project: p.name, role: roleName(lang, inv.role!), who: inv.name || inv.email || inv.note || "—", expiresAt: inv.expiresAt, link: `${origin}/projects/${p.projectId}/members` });
    }
  }
  return lists;
}

/** Whether this person already had a digest today (server date): at most one a day. */
function hadDigestToday(db: Db, userId: number, now: Date): boolean {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  return Boolean(
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.toUserId, userId), eq(outbox.kind, "digest"), gte(outbox.createdAt, start.toISOString())))
      .get(),
  );
}

export type DigestRun = { sent: number; skippedToday: number; nothingWaiting: number; deliveries: Delivery[] };

/** The daily digest to everyone with something waiting who has not had one today. */
export async function runDigest(db: Db, options: { origin?: string; now?: Date; settings?: MailSettings } = {}): Promise<DigestRun> {
  const settings = options.settings ?? mailSettings();
  const now = options.now ?? new Date();
  const origin = options.origin ?? publicOrigin(null, settings);
  const people = db
    .select({ id: users.id, email: users.email, name: users.displayName })
    .from(users)
    .where(and(eq(users.disabled, false), inArray(users.id, db.select({ id: memberships.userId }).from(memberships))))
    .orderBy(asc(users.id))
    .all();
  const run: DigestRun = { sent: 0, skippedToday: 0, nothingWaiting: 0, deliveries: [] };
  const drafts: MailDraft[] = [];
  for (const person of people) {
    if (hadDigestToday(db, person.id, now)) {
      run.skippedToday++;
      continue;
    }
    const lang = recipientLanguage(db, person.id, null);
    const lists = digestLists(db, person.id, lang, origin, now);
    if (!digestHasContent(lists)) {
      run.nothingWaiting++;
      continue;
    }
    const content = renderMail({ kind: "digest", lang, name: person.name, date: now.toISOString().slice(0, 10), link: `${origin}/projects`, ...lists });
    drafts.push({ kind: "digest", projectId: null, toUserId: person.id, toEmail: person.email, toName: person.name, language: lang, content, sender: null });
  }
  run.deliveries = await sendMail(db, drafts, settings);
  run.sent = run.deliveries.length;
  return run;
}

let timer: NodeJS.Timeout | null = null;

/** Milliseconds from `now` to the next `hour`:00 (server time). */
export function untilHour(now: Date, hour: number): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

/** Started with the server: the digest once a day at the configured hour (off without SMTP unless MAIL_DIGEST=on). */
export function startDigestTimer(getDb: () => Db, settings = mailSettings()): boolean {
  const on = settings.digest === "on" || (settings.digest === "auto" && settings.smtp !== null);
  if (!on || timer) return false;
  const schedule = () => {
    timer = setTimeout(() => {
      runDigest(getDb(), { settings })
        .catch((error) => console.error("digest:", error))
        .finally(schedule);
    }, untilHour(new Date(), settings.digestHour));
    timer.unref();
  };
  schedule();
  return true;
}

// --- the outbox page ---------------------------------------------------------------------

export type OutboxEntry = Omit<OutboxRow, "html"> & {
  /** For a message not delivered: its one-time link while that link still works (to copy); else null. */
  liveLink: string | null;
};

/**
 * The newest messages first. A message's link is a live capability: it is
 * shown only while the link still works, and only for a message that was not
 * delivered; otherwise its token is masked.
 */
export function listOutbox(db: Db, options: { limit?: number; before?: number } = {}, now = new Date()): OutboxEntry[] {
  const rows = db
    .select()
    .from(outbox)
    .where(options.before ? lt(outbox.id, options.before) : undefined)
    .orderBy(desc(outbox.id))
    .limit(options.limit ?? 100)
    .all();
  // Every link the undelivered messages carry, looked up at once: which of them still work.
  const links = new Map(rows.map((r) => [r.id, r.status === "sent" ? [] : [...r.text.matchAll(CAPABILITY)].map((m) => ({ url: m[0], kind: m[2] === "invitations" ? "invitation" : "password-reset", hash: tokenHash(m[3]!) }))]));
  const hashes = [...links.values()].flat().map((l) => l.hash);
  const live = new Set(
    hashes.length
      ? db
          .select({ hash: oneTimeLinks.tokenHash, kind: oneTimeLinks.kind })
          .from(oneTimeLinks)
          .where(and(inArray(oneTimeLinks.tokenHash, hashes), isNull(oneTimeLinks.usedAt), isNull(oneTimeLinks.revokedAt), gt(oneTimeLinks.expiresAt, now.toISOString())))
          .all()
          .map((l) => `${l.kind} ${l.hash}`)
      : [],
  );
  return rows.map(({ html: _html, ...r }) => {
    const liveLink = (links.get(r.id) ?? []).findLast((l) => live.has(`${l.kind} ${l.hash}`))?.url ?? null;
    return { ...r, text: liveLink ? r.text : withoutTokens(r.text), liveLink };
  });
}
