/**
 * Producing a Word deliverable for a project: gather its answers, the sign-off
 * state of the phase it closes, the branding and the diagrams (drawn by the
 * long-lived browser, or left as tables when there is none), number the
 * version by content, then call the pure builder and pack the file.
 */
import crypto from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { Packer } from "docx";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { auditLog, documentVersions, type ProjectRow } from "#db/schema.ts";
import type { Language, Pack } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { i18nFor, loc } from "#app/i18n.ts";
import { COMMAND_LINE_NAME, SYSTEM_NAME } from "#app/actors.ts";
import { listMembers } from "./members.server.ts";
import { DELIVERABLES, deliverable as findDeliverable, sessionPhasesOf, type DeliverableDefinition } from "#templates/index.ts";
import type { DeliverableId, DeliverableInput, DiagramImage, Figure, Person, Revision, SignOffState } from "#templates/model.ts";
import { figureSources } from "#templates/figures.ts";
import { canonical } from "./canonical.ts";
import type { Branding } from "./branding.ts";
import { audit, type Actor } from "./audit.server.ts";
import { effectiveBranding } from "./branding.server.ts";
import { gateView, projectGates, type SignedPeople } from "./signoff.server.ts";
import type { ProjectData } from "./projects.server.ts";
import type { DiagramRenderer } from "./diagram-render.server.ts";
import { sessionRecords, type SessionRecord } from "./workshop.server.ts";

export { DELIVERABLES };

/** The deliverables a project's pack can produce (it has the items they read). */
export function availableDeliverables(pack: Pack): DeliverableDefinition[] {
  return DELIVERABLES.filter((d) => findItem(pack, d.requires) && pack.phases.some((p) => p.id === d.phaseId) && (d.needs?.(pack) ?? true));
}


/** SHA-256 of everything a deliverable is built from, except when and by whom. */
export function contentFingerprint(project: ProjectRow, data: ProjectData, signOff: SignOffState | null, id: DeliverableId, workshops: readonly SessionRecord[] = []): string {
  const answers = [...data.answers].map(([k, v]) => [k, v.value]);
  const rows = [...data.rows].map(([k, list]) => [k, list.map((r) => r.cells)]);
  const gate = signOff ? { ...signOff, phaseTitle: null } : null;
  // A project's own thresholds change what a document says (decision 035); without any, the fingerprint is what it always was.
  const settings = data.settings?.size ? { settings: [...data.settings].sort(([a], [b]) => a.localeCompare(b)) } : {};
  // The phase's workshop sessions are printed too (decision 038); without any, the fingerprint is what it always was.
  const sessions = workshops.length ? { workshops } : {};
  const content = { id, project: { name: project.name, client: project.clientOrganisation, start: project.startDate, description: project.description }, answers, rows, signOff: gate, ...settings, ...sessions };
  return crypto.createHash("sha256").update(JSON.stringify(canonical(content))).digest("hex");
}

export type VersionInfo = { version: number; fingerprint: string; createdAt: string; lastExportedAt: string; lastExportedBy: string; exports: number };

function latestRow(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], projectId: number, id: DeliverableId) {
  return db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.projectId, projectId), eq(documentVersions.deliverable, id)))
    .orderBy(desc(documentVersions.version))
    .get();
}

export function latestVersion(db: Db, projectId: number, id: DeliverableId): VersionInfo | null {
  const row = latestRow(db, projectId, id);
  return row ? { version: row.version, fingerprint: row.fingerprint, createdAt: row.createdAt, lastExportedAt: row.lastExportedAt, lastExportedBy: row.lastExportedBy, exports: row.exports } : null;
}

/**
 * A fingerprint per part of a deliverable's content: the project's details,
 * each phase's answers and rows, the sign-off state. Kept with each new
 * version (in its audit entry), so the revision history can say which parts
 * changed from one version to the next.
 */
