/**
 * Portable project data: a whole project as one JSON document, and back.
 *
 * `exportProject` writes everything a project is — its own fields, the pinned
 * methodology (pack id and version), every answer with its version, every
 * register row in order, the members, the sign-off events with their
 * snapshots, the audit trail, the project's own branding and its document
 * versions. `importProject` reads such a file into another installation as a
 * NEW project, in one transaction, with new ids everywhere.
 *
 * Ids in the file are the exporting installation's. On import every row id
 * is replaced — in the rows themselves, in `ref` cells (a requirement's goal,
 * a KPI actual's goal, …), in the rows of sign-off snapshots, in audit
 * entries and the register cells they record — by the new row's id. An id
 * that names a row which no longer exists (a deleted row still named by an
 * audit entry, a signed snapshot or a dangling ref) gets an id reserved in
 * this installation's sequence, so it can never be confused with a live row.
 *
 * People are per installation. The file carries them by name and email; on
 * import each is matched to an existing account by email. Someone without an
 * account here is kept as text (their name and email on the sign-off events
 * and audit entries, and as an "imported member" with their role) — no login
 * account is ever created. The importer becomes the project's manager.
 *
 * Fingerprints hash content that includes row ids (a ref cell holds one), so
 * a signature over content with refs is re-fingerprinted over the remapped
 * snapshot — only when the file's fingerprint matches its own snapshot, so a
 * tampered signature stays visibly broken. Likewise the latest version of a
 * deliverable whose content was unchanged at export keeps "unchanged".
 *
 * Refused, with nothing written: a file that is not JSON or not a project
 * file, a newer format version, a methodology pack or pack version this
 * installation does not have (naming both versions), and a file that does
 * not match the format (the first problem, in plain words).
 */
import crypto from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import {
  PROJECT_ROLES,
  SIGNOFF_EVENTS,
  answers,
  auditLog,
  branding,
  documentVersions,
  importedMembers,
  memberships,
  projects,
  projectSettings,
  registerRows,
  signoffEvents,
  users,
  type ProjectRow,
} from "#db/schema.ts";
import { getPacks } from "#methodology/registry.ts";
import { compareVersions } from "#methodology/load.ts";
import type { Item, Pack, RegisterItem } from "#methodology/schema.ts";
import { msg, registerRowSchema, valueSchemaFor } from "#methodology/values.ts";
import { BRAND_FONTS } from "./branding.ts";
import { DELIVERABLES } from "#templates/index.ts";
import { AUDIT_CATEGORIES, type AuditAction } from "#app/audit-categories.ts";
import { audit, type Actor } from "./audit.server.ts";
import { fileResponse } from "./downloads.server.ts";
import { imageInfo, LOGO_MAX_BYTES } from "./branding.server.ts";
import { contentFingerprint, fileNameSlug, signOffState } from "./deliverables.server.ts";
import { fingerprint, signerDisplayName, type PhaseSnapshot } from "./signoff.server.ts";
import { loadProjectData } from "./projects.server.ts";
import { RENAMED_ITEMS } from "#methodology/renamed-items.ts";
import { stripInvisibleDeep, uploadedFileName } from "./text-hygiene.ts";
import { sessionRecords } from "./workshop.server.ts";
import { checkWorkshops, exportWorkshops, importWorkshops, remapWorkshopRows, workshopFileSchema } from "./workshop-transfer.server.ts";

export const TRANSFER_FORMAT = "gambegam-project";
/** Raised when the file's shape changes; a file of a higher version is refused. */
export const TRANSFER_FORMAT_VERSION = 1;
/** The largest project file accepted (the server lets bodies of this size through to the import page only). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * The longest lists a project file may hold. Every list is bounded, so the
 * work an import does is bounded too (and it is linear: see importProject).
 * Chosen well above a real engagement (the bench's large project has 500
 * requirements, 60 members and about 2,500 history entries) and so that a
 * file with every list at its limit still fits the 20 MB limit:
 * - rows: the built-in method has 59 registers of at most 500 rows and 24
 *   others — the selection's vendor responses 2,000 and demo scores 1,000
 *   (34,170 in all);
 * - answers: one per item (the method has 259);
 * - audit: a long engagement's history, at about 200 bytes an entry at least;
 * - sign-off events: eight phases, each requested, signed and reopened many times;
 * - document versions: five deliverables, each exported in many versions.
 */
export const TRANSFER_LIMITS = {
  members: 500,
  answers: 1_000,
  rows: 35_000,
  signoffs: 500,
  snapshotItems: 500,
  snapshotRows: 2_000,
  audit: 50_000,
  documentVersions: 500,
  settings: 100,
} as const;

// --- the file format ---------------------------------------------------------

const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/, "an ISO timestamp in UTC");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as yyyy-mm-dd");
const email = z
  .string()
  .trim()
  .max(254)
  .transform((v) => v.toLowerCase())
  .pipe(z.email());
const name = z.string().trim().min(1).max(200);
const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 fingerprint");
const cellValue = z.union([z.string(), z.number(), z.null()]);
const cells = z.record(z.string(), cellValue);
const itemId = z.string().min(1).max(200);
const auditActions = Object.values(AUDIT_CATEGORIES).flat() as [AuditAction, ...AuditAction[]];

const person = z.strictObject({ name, email });

