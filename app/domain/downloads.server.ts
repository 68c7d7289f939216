/**
 * What a GET of a download that records something gets: nothing is recorded
 * and no file is sent (a link or an `<img src>` planted in another page must
 * not write). The answer says, in both languages, to use the button on the
 * Documents page, which posts a form (decision 018).
 */
import { data } from "react-router";
import { z } from "zod";
import { i18nFor, isLanguage } from "#app/i18n.ts";
import type { FormFields } from "#app/http.server.ts";
import type { Language } from "#methodology/schema.ts";
import { getPreferences } from "./preferences.server.ts";

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, for Persian client names. */
export function contentDisposition(fileName: string): string {
  // Chromium saves a zero-width non-joiner (U+200C, as in "پیاده‌سازی") as "_": every download gets a space in its place.
  fileName = fileName.replace(/\u200c/g, " ");
  const ascii = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** One part of a download's name (a project, a register, a vendor): no characters a file system refuses, at most 80 characters. */
export function fileNamePart(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
}

/** A downloaded register sheet's name: "<project> - <register> - 2026-12-05.xlsx". */
export function sheetFileName(projectName: string, registerTitle: string, at: Date, format: "xlsx" | "csv"): string {
  return `${[fileNamePart(projectName), fileNamePart(registerTitle), at.toISOString().slice(0, 10)].filter(Boolean).join(" - ")}.${format}`;
}

/** The file name a vendor receives: the project and the vendor. */
export function responseSheetFileName(projectName: string, vendorName: string | null, lang: Language): string {
  const word = lang === "fa" ? "برگه پاسخ" : "Response sheet";
  return `${[word, fileNamePart(projectName), vendorName ? fileNamePart(vendorName) : null].filter(Boolean).join(" - ")}.xlsx`;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file to download (a Word document, a workbook, a CSV, a project file): never cached, named for the reader. */
export function fileResponse(bytes: Uint8Array, type: string, fileName: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": type, "Content-Disposition": contentDisposition(fileName), "Content-Length": String(bytes.length), "Cache-Control": "private, no-store" },
  });
}

/** The language a download asks for (`?lang=fa|en`), else `fallback` or the reader's; any other value is refused (400). */
export async function downloadLanguage(request: Request, fallback?: Language): Promise<Language> {
  const raw = new URL(request.url).searchParams.get("lang");
  if (raw !== null && !isLanguage(raw)) throw data({ error: "errors.badForm" }, { status: 400 });
  return raw ?? fallback ?? (await getPreferences(request)).lang;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function postOnly(documentsPath: string): Response {
  const fa = i18nFor("fa").t;
  const en = i18nFor("en").t;
  const href = escapeHtml(documentsPath);
  const body = `<!doctype html><meta charset="utf-8"><title>405</title><p lang="fa" dir="rtl">${escapeHtml(fa("errors.postOnly"))} <a href="${href}">${escapeHtml(fa("errors.toDocuments"))}</a></p><p lang="en" dir="ltr">${escapeHtml(en("errors.postOnly"))} <a href="${href}">${escapeHtml(en("errors.toDocuments"))}</a></p>`;
  return new Response(body, { status: 405, headers: { Allow: "POST", "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The download form of a deliverable: the language (fa or en) and the
 * consultant's draft choice (a checkbox: "true" when ticked, absent when
 * not; anything else, or a field sent twice, is refused with a message).
 */
const downloadForm = z.object({
  intent: z.literal("download"),
  lang: z.enum(["fa", "en"], { error: "documents.errors.badLanguage" }),
  draft: z.literal("true", { error: "documents.errors.badDraft" }).optional(),
});

export type DownloadChoice = { lang: Language; draft: boolean };

export function readDownloadForm(fields: FormFields): { ok: true; choice: DownloadChoice } | { ok: false; error: string } {
  const form = downloadForm.safeParse(fields);
  if (!form.success) {
    const draftIssue = form.error.issues.find((i) => i.path[0] === "draft");
    return { ok: false, error: draftIssue && !form.error.issues.some((i) => i.path[0] === "lang") ? "documents.errors.badDraft" : "documents.errors.badLanguage" };
  }
  return { ok: true, choice: { lang: form.data.lang, draft: form.data.draft === "true" } };
}
