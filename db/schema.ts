/**
 * The database schema: the source of truth for drizzle-kit migrations.
 * Answers and register rows are stored by the methodology's stable item ids,
 * with a version number each, so that stale saves can be refused.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { PROJECT_ROLES, type ProjectRole } from "./roles.ts";

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
};

export const projects = sqliteTable("projects", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  clientOrganisation: text("client_organisation").notNull(),
  /** The language the project's deliverables are written in: 'fa' or 'en'. */
  deliverableLanguage: text("deliverable_language", { enum: ["fa", "en"] }).notNull(),
  /** ISO date (Gregorian, yyyy-mm-dd); shown in the Jalali calendar in Persian. */
  startDate: text("start_date").notNull(),
  description: text("description").notNull().default(""),
  /** The methodology pack the project was started with, pinned for its whole life. */
  packId: text("pack_id").notNull(),
  packVersion: text("pack_version").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  /** Archived (issue 20): hidden from the portfolio, read-only, restorable. Null while active. */
  archivedAt: text("archived_at"),
  /** The name of whoever archived it, as it was then. */
  archivedBy: text("archived_by"),
  ...timestamps,
});

export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    /** JSON of the value, shaped by the item's kind (validated before writing). */
    value: text("value", { mode: "json" }).notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [uniqueIndex("answers_project_item").on(t.projectId, t.itemId)],
);

export const registerRows = sqliteTable(
  "register_rows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    position: integer("position").notNull(),
    /** JSON object of cell values keyed by column id. */
    cells: text("cells", { mode: "json" }).notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [index("register_rows_project_item").on(t.projectId, t.itemId, t.position)],
);

export type ProjectRow = typeof projects.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type RegisterRowRecord = typeof registerRows.$inferSelect;

// ---------------------------------------------------------------------------
// Accounts, project membership, sign-off and the audit trail.

/** People who can sign in. Emails are stored lower-cased and trimmed. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    /** argon2id (PHC string). */
    passwordHash: text("password_hash").notNull(),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    /** A disabled account cannot sign in and its sessions are gone. */
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    lastLoginAt: text("last_login_at"),
    /** The interface language they last chose ('fa' or 'en'); emails to them are written in it. Null: not known yet. */
    language: text("language", { enum: ["fa", "en"] }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email").on(t.email)],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    /** Absolute expiry: the session ends then however active it is. */
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Failed sign-ins, counted per account and per address over a sliding window. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    account: text("account").notNull(),
    address: text("address").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("login_failures_account").on(t.account, t.at), index("login_failures_address").on(t.address, t.at)],
);

export { PROJECT_ROLES, type ProjectRole };

export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: PROJECT_ROLES }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("memberships_project_user").on(t.projectId, t.userId), index("memberships_user").on(t.userId)],
);

/**
 * One-time links: an invitation to a project (with a role), or a password
 * reset made by an administrator. Only the token's SHA-256 is stored.
 */
export const oneTimeLinks = sqliteTable(
  "one_time_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    kind: text("kind", { enum: ["invitation", "password-reset"] }).notNull(),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    role: text("role", { enum: PROJECT_ROLES }),
    /** For a password reset: whose password. */
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Who the link is meant for, as the inviter wrote it (shown to them, not enforced). */
    note: text("note").notNull().default(""),
    /** For an invitation sent by email: the address (lower-cased, trimmed) and the invitee's name. */
    email: text("email"),
    name: text("name"),
    /** The language the invitation (its email and its page) is written in. */
    language: text("language", { enum: ["fa", "en"] }),
    /** For an invitation made from a row of the team register: that row's id. */
    teamRowId: integer("team_row_id"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    usedBy: integer("used_by").references(() => users.id),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("one_time_links_token").on(t.tokenHash), index("one_time_links_project").on(t.projectId)],
);

export const SIGNOFF_EVENTS = ["requested", "withdrawn", "approved", "rejected", "reopened"] as const;
export type SignoffEventKind = (typeof SIGNOFF_EVENTS)[number];

/**
 * The phase gate's history, one row per event. The latest event of a phase
 * is its state. An approval keeps the fingerprint (SHA-256) and a snapshot of
 * the content signed, so later changes can be shown as a diff.
 */
export const signoffEvents = sqliteTable(
  "signoff_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    phaseId: text("phase_id").notNull(),
    kind: text("kind", { enum: SIGNOFF_EVENTS }).notNull(),
    /** Who acted. Null only for an event imported from another installation whose person has no account here. */
    userId: integer("user_id").references(() => users.id),
    /**
     * The name of whoever acted, as it was when the event was recorded (so a renamed account does not
     * rewrite past signatures; null on events recorded before it was kept). For an imported event
     * without an account here: the person's name and email as the file carried them.
     */
    signerName: text("signer_name"),
    signerEmail: text("signer_email"),
    /**
     * Set only on an event imported from a file: where it came from ("<installation> · <file>").
     * Such an event is never attributed to a local account (userId is null) and shows as
     * "imported, not verified here".
     */
    importedFrom: text("imported_from"),
    at: text("at").notNull(),
    comment: text("comment").notNull().default(""),
    fingerprint: text("fingerprint"),
    snapshot: text("snapshot", { mode: "json" }),
  },
  (t) => [index("signoff_events_project_phase").on(t.projectId, t.phaseId, t.id)],
);