const snapshotSchema = z.strictObject({
  phaseId: itemId,
  items: z.array(
    z.union([
      z.strictObject({ id: itemId, value: z.json() }),
      z.strictObject({ id: itemId, rows: z.array(z.strictObject({ id: rowId, cells })).max(TRANSFER_LIMITS.snapshotRows) }),
    ]),
  ).max(TRANSFER_LIMITS.snapshotItems),
});

export const projectFileSchema = z.strictObject({
  format: z.literal(TRANSFER_FORMAT),
  formatVersion: z.literal(TRANSFER_FORMAT_VERSION),
  exportedAt: timestamp,
  exportedBy: person.nullable(),
  methodology: z.strictObject({ packId: itemId, packVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "a version such as 1.0.0") }),
  project: z.strictObject({
    id: rowId,
    name: z.string().trim().min(1).max(200),
    clientOrganisation: z.string().trim().min(1).max(200),
    deliverableLanguage: z.enum(["fa", "en"]),
    startDate: isoDate,
    description: z.string().max(2000),
    isDemo: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
  members: z.array(z.strictObject({ name, email, role: z.enum(PROJECT_ROLES), since: timestamp })).max(TRANSFER_LIMITS.members),
  answers: z.array(
    z.strictObject({ itemId, value: z.json(), version: z.number().int().min(1), updatedBy: z.string().max(200).nullable(), createdAt: timestamp, updatedAt: timestamp }),
  ).max(TRANSFER_LIMITS.answers),
  /** Every register's rows, by register and in the order they are shown. */
  rows: z.array(
    z.strictObject({ id: rowId, itemId, position: z.number().int(), cells, version: z.number().int().min(1), updatedBy: z.string().max(200).nullable(), createdAt: timestamp, updatedAt: timestamp }),
  ).max(TRANSFER_LIMITS.rows),
  signoffs: z.array(
    z
      .strictObject({
        phaseId: itemId,
        kind: z.enum(SIGNOFF_EVENTS),
        by: person,
        at: timestamp,
        comment: z.string().max(2000),
        fingerprint: sha256.nullable(),
        snapshot: snapshotSchema.nullable(),
      })
      .refine((s) => s.kind !== "approved" || (s.fingerprint !== null && s.snapshot !== null), "an approval carries the fingerprint and the snapshot it signed"),
  ).max(TRANSFER_LIMITS.signoffs),
  audit: z.array(
    z.strictObject({
      at: timestamp,
      action: z.enum(auditActions),
      actorName: z.string().min(1).max(200),
      /** Null for Gambegam itself (the demo seed, the command line). */
      actorEmail: email.nullable(),
      phaseId: itemId.nullable(),
      itemId: itemId.nullable(),
      rowId: rowId.nullable(),
      subject: z.string().max(2000).nullable(),
      before: z.json(),
      after: z.json(),
    }),
  ).max(TRANSFER_LIMITS.audit),
  /** The project's own document branding (null: it uses the installation's). */
  branding: z
    .strictObject({
      firmName: z.string().max(120).nullable(),
      primaryColor: z.string().regex(/^[0-9A-Fa-f]{6}$/, "six hex digits").nullable(),
      font: z.enum(BRAND_FONTS).nullable(),
      logo: z
        .strictObject({ type: z.enum(["png", "jpg"]), width: z.number().int().positive(), height: z.number().int().positive(), base64: z.string().max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 4) })
        .nullable(),
      updatedBy: z.string().max(200),
      updatedAt: timestamp,
    })
    .nullable(),
  /**
   * The project's own thresholds of the method (decision 035); value null: back
   * to the pack's default. Absent in files written before method settings.
   */
  settings: z
    .array(z.strictObject({ key: itemId, value: z.number().int().nullable(), version: z.number().int().min(1), updatedBy: z.string().max(200).nullable(), updatedAt: timestamp }))
    .max(TRANSFER_LIMITS.settings)
    .default([]),
  documentVersions: z.array(
    z.strictObject({
      deliverable: itemId,
      version: z.number().int().min(1),
      fingerprint: sha256,
      createdBy: z.string().max(200),
      createdAt: timestamp,
      lastExportedAt: timestamp,
      lastExportedBy: z.string().max(200),
      exports: z.number().int().min(1),
      /** The latest version of a deliverable whose content had not changed when the file was written. */
      current: z.boolean(),
    }),
  ).max(TRANSFER_LIMITS.documentVersions),
  /**
   * Workshop sessions' records (decision 038): what the phases' minutes print.
   * No codes, tokens or participants' secrets. Absent in files written before workshops.
   */
  workshops: workshopFileSchema,
});
export type ProjectFile = z.output<typeof projectFileSchema>;
export type TransferPerson = { name: string; email: string };

// --- export ------------------------------------------------------------------

/**
 * The whole project as one JSON-ready document. With `by`, the export is
 * recorded in the project's audit trail (after it was read, so the file does
 * not contain its own entry).
 */