export function contentParts(project: ProjectRow, pack: Pack, data: ProjectData, signOff: SignOffState | null): Record<string, string> {
  const hash = (x: unknown) => crypto.createHash("sha256").update(JSON.stringify(canonical(x))).digest("hex").slice(0, 16);
  const phaseOf = new Map<string, string>();
  for (const phase of pack.phases) for (const step of phase.steps) for (const item of step.items) phaseOf.set(item.id, phase.id);
  const byPhase = new Map<string, { answers: unknown[]; rows: unknown[] }>();
  const of = (itemId: string) => {
    const phase = phaseOf.get(itemId) ?? "project";
    if (!byPhase.has(phase)) byPhase.set(phase, { answers: [], rows: [] });
    return byPhase.get(phase)!;
  };
  for (const [k, v] of data.answers) of(k).answers.push([k, v.value]);
  for (const [k, list] of data.rows) of(k).rows.push([k, list.map((r) => r.cells)]);
  const out: Record<string, string> = {
    project: hash({ name: project.name, client: project.clientOrganisation, start: project.startDate, description: project.description }),
    "sign-off": hash(signOff ? { ...signOff, phaseTitle: null } : null),
  };
  for (const phase of pack.phases) out[phase.id] = hash(byPhase.get(phase.id) ?? null);
  return out;
}

/** The version this content has: the latest one if unchanged, else the next (recorded in the audit trail, with its parts' fingerprints). */
export function recordVersion(db: Db, actor: Actor, projectId: number, id: DeliverableId, fingerprint: string, now = new Date().toISOString(), parts?: Record<string, string>): number {
  return writeTransaction(db, (tx) => {
    const latest = latestRow(tx, projectId, id);
    if (latest && latest.fingerprint === fingerprint) {
      tx.update(documentVersions).set({ lastExportedAt: now, lastExportedBy: actor.name, exports: latest.exports + 1 }).where(eq(documentVersions.id, latest.id)).run();
      return latest.version;
    }
    const version = (latest?.version ?? 0) + 1;
    tx.insert(documentVersions).values({ projectId, deliverable: id, version, fingerprint, createdBy: actor.name, createdAt: now, lastExportedAt: now, lastExportedBy: actor.name }).run();
    audit(tx, actor, { projectId, action: "document.version", subject: id, before: latest ? { version: latest.version } : null, after: { version, fingerprint, ...(parts ? { parts } : {}) } }, now);
    return version;
  });
}

export function signOffState(db: Db, project: ProjectRow, pack: Pack, data: ProjectData, phaseId: string, lang: Language): SignOffState | null {
  return phaseGate(db, project, pack, data, phaseId, lang)?.signOff ?? null;
}

/** A phase's sign-off as a document states it, and its gate (for what the last approval kept). */
function phaseGate(db: Db, project: ProjectRow, pack: Pack, data: ProjectData, phaseId: string, lang: Language) {
  const phase = pack.phases.find((p) => p.id === phaseId);
  if (!phase) return null;
  const view = gateView(pack, phase, projectGates(db, project.id, pack), data);
  const signOff: SignOffState = {
    phaseTitle: loc(phase.title, lang),
    status: view.status,
    currentFingerprint: view.fingerprint,
    changedSinceSignoff: view.changedSinceSignoff,
    lastApproval: view.lastApproval ? { by: view.lastApproval.userName, at: view.lastApproval.at, fingerprint: view.lastApproval.fingerprint ?? "", comment: view.lastApproval.comment } : null,
    request: view.request ? { by: view.request.userName, at: view.request.at } : null,
    rejection: view.rejection ? { by: view.rejection.userName, at: view.rejection.at, comment: view.rejection.comment } : null,
    // Only when there is one: a document's content fingerprint (and so its version number) must not change for every project without imported records.
    ...(view.imported.approval
      ? {
          importedApproval: {
            by: view.imported.approval.userName,
            at: view.imported.approval.at,
            fingerprint: view.imported.approval.fingerprint ?? "",
            source: view.imported.approval.importedFrom ?? "",
            matches: view.importedApprovalMatches === true,
          },
        }
      : {}),
  };
  return { signOff, view };
}

/** A chart Gambegam drew as SVG, rasterised (PNG only: its labels keep the font they were drawn with). */
async function rasterise(renderer: DiagramRenderer | null, svg: string): Promise<DiagramImage> {
  if (!renderer) return { kind: "fallback", reason: "unavailable" };
  const result = await renderer.rasterise(svg);
  return result.ok ? { kind: "image", svg: null, png: result.diagram.png, width: result.diagram.width, height: result.diagram.height } : { kind: "fallback", reason: result.reason };
}

