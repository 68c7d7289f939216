import { data, Form, redirect, useNavigation } from "react-router";
import { bothLanguages, loc, useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { RegisterSheetDownloads } from "#app/components/register-sheet-actions.tsx";
import { ImportPreview, type Preview } from "#app/components/register-import-preview.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.register-import";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { refOptionsFor } from "#app/domain/step.server.ts";
import { isEditable, projectGates } from "#app/domain/signoff.server.ts";
import { readRegisterFile, refLabelsFor } from "#app/domain/register-sheet.server.ts";
import { MAX_WORKBOOK_UPLOAD_BYTES } from "#app/domain/workbook-safety.server.ts";
import { readUpload } from "#app/http.server.ts";
import { uploadedFileName } from "#app/domain/text-hygiene.ts";
import { isImportable, type Localized } from "#app/domain/register-sheet.ts";
import {
  applyImport,
  compareWithRegister,
  discardUpload,
  loadUpload,
  registerPlace,
  storeUpload,
  uploadDir,
} from "#app/domain/register-import.server.ts";
import { localDigits } from "#app/views/format.ts";
import { msg } from "#methodology/values.ts";
import type { Language } from "#methodology/schema.ts";

const MAX_MB = MAX_WORKBOOK_UPLOAD_BYTES / 1024 / 1024;

/**
 * Importing one register from a spreadsheet (decision 045): upload, preview,
 * confirm. The upload is kept beside the database (any server process can
 * read it) under a random id tied to the user and the register; the preview
 * (`?upload=<id>`) reads it again and compares it with the register as it is
 * now, so a reload always shows the truth. Confirming writes all or nothing.
 */
function place(params: Route.LoaderArgs["params"], context: Route.LoaderArgs["context"]) {
  const ctx = requireProjectContext(params.projectId, context);
  const found = registerPlace(ctx.pack, params.itemId ?? "");
  if (!found) throw data({ error: "errors.notFound" }, { status: 404 });
  // An archived project is read-only (decision 047): the page offers no upload there.
  const locked = Boolean(ctx.archived) || !isEditable(projectGates(ctx.db, ctx.project.id, ctx.pack).get(found.phase.id));
  return { ...ctx, ...found, locked, importable: isImportable(found.item) };
}

/** What the reader needs to know of this register (a ref may be typed as the referenced row's exact name). */
function expectedOf(ctx: ReturnType<typeof place>, lang: Language) {
  const rowsOf = (id: string) => ctx.data.rows.get(id) ?? [];
  return { projectId: ctx.project.id, item: ctx.item, pack: ctx.pack, maxRows: ctx.item.maxRows, refLabels: refLabelsFor(ctx.pack, ctx.item, rowsOf, lang) };
}

/**
 * The stored upload compared with the register now, or null when the file no longer reads. The upload was read once
 * already and refused then if it was going to be (refusal depends only on the bytes and the pack), so null means the
 * pack changed under it: the loader treats that like an expired upload.
 */
async function preview(ctx: ReturnType<typeof place>, upload: { meta: { fileName: string }; bytes: Uint8Array }, lang: Language): Promise<Preview | null> {
  const reading = await readRegisterFile(upload.bytes, expectedOf(ctx, lang));
  if (!reading.ok) return null;
  return { fileName: upload.meta.fileName, comparison: compareWithRegister(ctx.db, { projectId: ctx.project.id, pack: ctx.pack, item: ctx.item, rows: reading.rows }) };
}

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const ctx = place(params, context);
  const url = new URL(request.url);
  const uploadId = url.searchParams.get("upload");
  const written = /^(\d{1,6})-(\d{1,6})$/.exec(url.searchParams.get("written") ?? "");
  let shown: Preview | null = null;
  let expired = false;
  if (uploadId !== null) {
    const upload = loadUpload(uploadDir(), uploadId, { userId: ctx.user.id, projectId: ctx.project.id, itemId: ctx.item.id });
    if (upload) shown = await preview(ctx, upload, (await getPreferences(request)).lang);
    if (upload && !shown) discardUpload(uploadDir(), uploadId);
    expired = !shown;
  }
  return {
    projectId: ctx.project.id,
    item: ctx.item,
    phase: { id: ctx.phase.id, title: ctx.phase.title },
    step: { id: ctx.step.id, title: ctx.step.title },
    locked: ctx.locked,
    importable: ctx.importable,
    maxMb: MAX_MB,
    uploadId: shown ? uploadId : null,
    preview: shown,
    expired: expired ? bothLanguages("sheetImport.errors.expired") : null,
    written: written ? { added: Number(written[1]), changed: Number(written[2]) } : null,
    refOptions: refOptionsFor(ctx.pack, [ctx.item], ctx.data),
  };
}