export function exportProject(db: Db, projectId: number, opts: { by?: Actor & { email: string | null }; now?: string } = {}): ProjectFile {
  const read = (tx: Tx): ProjectFile => {
    const project = tx.select().from(projects).where(eq(projects.id, projectId)).get();
    if (!project) throw new Error(`there is no project ${projectId}`);
    const pack = getPacks().get(project.packId, project.packVersion);
    const file: ProjectFile = {
      format: TRANSFER_FORMAT,
      formatVersion: TRANSFER_FORMAT_VERSION,
      exportedAt: opts.now ?? new Date().toISOString(),
      exportedBy: opts.by?.email ? { name: opts.by.name, email: opts.by.email } : null,
      methodology: { packId: project.packId, packVersion: project.packVersion },
      project: {
        id: project.id,
        name: project.name,
        clientOrganisation: project.clientOrganisation,
        deliverableLanguage: project.deliverableLanguage,
        startDate: project.startDate,
        description: project.description,
        isDemo: project.isDemo,
        createdAt: project.createdAt,
        updatedAt: project.updatedAt,
      },
      members: projectMembers(tx, projectId),
      answers: tx
        .select()
        .from(answers)
        .where(eq(answers.projectId, projectId))
        .orderBy(asc(answers.itemId))
        .all()
        .map((a) => ({ itemId: a.itemId, value: a.value as z.core.util.JSONType, version: a.version, updatedBy: a.updatedBy, createdAt: a.createdAt, updatedAt: a.updatedAt })),
      rows: tx
        .select()
        .from(registerRows)
        .where(eq(registerRows.projectId, projectId))
        .orderBy(asc(registerRows.itemId), asc(registerRows.position), asc(registerRows.id))
        .all()
        .map((r) => ({ id: r.id, itemId: r.itemId, position: r.position, cells: r.cells as Record<string, string | number | null>, version: r.version, updatedBy: r.updatedBy, createdAt: r.createdAt, updatedAt: r.updatedAt })),
      signoffs: tx
        .select({ e: signoffEvents, name: users.displayName, email: users.email })
        .from(signoffEvents)
        .leftJoin(users, eq(users.id, signoffEvents.userId))
        .where(eq(signoffEvents.projectId, projectId))
        .orderBy(asc(signoffEvents.id))
        .all()
        .map(({ e, name, email }) => ({
          phaseId: e.phaseId,
          kind: e.kind,
          by: { name: signerDisplayName(e.signerName, name), email: email ?? e.signerEmail ?? "" },
          at: e.at,
          comment: e.comment,
          fingerprint: e.fingerprint,
          snapshot: (e.snapshot as ProjectFile["signoffs"][number]["snapshot"]) ?? null,
        })),
      audit: tx
        .select({ a: auditLog, email: users.email })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(eq(auditLog.projectId, projectId))
        .orderBy(asc(auditLog.id))
        .all()
        .map(({ a, email }) => ({
          at: a.at,
          action: a.action as AuditAction,
          actorName: a.actorName,
          actorEmail: email ?? a.actorEmail ?? null,
          phaseId: a.phaseId,
          itemId: a.itemId,
          rowId: a.rowId,
          subject: a.subject,
          before: (a.before ?? null) as z.core.util.JSONType,
          after: (a.after ?? null) as z.core.util.JSONType,
        })),
      branding: projectBranding(tx, projectId),
      settings: tx
        .select()
        .from(projectSettings)
        .where(eq(projectSettings.projectId, projectId))
        .orderBy(asc(projectSettings.key))
        .all()
        .map((s) => ({ key: s.key, value: s.value, version: s.version, updatedBy: s.updatedBy, updatedAt: s.updatedAt })),
      documentVersions: [],
      workshops: exportWorkshops(tx, projectId),
    };
    file.documentVersions = documentVersionsOf(tx, project, pack);
    return file;
  };
  if (!opts.by) return db.transaction((tx) => read(tx));
  const by = opts.by;
  return writeTransaction(db, (tx) => {
    const file = read(tx);
    audit(tx, by, { projectId, action: "project.export", subject: file.project.name, after: { formatVersion: TRANSFER_FORMAT_VERSION } }, file.exportedAt);
    return file;
  });
}

