import { useTranslation } from "#app/i18n.ts";

/** The download buttons of one Word deliverable, one per language; the first is the primary one. */
export function DeliverableDownloads({ projectId, id, label, languages = ["fa", "en"], small = false }: { projectId: number; id: string; label?: string; languages?: ReadonlyArray<"fa" | "en">; small?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions deliverable-downloads" role={label ? "group" : undefined} aria-label={label}>
      {label ? <span className="label">{label}</span> : null}
      {languages.map((l, i) => (
        <a key={l} className={`button${small ? " small" : ""}${i === 0 ? " primary" : ""}`} href={`/projects/${projectId}/documents/${id}/download?lang=${l}`} download data-lang={l}>
          {t(`documents.download.${l}`)}
        </a>
      ))}
    </div>
  );
}
