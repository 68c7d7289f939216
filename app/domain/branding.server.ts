/**
 * Firm branding for the deliverables: set once for the installation by an
 * administrator, optionally overridden per project (any field left empty
 * falls back to the installation's).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { branding, type BrandingRow } from "#db/schema.ts";
import { msg } from "#methodology/values.ts";
import { BRAND_FONTS, DEFAULT_BRANDING, type Branding, type BrandFont, type Logo } from "./branding.ts";
import { audit, type Actor } from "./audit.server.ts";
import { stripInvisible } from "./text-hygiene.ts";

// Half a megabyte: with the other fields the form stays under the server's 1 MB body limit.
export const LOGO_MAX_BYTES = 512 * 1024;
const INSTALLATION = "installation";
const projectScope = (projectId: number) => `project:${projectId}`;

/** Width and height of a PNG or JPEG, read from its header; null for anything else. */
export function imageInfo(buf: Uint8Array): { type: "png" | "jpg"; width: number; height: number } | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a && b.toString("ascii", 12, 16) === "IHDR") {
    const width = b.readUInt32BE(16);
    const height = b.readUInt32BE(20);
    return width > 0 && height > 0 ? { type: "png", width, height } : null;
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const length = b.readUInt16BE(i + 2);
      // Start-of-frame markers (baseline, progressive, …) carry the size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = b.readUInt16BE(i + 5);
        const width = b.readUInt16BE(i + 7);
        return width > 0 && height > 0 ? { type: "jpg", width, height } : null;
      }
      i += 2 + length;
    }
  }
  return null;
}

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .pipe(z.string().max(max, msg("validation.tooLong", { max })));