/** The file as it is downloaded: pretty-printed JSON (readable, and diffable between two exports). */
export function serialiseProjectFile(file: ProjectFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `project-data-<client>-<yyyy-mm-dd>.json` */
export function projectFileName(file: ProjectFile): string {
  return `project-data-${fileNameSlug(file.project.clientOrganisation)}-${file.exportedAt.slice(0, 10)}.json`;
}

/** The project's data file as a download, recorded in the project's history as an export by `by` (its Export button, and the delete page's). */
export function projectFileResponse(db: Db, projectId: number, by: Actor & { email: string | null }): Response {
  const file = exportProject(db, projectId, { by });
  return fileResponse(Buffer.from(serialiseProjectFile(file), "utf8"), "application/json; charset=utf-8", projectFileName(file));
}

/** Members with an account, and imported members not (yet) joined with one; oldest first. */
function projectMembers(tx: Tx, projectId: number): ProjectFile["members"] {
  const withAccount = tx
    .select({ name: users.displayName, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, projectId))
    .all();
  const known = new Set(withAccount.map((m) => m.email));
  const imported = tx
    .select({ name: importedMembers.name, email: importedMembers.email, role: importedMembers.role, since: importedMembers.since })
    .from(importedMembers)
    .where(eq(importedMembers.projectId, projectId))
    .all()
    .filter((m) => !known.has(m.email));
  return [...withAccount, ...imported].sort((a, b) => (a.since === b.since ? a.email.localeCompare(b.email) : a.since < b.since ? -1 : 1));
}

function projectBranding(tx: Tx, projectId: number): ProjectFile["branding"] {
  const row = tx.select().from(branding).where(eq(branding.scope, `project:${projectId}`)).get();
  if (!row) return null;
  return {
    firmName: row.firmName,
    primaryColor: row.primaryColor,
    font: (row.font as (typeof BRAND_FONTS)[number] | null) ?? null,
    logo: row.logo && row.logoType && row.logoWidth && row.logoHeight ? { type: row.logoType, width: row.logoWidth, height: row.logoHeight, base64: Buffer.from(row.logo).toString("base64") } : null,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

/** The content fingerprint a deliverable of this project has now (as the Documents tab works it out). */
function currentDocumentFingerprint(tx: Tx, project: ProjectRow, pack: Pack, deliverable: string): string | null {
  const def = DELIVERABLES.find((d) => d.id === deliverable);
  if (!def) return null;
  const data = loadProjectData(tx as unknown as Db, project.id);
  const gate = signOffState(tx as unknown as Db, project, pack, data, def.phaseId, project.deliverableLanguage);
  // The phase's workshop sessions are printed too, so they are part of the fingerprint.
  return contentFingerprint(project, data, gate, def.id, sessionRecords(tx as unknown as Db, project.id, def.phaseId));
}

function documentVersionsOf(tx: Tx, project: ProjectRow, pack: Pack | undefined): ProjectFile["documentVersions"] {
  const rows = tx.select().from(documentVersions).where(eq(documentVersions.projectId, project.id)).orderBy(asc(documentVersions.deliverable), asc(documentVersions.version)).all();
  return rows.map((r, i) => {
    const latest = rows[i + 1]?.deliverable !== r.deliverable;
    const current = latest && pack ? currentDocumentFingerprint(tx, project, pack, r.deliverable) === r.fingerprint : false;
    return {
      deliverable: r.deliverable,
      version: r.version,
      fingerprint: r.fingerprint,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      lastExportedAt: r.lastExportedAt,
      lastExportedBy: r.lastExportedBy,
      exports: r.exports,
      current,
    };
  });
}

// --- reading a file ----------------------------------------------------------

/** Why a file was refused: a message key (`key` or `key|{params}`) for the UI's translateError. */
export type TransferRefusal = { ok: false; error: string };
export type ParsedFile = { ok: true; file: ProjectFile; pack: Pack };

/** A message parameter: "|" would end the key part of the message. */
const param = (v: unknown) => String(v).replace(/\|/g, "/").slice(0, 300);

/** Where in the file: `answers › 4 › value` (list positions counted from 1). */
function where(path: PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  return path.map((p) => (typeof p === "number" ? String(p + 1) : String(p))).join(" › ");
}

/** A zod issue in plain words (the UI translates the key). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const at = param(where(issue.path));
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return msg("transfer.issue.missing", { where: at });
      return ["string", "number", "boolean", "object", "array"].includes(issue.expected)
        ? msg(`transfer.issue.expected-${issue.expected}`, { where: at })
        : msg("transfer.issue.invalid", { where: at });
    case "too_big":
      return msg("transfer.issue.tooBig", { where: at, max: param(issue.maximum) });
    case "too_small":
      return msg("transfer.issue.tooSmall", { where: at, min: param(issue.minimum) });
    case "unrecognized_keys":
      return msg("transfer.issue.unknownFields", { where: at, fields: param(issue.keys.join(", ")) });
    case "invalid_value":
      return msg("transfer.issue.oneOf", { where: at, values: param(issue.values.map(String).join(", ")) });
    case "invalid_format":
      return msg("transfer.issue.format", { where: at });
    default:
      return msg("transfer.issue.invalid", { where: at });
  }
}

/**
 * Parses and checks a project file without writing anything: JSON, the format
 * marker and version, the shape (zod), the methodology pack, and that every
 * answer and row fits its item.
 */
export function readProjectFile(input: string | Uint8Array | unknown): ParsedFile | TransferRefusal {
  const refuse = (error: string): TransferRefusal => ({ ok: false, error });
  let raw: unknown = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
    if (text.length > IMPORT_MAX_BYTES) return refuse(msg("transfer.errors.tooLarge", { max: IMPORT_MAX_BYTES / 1024 / 1024 }));
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch {
      return refuse(msg("transfer.errors.notJson"));
    }
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || (raw as Record<string, unknown>).format !== TRANSFER_FORMAT) {
    return refuse(msg("transfer.errors.notProjectFile"));
  }
  const version = (raw as Record<string, unknown>).formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) return refuse(describeIssue({ code: "invalid_type", expected: "number", path: ["formatVersion"], input: version, message: "" } as z.core.$ZodIssue));
  if (version > TRANSFER_FORMAT_VERSION) return refuse(msg("transfer.errors.newerFormat", { fileVersion: version, supported: TRANSFER_FORMAT_VERSION }));

  // The methodology first: a file from a newer method is refused with that reason, not as malformed.
  const m = (raw as Record<string, unknown>).methodology as Record<string, unknown> | undefined;
  if (m && typeof m.packId === "string" && typeof m.packVersion === "string") {
    const packRefusal = checkPack(m.packId, m.packVersion);
    if (packRefusal) return refuse(packRefusal);
  }

  const parsed = projectFileSchema.safeParse(withoutInvisible(raw as Record<string, unknown>), { reportInput: true });
  if (!parsed.success) return refuse(describeIssue(parsed.error.issues[0]!));
  const file = withMovedItems(parsed.data);
  const pack = getPacks().get(file.methodology.packId, file.methodology.packVersion)!;
  const problem = checkContent(file, pack);
  return problem ? refuse(problem) : { ok: true, file, pack };
}

/**
 * A file written before items of its pack moved (RENAMED_ITEMS; the database
 * had the same done by a migration) with its answers and rows under the new
 * ids. An answer that became a register is one row of it, after any rows the
 * file already holds there. An answer already under the new id wins. History
 * and signed snapshots keep the ids they were recorded with.
 */
function withMovedItems(file: ProjectFile): ProjectFile {
  const renamed = RENAMED_ITEMS[file.methodology.packId];
  if (!renamed?.some((r) => file.answers.some((a) => a.itemId === r.from) || file.rows.some((x) => x.itemId === r.from))) return file;
  const answered = new Set(file.answers.map((a) => a.itemId));
  const answers: ProjectFile["answers"] = [];
  const rows = file.rows.map((r) => {
    const move = renamed.find((m) => m.from === r.itemId && m.how === "same");
    return move ? { ...r, itemId: move.to } : r;
  });
  let nextId = rows.reduce((n, r) => Math.max(n, r.id), 0) + 1;
  for (const a of file.answers) {
    const move = renamed.find((m) => m.from === a.itemId);
    if (!move) answers.push(a);
    else if (move.how === "same") {
      if (!answered.has(move.to)) answers.push({ ...a, itemId: move.to });
    } else if (typeof a.value === "string" && a.value.trim()) {
      const position = rows.filter((r) => r.itemId === move.to).reduce((n, r) => Math.max(n, r.position + 1), 0);
      rows.push({ id: nextId++, itemId: move.to, position, cells: { [move.column]: a.value.trim().slice(0, 300) }, version: 1, updatedBy: a.updatedBy, createdAt: a.createdAt, updatedAt: a.updatedAt });
    }
  }
  return { ...file, answers, rows };
}

/**
 * The file with bidi controls and invisible characters removed from every
 * string before anything is checked, as when a value is typed (decision 017)
 * — except the snapshots that were signed: they stay as signed, so their
 * fingerprint still holds and the sign-off diff names what cleaning changed.
 */
function withoutInvisible(raw: Record<string, unknown>): unknown {
  const { signoffs, ...rest } = raw;
  const signed = (s: unknown) =>
    s && typeof s === "object" && !Array.isArray(s) && "snapshot" in s
      ? { ...stripInvisibleDeep({ ...s, snapshot: null }), snapshot: (s as { snapshot: unknown }).snapshot }
      : stripInvisibleDeep(s);
  return { ...stripInvisibleDeep(rest), ...(signoffs === undefined ? {} : { signoffs: Array.isArray(signoffs) ? signoffs.map(signed) : signoffs }) };
}

/** A message when this installation cannot run a project of this pack and version. */
function checkPack(packId: string, packVersion: string): string | null {
  const registry = getPacks();
  if (registry.get(packId, packVersion)) return null;
  const installed = registry.packs.filter((p) => p.id === packId).map((p) => p.version);
  if (installed.length === 0) return msg("transfer.errors.packMissing", { pack: param(packId), version: param(packVersion) });
  const newest = installed.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  if (/^\d+\.\d+\.\d+$/.test(packVersion) && compareVersions(packVersion, newest) > 0) {
    return msg("transfer.errors.packNewer", { pack: packId, version: packVersion, installed: newest });
  }
  return msg("transfer.errors.packVersionMissing", { pack: packId, version: param(packVersion), installed: installed.join(", ") });
}

/** Every item of a pack by id, worked out once per pack (a lookup per answer and row must not scan the pack). */
const itemIndex = new WeakMap<Pack, Map<string, Item>>();
function itemsOf(pack: Pack): Map<string, Item> {
  let index = itemIndex.get(pack);
  if (!index) {
    index = new Map(pack.phases.flatMap((ph) => ph.steps.flatMap((st) => st.items.map((it) => [it.id, it] as const))));
    itemIndex.set(pack, index);
  }
  return index;
}

/** Checks zod cannot express: items of the pack, values that fit them, no duplicates. Linear in the file. */
function checkContent(file: ProjectFile, pack: Pack): string | null {
  const items = itemsOf(pack);
  const seenAnswers = new Set<string>();
  for (const a of file.answers) {
    const item = items.get(a.itemId);
    if (!item || item.kind === "info" || item.kind === "register") return msg("transfer.errors.unknownItem", { item: param(a.itemId) });
    if (seenAnswers.has(a.itemId)) return msg("transfer.errors.duplicate", { what: param(a.itemId) });
    seenAnswers.add(a.itemId);
    if (!valueSchemaFor(item).safeParse(a.value).success) return msg("transfer.errors.badValue", { item: param(a.itemId) });
  }
  const seenRows = new Set<number>();
  const counts = new Map<string, number>();
  const rowSchemas = new Map<string, ReturnType<typeof registerRowSchema>>();
  for (const r of file.rows) {
    const item = items.get(r.itemId);
    if (!item || item.kind !== "register") return msg("transfer.errors.unknownItem", { item: param(r.itemId) });
    if (seenRows.has(r.id)) return msg("transfer.errors.duplicate", { what: `${param(r.itemId)} #${r.id}` });
    seenRows.add(r.id);
    counts.set(r.itemId, (counts.get(r.itemId) ?? 0) + 1);
    if (counts.get(r.itemId)! > item.maxRows) return msg("transfer.errors.tooManyRows", { item: param(r.itemId), max: item.maxRows });
    let schema = rowSchemas.get(r.itemId);
    if (!schema) rowSchemas.set(r.itemId, (schema = registerRowSchema(item)));
    if (!schema.safeParse(r.cells).success) return msg("transfer.errors.badValue", { item: param(r.itemId) });
  }
  const emails = new Set<string>();
  for (const mbr of file.members) {
    if (emails.has(mbr.email)) return msg("transfer.errors.duplicate", { what: param(mbr.email) });
    emails.add(mbr.email);
  }
  const phases = new Set(pack.phases.map((p) => p.id));
  for (const s of file.signoffs) if (!phases.has(s.phaseId)) return msg("transfer.errors.unknownPhase", { phase: param(s.phaseId) });
  const versions = new Set<string>();
  for (const d of file.documentVersions) {
    const key = `${d.deliverable}@${d.version}`;
    if (versions.has(key)) return msg("transfer.errors.duplicate", { what: param(key) });
    versions.add(key);
  }
  const seenSettings = new Set<string>();
  for (const s of file.settings) {
    const threshold = pack.thresholds.find((x) => x.id === s.key);
    if (!threshold) return msg("transfer.errors.unknownSetting", { setting: param(s.key) });
    if (seenSettings.has(s.key)) return msg("transfer.errors.duplicate", { what: param(s.key) });
    seenSettings.add(s.key);
    if (s.value !== null && (s.value < threshold.min || s.value > threshold.max)) return msg("transfer.errors.badSetting", { setting: param(s.key), min: threshold.min, max: threshold.max });
  }
  const workshopProblem = checkWorkshops(file.workshops, pack);
  if (workshopProblem) return workshopProblem;
  const logo = file.branding?.logo;
  if (logo) {
    const bytes = Buffer.from(logo.base64, "base64");
    const info = bytes.length <= LOGO_MAX_BYTES ? imageInfo(bytes) : null;
    if (!info || info.type !== logo.type) return msg("transfer.errors.badLogo");
  }
  return null;
}

// --- import ------------------------------------------------------------------

export type ImportResult =
  | {
      ok: true;
      projectId: number;
      /**
       * The file's members other than the importer, as the file names them, to
       * be invited. Whether any of them has an account here is not said: the
       * answer is the same for an email with an account and one without.
       */
      toInvite: Array<TransferPerson & { role: string }>;
      /** Where the imported records say they came from (shown as "imported from …"). */
      source: string;
    }
  | TransferRefusal;

/** The register columns of a pack that hold row ids, by register item id. */
function refColumnsOf(pack: Pack): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const ph of pack.phases)
    for (const st of ph.steps)
      for (const it of st.items) {
        if (it.kind !== "register") continue;
        const refs = (it as RegisterItem).columns.filter((c) => c.type === "ref").map((c) => c.id);
        if (refs.length) out.set(it.id, refs);
      }
  return out;
}