async function draw(renderer: DiagramRenderer | null, definition: string, branding: Branding): Promise<DiagramImage> {
  if (!renderer) return { kind: "fallback", reason: "unavailable" };
  const result = await renderer.render(definition, { theme: "base", primaryColor: `#${branding.primaryColor}` });
  return result.ok ? { kind: "image", ...result.diagram } : { kind: "fallback", reason: result.reason };
}

/** The figures a deliverable shows (as the document side chooses them), drawn (or left as tables), in its language. */
async function figuresFor(def: DeliverableDefinition, pack: Pack, project: ProjectRow, data: ProjectData, lang: Language, branding: Branding, renderer: DiagramRenderer | null): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  for (const f of figureSources(def.figures, pack, data, lang, project.name)) {
    const image = f.kind === "chart" ? await rasterise(renderer, f.svg) : await draw(renderer, f.definition, branding);
    out[f.key] = { title: f.title, definition: f.kind === "chart" ? f.svg : f.definition, fallback: f.fallback, image };
  }
  return out;
}

export type ExportRequest = {
  db: Db;
  project: ProjectRow;
  pack: Pack;
  data: ProjectData;
  id: DeliverableId;
  lang: Language;
  actor: Actor;
  renderer: DiagramRenderer | null;
  now?: Date;
  /** Unanswered items shown in place, marked open, instead of in the "Open items" appendix. */
  draft?: boolean;
  /** The author the cover names when the actor is not a person (the command line's --author). */
  author?: string;
};

const SYSTEM_NAMES = new Set([SYSTEM_NAME, COMMAND_LINE_NAME]);

/**
 * The person a document names as its author: the person who exported it;
 * for the command line, the name it was given, else the project's consultant,
 * else its project manager (members first, then the team register). Never a
 * system name.
 */
/** The members a document names (who can act now, or who could when its phase was signed), read once per export for the author, the distribution list and the signatories. */
type DocumentMembers = ReadonlyArray<{ name: string; email: string; role: string }>;

export function documentAuthor(members: DocumentMembers, data: ProjectData, actorName: string, given?: string): string {
  if (!SYSTEM_NAMES.has(actorName)) return actorName;
  if (given?.trim()) return given.trim();
  const byRole = (role: string) => members.find((m) => m.role === role)?.name;
  const team = (data.rows.get("team.members") ?? []).find((r) => r.cells.role === "project-manager")?.cells.name;
  return byRole("consultant") ?? byRole("project-manager") ?? (typeof team === "string" ? team : "") ?? "";
}

/** Every version of a deliverable, oldest first, with what changed in each (from the parts kept in its audit entry). */
export function revisionHistory(db: Db, projectId: number, id: DeliverableId, authorFor: (name: string) => string): Revision[] {
  const versions = db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.projectId, projectId), eq(documentVersions.deliverable, id)))
    .orderBy(documentVersions.version)
    .all();
  const entries = db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.projectId, projectId), eq(auditLog.action, "document.version"), eq(auditLog.subject, id)))
    .all();
  const parts = new Map<number, Record<string, string>>();
  for (const e of entries) {
    const after = e.after as { version?: number; parts?: Record<string, string> } | null;
    if (after?.version && after.parts) parts.set(after.version, after.parts);
  }
  return versions.map((v, i) => {
    const now = parts.get(v.version);
    const before = i > 0 ? parts.get(versions[i - 1]!.version) : undefined;
    const changes = now && before ? Object.keys(now).filter((k) => now[k] !== before[k]) : null;
    return { version: v.version, date: v.createdAt, author: authorFor(v.createdBy), changes };
  });
}

/**
 * Who receives the document and who signs it. The team register gives each
 * person's role on the project; the project's sponsor, manager and consultant
 * members are added when it does not list them. A member with the consultant role belongs to the consulting firm;
 * everyone else to the client. The client's signatories are the executive
 * sponsor(s) and whoever approved the phase; the consultant's are the
 * consultant members (or the firm alone).
 */