/**
 * A project's own values of the method's thresholds (the method settings
 * page), by the id the pack declares them under. `value` null: back to the
 * pack's default (the row and its version stay, so a stale form is still
 * refused after a reset).
 */
export const projectSettings = sqliteTable(
  "project_settings",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: integer("value"),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by"),
    updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.key] })],
);
export type ProjectSettingRow = typeof projectSettings.$inferSelect;

/**
 * Append-only record of every change (triggers in the migration refuse
 * UPDATE and DELETE). `at` is UTC. `before` and `after` are JSON.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id"),
    userId: integer("user_id"),
    /** The actor's name when the entry was written, so the trail reads the same later. */
    actorName: text("actor_name").notNull(),
    /** For an entry imported from another installation whose actor has no account here: their email. */
    actorEmail: text("actor_email"),
    /** Set only on an entry imported from a file: where it came from. Never attributed to a local account. */
    importedFrom: text("imported_from"),
    at: text("at").notNull(),
    action: text("action").notNull(),
    phaseId: text("phase_id"),
    itemId: text("item_id"),
    rowId: integer("row_id"),
    subject: text("subject"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
  },
  (t) => [index("audit_project").on(t.projectId, t.id), index("audit_project_item").on(t.projectId, t.itemId, t.id)],
);

/**
 * Members of a project imported from another installation who have no account
 * here: kept by name, email and role (no login account is created for them),
 * so the project manager can invite them and a later export still carries them.
 */
export const importedMembers = sqliteTable(
  "imported_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Lower-cased and trimmed, like users.email. */
    email: text("email").notNull(),
    role: text("role", { enum: PROJECT_ROLES }).notNull(),
    /** When they became a member, in the installation the project came from. */
    since: text("since").notNull(),
  },
  (t) => [uniqueIndex("imported_members_project_email").on(t.projectId, t.email)],
);

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type SignoffEventRow = typeof signoffEvents.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

// ---------------------------------------------------------------------------
// Word deliverables: firm branding and document versions.

/**
 * How the deliverables look: one row for the installation (`project_id` null,
 * `scope` 'installation') set by an administrator, and optionally one per
 * project (`scope` 'project:<id>') whose non-null fields override it.
 */
export const branding = sqliteTable("branding", {
  scope: text("scope").primaryKey(),
  projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
  firmName: text("firm_name"),
  /** Six hex digits, without '#'. */
  primaryColor: text("primary_color"),
  font: text("font"),
  logo: blob("logo", { mode: "buffer" }),
  logoType: text("logo_type", { enum: ["png", "jpg"] }),
  logoWidth: integer("logo_width"),
  logoHeight: integer("logo_height"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
});

/**
 * One row per distinct content of a deliverable: exporting again with the
 * same content keeps the version; changed content makes the next one.
 */
export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    deliverable: text("deliverable").notNull(),
    version: integer("version").notNull(),
    /** SHA-256 of the content the document is built from. */
    fingerprint: text("fingerprint").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    lastExportedAt: text("last_exported_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    lastExportedBy: text("last_exported_by").notNull(),
    exports: integer("exports").notNull().default(1),
  },
  (t) => [uniqueIndex("document_versions_project_deliverable_version").on(t.projectId, t.deliverable, t.version)],
);

export type BrandingRow = typeof branding.$inferSelect;

// ---------------------------------------------------------------------------
// Live updates (decision 037): the change feed and who is on which step.

/**
 * The change feed: one row per saved change, written inside the write's own
 * transaction (a refused write leaves none). Each server process polls it by
 * id, so processes sharing one database file see each other's changes. Old
 * rows are pruned; no foreign key, so a feed row never blocks deleting a project.
 */
export const liveChanges = sqliteTable(
  "live_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id").notNull(),
    /** `answer:<itemId>`, `row:<itemId>`, `signoff:<phaseId>`, `presence:<phaseId>/<stepId>`, `workshop:<sessionId>` or `project`. */
    topic: text("topic").notNull(),
    /** The user whose change it is; null for a participant or the system. */
    by: integer("by"),
    at: text("at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [index("live_changes_at").on(t.at)],
);

/**
 * Who has a step open now: one row per open tab (`client_id`), refreshed by a
 * heartbeat; a row whose `seen_at` is older than the presence window is gone.
 */
export const presence = sqliteTable(
  "presence",
  {
    clientId: text("client_id").primaryKey(),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** `<phaseId>/<stepId>`, or '' when the tab is on another page of the project. */
    place: text("place").notNull(),
    seenAt: text("seen_at").notNull(),
  },
  (t) => [index("presence_project_place").on(t.projectId, t.place)],
);