const isRowCells = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const REGISTER_ACTIONS = new Set<string>(AUDIT_CATEGORIES.registers);

/** A ref cell's row id, or null when the cell is empty (or not a number at all). */
function refValue(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Every place a file holds a row id, visited once: rows, ref cells (of rows,
 * snapshot rows and audited register cells), snapshot row ids, audit row ids.
 * `map` returns the replacement id; the result is a new file.
 */
export function mapRowIds(file: ProjectFile, pack: Pack, map: (id: number) => number): ProjectFile {
  const refs = refColumnsOf(pack);
  const mapCells = <T extends Record<string, unknown>>(itemId: string | null, c: T): T => {
    const cols = itemId ? refs.get(itemId) : undefined;
    if (!cols) return c;
    const out: Record<string, unknown> = { ...c };
    for (const col of cols) {
      const id = refValue(out[col]);
      if (id !== null) out[col] = map(id);
    }
    return out as T;
  };
  const mapSnapshot = (s: PhaseSnapshot | null): PhaseSnapshot | null =>
    s && {
      phaseId: s.phaseId,
      items: s.items.map((it) => ("rows" in it ? { id: it.id, rows: it.rows.map((r) => ({ id: map(r.id), cells: mapCells(it.id, r.cells) })) } : it)),
    };
  return {
    ...file,
    rows: file.rows.map((r) => ({ ...r, id: map(r.id), cells: mapCells(r.itemId, r.cells) })),
    signoffs: file.signoffs.map((s) => ({ ...s, snapshot: mapSnapshot(s.snapshot as PhaseSnapshot | null) as ProjectFile["signoffs"][number]["snapshot"] })),
    workshops: remapWorkshopRows(file.workshops, map),
    audit: file.audit.map((a) => {
      const cellsEntry = REGISTER_ACTIONS.has(a.action) && a.action !== "row.move";
      return {
        ...a,
        rowId: a.rowId === null ? null : map(a.rowId),
        before: cellsEntry && isRowCells(a.before) ? mapCells(a.itemId, a.before) : a.before,
        after: cellsEntry && isRowCells(a.after) ? mapCells(a.itemId, a.after) : a.after,
      };
    }),
  };
}

/** The row ids a file names, live rows first (in file order), then ids of rows that no longer exist. */
function namedRowIds(file: ProjectFile, pack: Pack): { live: number[]; gone: number[] } {
  const live = file.rows.map((r) => r.id);
  const liveSet = new Set(live);
  const gone = new Set<number>();
  mapRowIds(file, pack, (id) => {
    if (!liveSet.has(id)) gone.add(id);
    return id;
  });
  return { live, gone: [...gone] };
}

/** Takes `count` ids from a table's AUTOINCREMENT sequence, so no row will ever get them; returns the first. */
function reserveIds(tx: Tx, table: string, count: number): number {
  const seq = tx.get<{ seq: number } | undefined>(sql`select seq from sqlite_sequence where name = ${table}`)?.seq ?? 0;
  const maxId = tx.get<{ m: number | null }>(sql`select max(id) as m from ${sql.identifier(table)}`)?.m ?? 0;
  const base = Math.max(seq, maxId);
  if (count > 0) {
    const updated = tx.run(sql`update sqlite_sequence set seq = ${base + count} where name = ${table}`);
    if (updated.changes === 0) tx.run(sql`insert into sqlite_sequence (name, seq) values (${table}, ${base + count})`);
  }
  return base + 1;
}

/** Where imported records came from, as the importer will read it: the file's name (without folders), or the name its export would have given it. */
export function importSource(fileName: string | null | undefined, file: ProjectFile): string {
  return uploadedFileName(fileName, projectFileName(file));
}

/** Rows per INSERT statement: well under SQLite's limit of bound parameters (14 columns at most here). */
const INSERT_CHUNK = 500;
function insertAll<T>(rows: T[], insert: (chunk: T[]) => void): void {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) insert(rows.slice(i, i + INSERT_CHUNK));
}

