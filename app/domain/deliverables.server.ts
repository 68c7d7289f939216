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
import { documentVersions, type ProjectRow } from "#db/schema.ts";
import type { Language, Pack } from "#methodology/schema.ts";
import { findItem } from "#methodology/load.ts";
import { loc } from "#app/i18n.ts";
import { DELIVERABLES, deliverable as findDeliverable, type DeliverableDefinition } from "#templates/index.ts";
import type { DeliverableId, DeliverableInput, DiagramImage, Figure, SignOffState } from "#templates/model.ts";
import { figureSources } from "#templates/figures.ts";
import { canonical } from "./canonical.ts";
import type { Branding } from "./branding.ts";
import { audit, type Actor } from "./audit.server.ts";
import { effectiveBranding } from "./branding.server.ts";
import { gateView, projectGates } from "./signoff.server.ts";
import type { ProjectData } from "./projects.server.ts";
import type { DiagramRenderer } from "./diagram-render.server.ts";

export { DELIVERABLES };

/** The deliverables a project's pack can produce (it has the items they read). */
export function availableDeliverables(pack: Pack): DeliverableDefinition[] {
  return DELIVERABLES.filter((d) => findItem(pack, d.requires) && pack.phases.some((p) => p.id === d.phaseId) && (d.needs?.(pack) ?? true));
}


/** SHA-256 of everything a deliverable is built from, except when and by whom. */
export function contentFingerprint(project: ProjectRow, data: ProjectData, signOff: SignOffState | null, id: DeliverableId): string {
  const answers = [...data.answers].map(([k, v]) => [k, v.value]);
  const rows = [...data.rows].map(([k, list]) => [k, list.map((r) => r.cells)]);
  const gate = signOff ? { ...signOff, phaseTitle: null } : null;
  const content = { id, project: { name: project.name, client: project.clientOrganisation, start: project.startDate, description: project.description }, answers, rows, signOff: gate };
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

/** The version this content has: the latest one if unchanged, else the next (recorded in the audit trail). */
export function recordVersion(db: Db, actor: Actor, projectId: number, id: DeliverableId, fingerprint: string, now = new Date().toISOString()): number {
  return writeTransaction(db, (tx) => {
    const latest = latestRow(tx, projectId, id);
    if (latest && latest.fingerprint === fingerprint) {
      tx.update(documentVersions).set({ lastExportedAt: now, lastExportedBy: actor.name, exports: latest.exports + 1 }).where(eq(documentVersions.id, latest.id)).run();
      return latest.version;
    }
    const version = (latest?.version ?? 0) + 1;
    tx.insert(documentVersions).values({ projectId, deliverable: id, version, fingerprint, createdBy: actor.name, createdAt: now, lastExportedAt: now, lastExportedBy: actor.name }).run();
    audit(tx, actor, { projectId, action: "document.version", subject: id, before: latest ? { version: latest.version } : null, after: { version, fingerprint } }, now);
    return version;
  });
}

export function signOffState(db: Db, project: ProjectRow, pack: Pack, data: ProjectData, phaseId: string, lang: Language): SignOffState | null {
  const phase = pack.phases.find((p) => p.id === phaseId);
  if (!phase) return null;
  const view = gateView(pack, phase, projectGates(db, project.id, pack), data);
  return {
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

/** `draft`: for the team, open items shown in place (the version is the content's, draft or not). */
export type ExportRequest = { db: Db; project: ProjectRow; pack: Pack; data: ProjectData; id: DeliverableId; lang: Language; actor: Actor; renderer: DiagramRenderer | null; now?: Date; draft?: boolean };

/** Everything the builder needs, and the version number it gets. */
export async function deliverableInput(req: ExportRequest): Promise<DeliverableInput> {
  const def = findDeliverable(req.id)!;
  const now = (req.now ?? new Date()).toISOString();
  const signOff = signOffState(req.db, req.project, req.pack, req.data, def.phaseId, req.lang);
  const version = recordVersion(req.db, req.actor, req.project.id, req.id, contentFingerprint(req.project, req.data, signOff, req.id), now);
  const branding = effectiveBranding(req.db, req.project.id);
  return {
    lang: req.lang,
    pack: req.pack,
    project: { name: req.project.name, client: req.project.clientOrganisation, startDate: req.project.startDate, description: req.project.description },
    data: req.data,
    signOff,
    version,
    generatedAt: now,
    generatedBy: req.actor.name,
    branding,
    figures: await figuresFor(def, req.pack, req.project, req.data, req.lang, branding, req.renderer),
    ...(req.draft ? { draft: true } : {}),
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

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, for Persian client names. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export async function exportDeliverable(req: ExportRequest): Promise<{ buffer: Buffer; fileName: string; version: number }> {
  const def = findDeliverable(req.id)!;
  const input = await deliverableInput(req);
  const buffer = await Packer.toBuffer(def.build(input));
  return { buffer, fileName: deliverableFileName(req.id, req.project.clientOrganisation, input.version, req.lang, req.draft === true), version: input.version };
}
