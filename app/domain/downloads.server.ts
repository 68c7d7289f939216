/**
 * What a GET of a download that records something gets: nothing is recorded
 * and no file is sent (a link or an `<img src>` planted in another page must
 * not write). The answer says, in both languages, to use the button on the
 * Documents page, which posts a form (decision 018).
 */
import { z } from "zod";
import { i18nFor } from "#app/i18n.ts";
import type { FormFields } from "#app/http.server.ts";
import type { Language } from "#methodology/schema.ts";

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