export function projectPeople(members: DocumentMembers, project: ProjectRow, pack: Pack, data: ProjectData, signOff: SignOffState | null, lang: Language, firm: string) {
  const { t } = i18nFor(lang);
  const consultantEmails = new Set(members.filter((m) => m.role === "consultant").map((m) => m.email.toLowerCase()));
  const consultantNames = new Set(members.filter((m) => m.role === "consultant").map((m) => m.name));
  const reg = findItem(pack, "team.members");
  const roleCol = reg?.kind === "register" ? reg.columns.find((c) => c.id === "role") : undefined;
  const distribution: Array<Person & { email: string; sponsor: boolean; consultant: boolean }> = [];
  for (const r of data.rows.get("team.members") ?? []) {
    const name = typeof r.cells.name === "string" ? r.cells.name.trim() : "";
    if (!name) continue;
    const email = typeof r.cells.email === "string" ? r.cells.email.trim().toLowerCase() : "";
    const consultant = (email !== "" && consultantEmails.has(email)) || consultantNames.has(name);
    const teamRole = roleCol?.type === "choice" ? loc(roleCol.options.find((o) => o.id === r.cells.role)?.label, lang) || String(r.cells.role ?? "") : String(r.cells.role ?? "");
    // The consultant is listed in the team register under "other": the distribution list says what they are.
    const role = consultant && (r.cells.role === "other" || !teamRole) ? t("roles.consultant") : teamRole;
    // An organisation only where it is known: the consulting firm, or the person's own unit in the team register (decision 047).
    const unit = typeof r.cells.unit === "string" ? r.cells.unit.trim() : "";
    distribution.push({ name, role, organisation: consultant ? firm : unit, email, sponsor: r.cells.role === "executive-sponsor", consultant });
  }
  // Members who lead or advise the project receive it too; team members and viewers with an account
  // receive it through the team register (a large project's dozens of accounts are not a distribution list).
  for (const m of members) {
    if (m.role !== "executive-sponsor" && m.role !== "project-manager" && m.role !== "consultant") continue;
    if (distribution.some((p) => (p.email && p.email === m.email.toLowerCase()) || p.name === m.name)) continue;
    const consultant = m.role === "consultant";
    distribution.push({ name: m.name, role: t(`roles.${m.role}`), organisation: consultant ? firm : "", email: m.email.toLowerCase(), sponsor: m.role === "executive-sponsor", consultant });
  }
  const signatories: Array<Person & { side: "client" | "consultant" }> = distribution.filter((p) => p.sponsor).map((p) => ({ name: p.name, role: p.role, organisation: p.organisation, side: "client" as const }));
  const approver = signOff?.lastApproval?.by;
  if (approver && !signatories.some((p) => p.name === approver)) {
    const known = distribution.find((p) => p.name === approver);
    signatories.push({ name: approver, role: known?.role ?? t("roles.executive-sponsor"), organisation: known?.organisation ?? "", side: "client" });
  }
  if (!signatories.length) signatories.push({ name: "", role: t("roles.executive-sponsor"), organisation: project.clientOrganisation, side: "client" });
  const consultants = distribution.filter((p) => p.consultant).map((p) => ({ name: p.name, role: p.role, organisation: firm, side: "consultant" as const }));
  if (consultants.length) signatories.push(...consultants);
  else if (firm) signatories.push({ name: "", role: t("roles.consultant"), organisation: firm, side: "consultant" });
  return { distribution: distribution.map(({ name, role, organisation }) => ({ name, role, organisation })), signatories };
}

/**
 * The workshop sessions a deliverable prints: those of every phase whose
 * content it carries (`sessionPhases`), held before its own phase was signed
 * (a signed document stays as it was signed; decision 038).
 */
export function deliverableSessions(db: Db, projectId: number, def: DeliverableDefinition, signOff: SignOffState | null): SessionRecord[] {
  const signedAt = signOff?.status === "signed" ? (signOff.lastApproval?.at ?? null) : null;
  return sessionRecords(db, projectId, sessionPhasesOf(def), signedAt);
}