type ActionResult = { intent: string; error?: Localized; stale?: boolean };

export async function action({ params, context, request }: Route.ActionArgs) {
  const ctx = place(params, context);
  const refuse = (status: number, intent: string, error: Localized | null, extra: Partial<ActionResult> = {}) =>
    data({ intent, ...(error ? { error } : {}), ...extra } satisfies ActionResult, { status });
  const form = await readUpload(request, MAX_WORKBOOK_UPLOAD_BYTES);
  if (form === "too-large") return refuse(413, "upload", bothLanguages(msg("sheetImport.errors.tooLarge", { mb: MAX_MB })));
  if (form === "bad-form") return refuse(400, "upload", bothLanguages("errors.badForm"));
  const intent = String(form.get("intent") ?? "");
  // As on the step page: a signed phase or one awaiting sign-off takes no writes (409).
  if (ctx.locked) return refuse(409, intent, bothLanguages("sheetImport.errors.locked"));
  if (!ctx.importable) return refuse(409, intent, bothLanguages("sheetImport.errors.notImportable"));
  const dir = uploadDir();
  const who = { userId: ctx.user.id, projectId: ctx.project.id, itemId: ctx.item.id };
  const here = `/projects/${ctx.project.id}/registers/${encodeURIComponent(ctx.item.id)}/import`;

  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) return refuse(400, intent, bothLanguages("sheetImport.errors.noFile"));
    if (file.size > MAX_WORKBOOK_UPLOAD_BYTES) return refuse(413, intent, bothLanguages(msg("sheetImport.errors.tooLarge", { mb: MAX_MB })));
    const fileName = uploadedFileName(file instanceof File ? file.name : "", "spreadsheet");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const reading = await readRegisterFile(bytes, expectedOf(ctx, (await getPreferences(request)).lang));
    if (!reading.ok) return refuse(reading.refusal.code === "too-large" ? 413 : 400, intent, reading.refusal.message);
    const id = storeUpload(dir, { ...who, fileName }, bytes);
    return redirect(`${here}?upload=${id}`, 303);
  }

  const uploadId = String(form.get("upload") ?? "");
  if (intent === "cancel") {
    if (loadUpload(dir, uploadId, who)) discardUpload(dir, uploadId);
    return redirect(here, 303);
  }
  if (intent !== "confirm") return refuse(400, intent, bothLanguages("errors.badForm"));
  const upload = loadUpload(dir, uploadId, who);
  if (!upload) return refuse(410, intent, bothLanguages("sheetImport.errors.expired"));
  const reading = await readRegisterFile(upload.bytes, expectedOf(ctx, (await getPreferences(request)).lang));
  if (!reading.ok) return refuse(400, intent, reading.refusal.message);
  const useFile: number[] = [];
  for (const [key, value] of form.entries()) {
    const m = /^choice\.(\d{1,15})$/.exec(key);
    if (m && value === "file") useFile.push(Number(m[1]));
  }
  const result = applyImport(ctx.db, {
    projectId: ctx.project.id,
    pack: ctx.pack,
    item: ctx.item,
    rows: reading.rows,
    fingerprint: String(form.get("fingerprint") ?? ""),
    useFile,
    fileName: upload.meta.fileName,
    by: ctx.actor,
  });
  if (result.status === "stale") return refuse(409, intent, null, { stale: true });
  if (result.status === "refused") return refuse(422, intent, bothLanguages("sheetImport.cannotConfirm"));
  discardUpload(dir, uploadId);
  return redirect(`${here}?written=${result.added}-${result.changed}`, 303);
}