export type LiveChangeRow = typeof liveChanges.$inferSelect;
export type PresenceRow = typeof presence.$inferSelect;

// ---------------------------------------------------------------------------
// Workshop sessions (decision 038): a session on a step, the people who joined
// it from their phones (by name only), its activities, their ballots and ideas.

/**
 * A live session a project manager or consultant runs on a step. `code` is
 * what people type (6 characters, unique among open sessions); the join link
 * carries a random token of which only the SHA-256 is kept. Ended: `endedAt` set.
 */
export const workshopSessions = sqliteTable(
  "workshop_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    phaseId: text("phase_id").notNull(),
    stepId: text("step_id").notNull(),
    code: text("code").notNull(),
    tokenHash: text("token_hash").notNull(),
    facilitatorId: integer("facilitator_id").references(() => users.id, { onDelete: "set null" }),
    /** The facilitator's name when the session started (the record reads the same later). */
    facilitatorName: text("facilitator_name").notNull(),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
  },
  (t) => [uniqueIndex("workshop_sessions_token").on(t.tokenHash), index("workshop_sessions_code").on(t.code, t.endedAt), index("workshop_sessions_project").on(t.projectId, t.phaseId)],
);

/** Someone who joined a session with a name only. The cookie holds a secret; only its SHA-256 is kept. */
export const workshopParticipants = sqliteTable(
  "workshop_participants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => workshopSessions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    joinedAt: text("joined_at").notNull(),
  },
  (t) => [index("workshop_participants_session").on(t.sessionId), uniqueIndex("workshop_participants_secret").on(t.secretHash)],
);

/**
 * One activity of a session: ideas, goal scores, readiness or a poll. `config`
 * is what the facilitator set; `subjects` what is scored, fixed when it was
 * added (goals, criteria, topics, options with their labels); `adopted` what
 * the facilitator adopted into the project (JSON, null until then).
 */
export const workshopActivities = sqliteTable(
  "workshop_activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => workshopSessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: ["ideas", "goal-scores", "readiness", "poll"] }).notNull(),
    config: text("config", { mode: "json" }).notNull(),
    subjects: text("subjects", { mode: "json" }).notNull(),
    state: text("state", { enum: ["draft", "open", "closed"] }).notNull().default("draft"),
    revealed: integer("revealed", { mode: "boolean" }).notNull().default(false),
    openedAt: text("opened_at"),
    closedAt: text("closed_at"),
    adopted: text("adopted", { mode: "json" }),
    adoptedAt: text("adopted_at"),
    adoptedBy: text("adopted_by"),
  },
  (t) => [index("workshop_activities_session").on(t.sessionId, t.position)],
);

/** One participant's ballot in one activity (changed in place until the activity closes). */
export const workshopBallots = sqliteTable(
  "workshop_ballots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => workshopActivities.id, { onDelete: "cascade" }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => workshopParticipants.id, { onDelete: "cascade" }),
    value: text("value", { mode: "json" }).notNull(),
    /** How many times it was cast (1, then each change). */
    casts: integer("casts").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("workshop_ballots_activity_participant").on(t.activityId, t.participantId)],
);

/** An idea sent to an ideas activity; `mergedInto` another idea of the same activity when the facilitator merged it. */
export const workshopIdeas = sqliteTable(
  "workshop_ideas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    activityId: integer("activity_id")
      .notNull()
      .references(() => workshopActivities.id, { onDelete: "cascade" }),
    participantId: integer("participant_id").references(() => workshopParticipants.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    mergedInto: integer("merged_into"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("workshop_ideas_activity").on(t.activityId, t.id)],
);

export type WorkshopSessionRow = typeof workshopSessions.$inferSelect;
export type WorkshopActivityRow = typeof workshopActivities.$inferSelect;

// ---------------------------------------------------------------------------
// Email (issue 20): every message the app sends or would send.

export const OUTBOX_KINDS = ["invitation", "password-reset", "signoff-requested", "signoff-decided", "digest"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * One row per message. Without SMTP settings nothing is sent and the row is
 * kept as `not-sent` for an administrator's outbox page. No foreign keys: a
 * message stays in the outbox after its project or account is deleted.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    projectId: integer("project_id"),
    toUserId: integer("to_user_id"),
    toEmail: text("to_email").notNull(),
    toName: text("to_name").notNull().default(""),
    language: text("language", { enum: ["fa", "en"] }).notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** 'sent' (accepted by the SMTP server), 'failed' (refused or unreachable), 'not-sent' (no SMTP settings). */
    status: text("status", { enum: ["sent", "failed", "not-sent"] }).notNull(),
    error: text("error"),
    messageId: text("message_id"),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [index("outbox_user_kind").on(t.toUserId, t.kind, t.createdAt)],
);
export type OutboxRow = typeof outbox.$inferSelect;
