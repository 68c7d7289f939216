/**
 * What a GET of a download that records something gets: nothing is recorded
 * and no file is sent (a link or an `<img src>` planted in another page must
 * not write). The answer says, in both languages, to use the button on the
 * Documents page, which posts a form (decision 018).
 */
import { i18nFor } from "#app/i18n.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function postOnly(documentsPath: string): Response {
  const fa = i18nFor("fa").t;
  const en = i18nFor("en").t;
  const href = escapeHtml(documentsPath);
  const body = `<!doctype html><meta charset="utf-8"><title>405</title><p lang="fa" dir="rtl">${escapeHtml(fa("errors.postOnly"))} <a href="${href}">${escapeHtml(fa("errors.toDocuments"))}</a></p><p lang="en" dir="ltr">${escapeHtml(en("errors.postOnly"))} <a href="${href}">${escapeHtml(en("errors.toDocuments"))}</a></p>`;
  return new Response(body, { status: 405, headers: { Allow: "POST", "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
