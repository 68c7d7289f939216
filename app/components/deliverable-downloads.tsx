import { useTranslation } from "#app/i18n.ts";

/**
 * The download buttons of one Word deliverable, one per language; the first is
 * the primary one. One form that posts, each button sending its language (a
 * download records the document's version, so it is never a link: decision
 * 018); the browser saves the answer as a file and the page stays, with or
 * without JavaScript. With `draftChoice`, a checkbox asks for a draft with the
 * open items shown in place (decision 028); it applies to either button. Its
 * explanation is written once on the page (`draftChoice.hintId`), not per document.
 */
export function DeliverableDownloads({ projectId, id, label, languages = ["fa", "en"], small = false, draftChoice }: { projectId: number; id: string; label?: string; languages?: ReadonlyArray<"fa" | "en">; small?: boolean; draftChoice?: { hintId: string } }) {
  const { t } = useTranslation();
  return (
    <form method="post" action={`/projects/${projectId}/documents/${id}/download`} className="deliverable-download-form">
      <input type="hidden" name="intent" value="download" />
      {draftChoice ? (
        <p className="draft-choice">
          <label>
            <input type="checkbox" name="draft" value="true" aria-describedby={draftChoice.hintId} /> {t("sendCheck.draft")}
          </label>
        </p>
      ) : null}
      <div className="form-actions deliverable-downloads" role={label ? "group" : undefined} aria-label={label}>
        {label ? <span className="label">{label}</span> : null}
        {languages.map((l, i) => (
          <button key={l} type="submit" name="lang" value={l} className={`button${small ? " small" : ""}${i === 0 ? " primary" : ""}`} data-lang={l}>
            {t(`documents.download.${l}`)}
          </button>
        ))}
      </div>
    </form>
  );
}