/** After a confirmation that met a changed register, show the new preview the loader makes. */
export function shouldRevalidate() {
  return true;
}

export function meta({ matches, data: d }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [d?.item.title, t("sheetImport.import")]);
}

export default function RegisterImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const nav = useNavigation();
  const busy = nav.state === "submitting" ? String(nav.formData?.get("intent") ?? "") : null;
  const { projectId, item, phase, step, preview, written } = loaderData;
  const result = actionData as ActionResult | undefined;
  const base = `/projects/${projectId}`;
  const registerLink = `${base}/phases/${phase.id}/steps/${step.id}#item-${item.id}`;
  const uploadError = result?.intent === "upload" && result.error ? result.error[lang] : null;
  const canWrite = !loaderData.locked && loaderData.importable;
  return (
    <article className="stack sheet-import">
      <header className="section-head">
        <p className="eyebrow">
          <Link to={`${base}/phases/${phase.id}`}>{loc(phase.title, lang)}</Link> · <Link to={registerLink}>{loc(step.title, lang)}</Link>
        </p>
        <h2 className="page-title">{t("sheetImport.title", { register: loc(item.title, lang) })}</h2>
        <p className="lead">{t("sheetImport.lead")}</p>
      </header>
      {written ? (
        <p className="banner banner-info" role="status" data-testid="import-written">
          {t("sheetImport.written", { added: localDigits(written.added, lang), changed: localDigits(written.changed, lang) })}{" "}
          <Link to={registerLink}>{t("sheetImport.seeRegister")}</Link> · <Link to={`${base}/history?category=registers`}>{t("sheetImport.seeHistory")}</Link>
        </p>
      ) : null}
      {loaderData.locked ? <p className="banner banner-info" role="status" data-testid="read-only">{t("sheetImport.errors.locked")}</p> : null}
      {!loaderData.importable ? <p className="banner banner-info" role="status">{t("sheetImport.errors.notImportable")}</p> : null}
      {result?.error && result.intent !== "upload" ? <p className="banner banner-error" role="alert">{result.error[lang]}</p> : null}
      {loaderData.expired ? <p className="banner banner-error" role="alert">{loaderData.expired[lang]}</p> : null}
      <RegisterSheetDownloads projectId={projectId} itemId={item.id} />
      {canWrite && !preview ? (
        <Form method="post" encType="multipart/form-data" className="card stack sheet-upload" data-testid="sheet-upload">
          <p className="muted">{t("sheetImport.rules")}</p>
          <div className={`field${uploadError ? " has-error" : ""}`}>
            <label htmlFor="sheet-file" className="field-label">{t("sheetImport.file")}</label>
            <p className="field-hint" id="sheet-file-hint">{t("sheetImport.fileHint", { mb: localDigits(loaderData.maxMb, lang), max: localDigits(item.maxRows, lang) })}</p>
            <input
              id="sheet-file"
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-describedby={`sheet-file-hint${uploadError ? " sheet-file-error" : ""}`}
              aria-invalid={uploadError ? true : undefined}
            />
            {uploadError ? <p className="field-error" id="sheet-file-error" role="alert">{uploadError}</p> : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" name="intent" value="upload" disabled={busy === "upload"}>
              {busy === "upload" ? t("sheetImport.reading") : t("sheetImport.preview")}
            </button>
            <Link to={registerLink} className="button">{t("sheetImport.back")}</Link>
          </div>
        </Form>
      ) : null}
      {preview ? <ImportPreview preview={preview} uploadId={loaderData.uploadId!} columns={item.columns} refOptions={loaderData.refOptions} stale={Boolean(result?.stale)} canWrite={canWrite} busy={busy} /> : null}
    </article>
  );
}