/** The project's data with the team register as it was when the phase was signed (other registers and answers as they are). */
function withTeamAsSigned(pack: Pack, data: ProjectData, people: SignedPeople): ProjectData {
  if (!pack.team) return data;
  const rows = new Map(data.rows);
  rows.set(pack.team.register, people.team.map((cells, i) => ({ id: -(i + 1), position: i, cells: cells as Record<string, string | number | null>, version: 1, updatedAt: "" })));
  return { ...data, rows };
}

/** Everything the builder needs, and the version number it gets. */
export async function deliverableInput(given: ExportRequest): Promise<DeliverableInput> {
  const def = findDeliverable(given.id)!;
  const now = (given.now ?? new Date()).toISOString();
  const gate = phaseGate(given.db, given.project, given.pack, given.data, def.phaseId, given.lang);
  const signOff = gate?.signOff ?? null;
  // A signed document does not change: its team and approvers are those the approval kept (approvals since decision 047;
  // an older one kept none, and the document names today's team).
  const asSigned = signOff?.status === "signed" ? (gate?.view.lastApproval?.snapshot?.people ?? null) : null;
  const req = asSigned ? { ...given, data: withTeamAsSigned(given.pack, given.data, asSigned) } : given;
  const parts = contentParts(req.project, req.pack, req.data, signOff);
  const workshops = deliverableSessions(req.db, req.project.id, def, signOff);
  const version = recordVersion(req.db, req.actor, req.project.id, req.id, contentFingerprint(req.project, req.data, signOff, req.id, workshops), now, parts);
  const branding = effectiveBranding(req.db, req.project.id);
  const members: DocumentMembers = asSigned ? asSigned.members : listMembers(req.db, req.project.id).filter((m) => !m.disabled);
  const author = documentAuthor(members, req.data, req.actor.name, req.author);
  const people = projectPeople(members, req.project, req.pack, req.data, signOff, req.lang, branding.firmName);
  return {
    lang: req.lang,
    pack: req.pack,
    project: { name: req.project.name, client: req.project.clientOrganisation, startDate: req.project.startDate, description: req.project.description },
    data: req.data,
    signOff,
    version,
    generatedAt: now,
    generatedBy: req.actor.name,
    author,
    ...(req.draft === true ? { draft: true } : {}),
    revisions: revisionHistory(req.db, req.project.id, req.id, (name) => (SYSTEM_NAMES.has(name) ? author : name)),
    distribution: people.distribution,
    signatories: people.signatories,
    ...(workshops.length ? { workshops } : {}),
    branding,
    figures: await figuresFor(def, req.pack, req.project, req.data, req.lang, branding, req.renderer),
  };
}

/** The client's name as a part of a file name that is safe everywhere ("project" when nothing is left). */
export function fileNameSlug(client: string): string {
  const slug = client
    .normalize("NFKC")
    .replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/[\\/:*?"<>|#%&{}$!'@+`=]/g, " ")
    .trim()
    .replace(/\s+/g, "-");
  return trimDotsAndDashes(slug).slice(0, 60) || "project";
}

/** Without leading or trailing dots and dashes (a loop: `[.-]+$` backtracks over a long run of them in the middle). */
function trimDotsAndDashes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === "." || s[start] === "-")) start++;
  while (end > start && (s[end - 1] === "." || s[end - 1] === "-")) end--;
  return s.slice(start, end);
}

/** A file name that is safe everywhere and still says what it is: `scope-document-<client>-v3-en.docx` (`…-en-draft.docx` for a draft, so it is not sent by mistake). */
export function deliverableFileName(id: DeliverableId, client: string, version: number, lang: Language, draft = false): string {
  return `${id}-${fileNameSlug(client)}-v${version}${lang === "fa" ? "-fa" : "-en"}${draft ? "-draft" : ""}.docx`;
}

export async function exportDeliverable(req: ExportRequest): Promise<{ buffer: Buffer; fileName: string; version: number }> {
  const def = findDeliverable(req.id)!;
  const input = await deliverableInput(req);
  const buffer = await Packer.toBuffer(def.build(input));
  return { buffer, fileName: deliverableFileName(req.id, req.project.clientOrganisation, input.version, req.lang, req.draft === true), version: input.version };
}
