import { useTranslation } from "#app/i18n.ts";

/**
 * The download buttons of one Word deliverable, one per language; the first is
 * the primary one. Each is a form that posts (a download records the
 * document's version, so it is never a link: decision 018); the browser
 * saves the answer as a file and the page stays, with or without JavaScript.
 */
export function DeliverableDownloads({ projectId, id, label, languages = ["fa", "en"], small = false }: { projectId: number; id: string; label?: string; languages?: ReadonlyArray<"fa" | "en">; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions deliverable-downloads" role={label ? "group" : undefined} aria-label={label}>
      {label ? <span className="label">{label}</span> : null}
      {languages.map((l, i) => (
        <form key={l} method="post" action={`/projects/${projectId}/documents/${id}/download`} className="inline-form">
          <input type="hidden" name="intent" value="download" />
          <input type="hidden" name="lang" value={l} />
          <button type="submit" className={`button${small ? " small" : ""}${i === 0 ? " primary" : ""}`} data-lang={l}>
            {t(`documents.download.${l}`)}
          </button>
        </form>
      ))}
    </div>
  );
}