/** The branding form. Empty fields mean "not set" (for a project: use the installation's). */
export const brandingFormSchema = z.object({
  // Free text: loses bidi controls and invisible characters (decision 017). A colour with one is refused as a bad colour.
  firmName: z
    .string()
    .optional()
    .transform((s) => stripInvisible(s ?? "").trim())
    .pipe(z.string().max(120, msg("validation.tooLong", { max: 120 }))),
  primaryColor: optionalText(7).refine((s) => s === "" || /^#?[0-9a-fA-F]{6}$/.test(s), msg("branding.badColour")),
  font: z
    .string()
    .optional()
    .transform((s) => s ?? "")
    .refine((s) => s === "" || (BRAND_FONTS as readonly string[]).includes(s), msg("validation.unknownOption")),
  removeLogo: z.string().optional(),
});
export type BrandingForm = z.output<typeof brandingFormSchema>;

/** Checks an uploaded logo; a message key when it is not usable. */
export async function readLogo(file: unknown): Promise<{ ok: true; logo: Logo | null } | { ok: false; error: string }> {
  if (!file || typeof file === "string" || !(file instanceof Blob) || file.size === 0) return { ok: true, logo: null };
  if (file.size > LOGO_MAX_BYTES) return { ok: false, error: msg("branding.logoTooLarge", { max: LOGO_MAX_BYTES / 1024 }) };
  const data = new Uint8Array(await file.arrayBuffer());
  const info = imageInfo(data);
  if (!info) return { ok: false, error: msg("branding.logoNotImage") };
  return { ok: true, logo: { data, ...info } };
}

function rowFor(db: Db, scope: string): BrandingRow | undefined {
  return db.select().from(branding).where(eq(branding.scope, scope)).get();
}

function logoOf(row: BrandingRow | undefined): Logo | null {
  return row?.logo && row.logoType && row.logoWidth && row.logoHeight
    ? { data: new Uint8Array(row.logo), type: row.logoType, width: row.logoWidth, height: row.logoHeight }
    : null;
}

export type BrandingSettings = { firmName: string; primaryColor: string; font: string; logo: Logo | null; updatedBy: string | null; updatedAt: string | null };

function settingsOf(row: BrandingRow | undefined): BrandingSettings {
  return {
    firmName: row?.firmName ?? "",
    primaryColor: row?.primaryColor ? `#${row.primaryColor}` : "",
    font: row?.font ?? "",
    logo: logoOf(row),
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

export function installationBranding(db: Db): BrandingSettings {
  return settingsOf(rowFor(db, INSTALLATION));
}

export function projectBrandingOverride(db: Db, projectId: number): BrandingSettings | null {
  const row = rowFor(db, projectScope(projectId));
  return row ? settingsOf(row) : null;
}

/** What a project's documents use: its own settings over the installation's over the defaults. */
export function effectiveBranding(db: Db, projectId: number | null): Branding {
  const base = rowFor(db, INSTALLATION);
  const own = projectId === null ? undefined : rowFor(db, projectScope(projectId));
  const pick = <K extends "firmName" | "primaryColor" | "font">(k: K) => own?.[k] || base?.[k] || null;
  const font = pick("font");
  return {
    firmName: pick("firmName") ?? DEFAULT_BRANDING.firmName,
    primaryColor: (pick("primaryColor") ?? DEFAULT_BRANDING.primaryColor).toUpperCase(),
    font: font && (BRAND_FONTS as readonly string[]).includes(font) ? (font as BrandFont) : DEFAULT_BRANDING.font,
    logo: logoOf(own) ?? logoOf(base),
  };
}

export function saveBranding(db: Db, actor: Actor, projectId: number | null, form: BrandingForm, logo: Logo | null): void {
  const scope = projectId === null ? INSTALLATION : projectScope(projectId);
  writeTransaction(db, (tx) => {
    const before = tx.select().from(branding).where(eq(branding.scope, scope)).get();
    const keepLogo = !form.removeLogo && !logo && before?.logo;
    const values = {
      scope,
      projectId,
      firmName: form.firmName || null,
      primaryColor: form.primaryColor ? form.primaryColor.replace(/^#/, "").toUpperCase() : null,
      font: form.font || null,
      logo: logo ? Buffer.from(logo.data) : keepLogo ? before!.logo : null,
      logoType: logo ? logo.type : keepLogo ? before!.logoType : null,
      logoWidth: logo ? logo.width : keepLogo ? before!.logoWidth : null,
      logoHeight: logo ? logo.height : keepLogo ? before!.logoHeight : null,
      updatedBy: actor.name,
      updatedAt: new Date().toISOString(),
    };
    tx.insert(branding).values(values).onConflictDoUpdate({ target: branding.scope, set: values }).run();
    audit(tx, actor, {
      projectId,
      action: "branding.save",
      subject: scope,
      before: before ? { firmName: before.firmName, primaryColor: before.primaryColor, font: before.font, logo: Boolean(before.logo) } : null,
      after: { firmName: values.firmName, primaryColor: values.primaryColor, font: values.font, logo: Boolean(values.logo) },
    });
  });
}

/** A project goes back to the installation's branding. */
export function resetProjectBranding(db: Db, actor: Actor, projectId: number): void {
  writeTransaction(db, (tx) => {
    const before = tx.select().from(branding).where(eq(branding.scope, projectScope(projectId))).get();
    if (!before) return;
    tx.delete(branding).where(eq(branding.scope, projectScope(projectId))).run();
    audit(tx, actor, { projectId, action: "branding.reset", subject: projectScope(projectId), before: { firmName: before.firmName, primaryColor: before.primaryColor, font: before.font, logo: Boolean(before.logo) }, after: null });
  });
}

/** Largest branding form (a logo plus a few fields) an action reads. */
const BRANDING_FORM_BYTES = LOGO_MAX_BYTES + 64 * 1024;

export type BrandingSubmission =
  | { ok: true; intent: string; form: BrandingForm; logo: Logo | null }
  | { ok: false; intent: string; errors: Record<string, string>; echo: Record<string, string> };

/** Reads and checks the branding form (multipart, with an optional logo file). */
export async function readBrandingForm(request: Request): Promise<BrandingSubmission> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  const tooLarge = { ok: false as const, intent: "branding-save", errors: { logo: msg("branding.logoTooLarge", { max: LOGO_MAX_BYTES / 1024 }) }, echo: {} };
  if (length > BRANDING_FORM_BYTES) return tooLarge;
  let fd: FormData;
  try {
    fd = await request.formData();
  } catch {
    return { ok: false, intent: "", errors: { form: "errors.badForm" }, echo: {} };
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string") fields[k] = v;
  const intent = fields.intent ?? "";
  const parsed = brandingFormSchema.safeParse(fields);
  const echo = { firmName: fields.firmName ?? "", primaryColor: fields.primaryColor ?? "", font: fields.font ?? "" };
  const logo = await readLogo(fd.get("logo"));
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message.startsWith("validation.") || issue.message.startsWith("branding.") ? issue.message : "validation.invalid";
  if (!logo.ok) errors.logo = logo.error;
  if (!parsed.success || !logo.ok) return { ok: false, intent, errors, echo };
  return { ok: true, intent, form: parsed.data, logo: logo.logo };
}

/** A logo as a data URL, for showing it on the branding pages. */
export function logoDataUrl(logo: Logo | null): string | null {
  return logo ? `data:image/${logo.type === "jpg" ? "jpeg" : "png"};base64,${Buffer.from(logo.data).toString("base64")}` : null;
}
