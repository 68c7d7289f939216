import { useTranslation } from "react-i18next";

/** The two download buttons of one Word deliverable (Persian and English). */
export function DeliverableDownloads({ projectId, id, label }: { projectId: number; id: string; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions deliverable-downloads" role="group" aria-label={label}>
      <span className="label">{label}</span>
      {(["fa", "en"] as const).map((l, i) => (
        <a key={l} className={`button small${i === 0 ? " primary" : ""}`} href={`/projects/${projectId}/documents/${id}/download?lang=${l}`} download data-lang={l}>
          {t(`documents.download.${l}`)}
        </a>
      ))}
    </div>
  );
}