/**
 * Imports a project file as a new project. Everything is checked first; the
 * writes happen in one transaction, so a refused or failing import leaves
 * nothing behind.
 *
 * Nothing the file says is attributed to an account of this installation: the
 * file can be written by anyone. Its sign-off events and history entries keep
 * the names and emails as text, with no account (`user_id` null), and are
 * marked `imported_from` the file; its members are all listed to be invited
 * (`imported_members`). Only the importer becomes a member, as project
 * manager. An imported approval is therefore not a signature made here (see
 * decision 015). A project the file flags as a demo is an ordinary project.
 *
 * Linear in the file: every lookup is a Map or Set, rows are inserted in
 * chunks, and the current fingerprint of a deliverable is worked out once.
 */
export function importProject(
  db: Db,
  input: string | Uint8Array | unknown,
  actor: Actor & { id: number; email: string },
  opts: { fileName?: string | null; now?: string } = {},
): ImportResult {
  const read = readProjectFile(input);
  if (!read.ok) return read;
  const { file, pack } = read;
  const now = opts.now ?? new Date().toISOString();
  const source = importSource(opts.fileName, file);
  return writeTransaction(db, (tx) => {
    const p = file.project;
    const project = tx
      .insert(projects)
      .values({
        name: p.name,
        clientOrganisation: p.clientOrganisation,
        deliverableLanguage: p.deliverableLanguage,
        startDate: p.startDate,
        description: p.description,
        packId: pack.id,
        packVersion: pack.version,
        // A demo here is only ever the one the installation seeds itself (its set-up makes the first administrator its manager).
        isDemo: false,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      })
      .returning()
      .get();

    // New row ids: the live rows in file order, then reserved ids for rows the file names but no longer has.
    const { live, gone } = namedRowIds(file, pack);
    const first = reserveIds(tx, "register_rows", live.length + gone.length);
    const newId = new Map<number, number>([...live, ...gone].map((old, i) => [old, first + i]));
    const mapped = mapRowIds(file, pack, (id) => newId.get(id)!);

    // The importer manages the project; everyone the file names is listed to be invited, whether or not they have an account here.
    const importerInFile = file.members.find((m) => m.email === actor.email);
    tx.insert(memberships)
      .values({ projectId: project.id, userId: actor.id, role: "project-manager", createdAt: importerInFile?.since ?? now, updatedAt: importerInFile?.since ?? now })
      .run();
    const toInvite = file.members.filter((m) => m.email !== actor.email);
    insertAll(toInvite, (chunk) => tx.insert(importedMembers).values(chunk.map((m) => ({ projectId: project.id, name: m.name, email: m.email, role: m.role, since: m.since }))).run());

    insertAll(mapped.answers, (chunk) =>
      tx
        .insert(answers)
        .values(chunk.map((a) => ({ projectId: project.id, itemId: a.itemId, value: a.value, version: a.version, updatedBy: a.updatedBy, createdAt: a.createdAt, updatedAt: a.updatedAt })))
        .run(),
    );
    insertAll(mapped.rows, (chunk) =>
      tx
        .insert(registerRows)
        .values(chunk.map((r) => ({ id: r.id, projectId: project.id, itemId: r.itemId, position: r.position, cells: r.cells, version: r.version, updatedBy: r.updatedBy, createdAt: r.createdAt, updatedAt: r.updatedAt })))
        .run(),
    );

    const events = file.signoffs.map((original, i) => {
      const s = mapped.signoffs[i]!;
      // A signature over content with refs covers row ids: it is fingerprinted again over the remapped
      // snapshot, but only when the file's fingerprint is that of its own snapshot.
      let fp = s.fingerprint;
      if (s.kind === "approved" && s.snapshot && original.snapshot && fingerprint(original.snapshot as PhaseSnapshot) === original.fingerprint) {
        fp = fingerprint(s.snapshot as PhaseSnapshot);
      }
      return { projectId: project.id, phaseId: s.phaseId, kind: s.kind, userId: null, signerName: s.by.name, signerEmail: s.by.email, importedFrom: source, at: s.at, comment: s.comment, fingerprint: fp, snapshot: s.snapshot };
    });
    // One at a time: a snapshot can be large, and SQLite bounds a statement's size.
    for (const e of events) tx.insert(signoffEvents).values(e).run();

    const ownScope = `project:${file.project.id}`;
    insertAll(mapped.audit, (chunk) =>
      tx
        .insert(auditLog)
        .values(
          chunk.map((a) => ({
            projectId: project.id,
            userId: null,
            actorName: a.actorName,
            actorEmail: a.actorEmail,
            importedFrom: source,
            at: a.at,
            action: a.action,
            phaseId: a.phaseId,
            itemId: a.itemId,
            rowId: a.rowId,
            subject: a.subject === ownScope ? `project:${project.id}` : a.subject,
            before: a.before,
            after: a.after,
          })),
        )
        .run(),
    );

    // Sessions, all ended, before the document versions: the minutes print them.
    importWorkshops(tx, project.id, mapped.workshops, file.exportedAt);

    // Before the document versions: a deliverable's current fingerprint covers the project's thresholds.
    if (file.settings.length) tx.insert(projectSettings).values(file.settings.map((s) => ({ projectId: project.id, ...s }))).run();

    if (file.branding) {
      const b = file.branding;
      tx.insert(branding)
        .values({
          scope: `project:${project.id}`,
          projectId: project.id,
          firmName: b.firmName,
          primaryColor: b.primaryColor ? b.primaryColor.toUpperCase() : null,
          font: b.font,
          logo: b.logo ? Buffer.from(b.logo.base64, "base64") : null,
          logoType: b.logo?.type ?? null,
          logoWidth: b.logo?.width ?? null,
          logoHeight: b.logo?.height ?? null,
          updatedBy: b.updatedBy,
          updatedAt: b.updatedAt,
        })
        .run();
    }

    // A deliverable unchanged at export stays unchanged here: its fingerprint covered the old ids.
    // Only a deliverable's latest version can be current, and its fingerprint is worked out once.
    const latest = new Map<string, ProjectFile["documentVersions"][number]>();
    for (const d of file.documentVersions) if ((latest.get(d.deliverable)?.version ?? 0) < d.version) latest.set(d.deliverable, d);
    const currentFingerprint = new Map<string, string | null>();
    for (const d of latest.values()) if (d.current) currentFingerprint.set(d.deliverable, currentDocumentFingerprint(tx, project, pack, d.deliverable));
    insertAll(file.documentVersions, (chunk) =>
      tx
        .insert(documentVersions)
        .values(
          chunk.map((d) => ({
            projectId: project.id,
            deliverable: d.deliverable,
            version: d.version,
            fingerprint: (latest.get(d.deliverable) === d ? currentFingerprint.get(d.deliverable) : null) ?? d.fingerprint,
            createdBy: d.createdBy,
            createdAt: d.createdAt,
            lastExportedAt: d.lastExportedAt,
            lastExportedBy: d.lastExportedBy,
            exports: d.exports,
          })),
        )
        .run(),
    );

    audit(
      tx,
      actor,
      {
        projectId: project.id,
        action: "project.import",
        subject: project.name,
        after: {
          source: { file: source, exportedAt: file.exportedAt, exportedBy: file.exportedBy?.name ?? null, pack: `${pack.id}@${pack.version}` },
          toInvite: toInvite.map((m) => m.name),
          /** SHA-256 of the file as uploaded, to tell which file it was. */
          file: crypto.createHash("sha256").update(typeof input === "string" || input instanceof Uint8Array ? input : JSON.stringify(input)).digest("hex"),
        },
      },
      now,
    );
    return { ok: true as const, projectId: project.id, toInvite: toInvite.map((m) => ({ name: m.name, email: m.email, role: m.role })), source };
  });
}

/** Members of an imported project with no account here, unless someone with that email has joined since. */
export function unlinkedMembers(db: Db, projectId: number): Array<{ name: string; email: string; role: (typeof PROJECT_ROLES)[number]; since: string }> {
  const joined = new Set(
    db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.projectId, projectId))
      .all()
      .map((u) => u.email),
  );
  return db
    .select({ name: importedMembers.name, email: importedMembers.email, role: importedMembers.role, since: importedMembers.since })
    .from(importedMembers)
    .where(eq(importedMembers.projectId, projectId))
    .orderBy(asc(importedMembers.id))
    .all()
    .filter((m) => !joined.has(m.email));
}
