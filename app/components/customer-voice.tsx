import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import type { CustomerVoiceNote } from "#app/views/customer-voice.ts";

/** What customers said about this answer (decision 033): shown only when research informs it. */
export function CustomerVoicePanel({ itemId, notes, link }: { itemId: string; notes: CustomerVoiceNote[] | undefined; link: string | null | undefined }) {
  const { t } = useTranslation();
  if (!notes?.length) return null;
  const headingId = `voice-${itemId}`;
  return (
    <aside className="customer-voice" aria-labelledby={headingId} data-testid="customer-voice" data-item={itemId}>
      <h4 id={headingId}>{t("customerVoice.title")}</h4>
      <ul>
        {notes.map((n) => (
          <li key={n.rowId}>
            <p className="muted small">
              {[n.method, n.customers ? t("customerVoice.customers", { n: n.customers }) : null, n.date].filter(Boolean).join(" · ")}
              {n.segment ? <> · <bdi>{n.segment}</bdi></> : null}
            </p>
            <p dir="auto">{n.findings}</p>
          </li>
        ))}
      </ul>
      {link ? (
        <Link className="voice-link small" to={link}>
          {t("customerVoice.seeAll")}
        </Link>
      ) : null}
    </aside>
  );
}
