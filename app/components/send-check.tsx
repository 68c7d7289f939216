import { useTranslation } from "#app/i18n.ts";
import { Link } from "#app/components/app-link.tsx";
import { localDigits } from "#app/views/format.ts";
import type { SendCheckView } from "#app/views/send-check.ts";
import type { Language } from "#methodology/schema.ts";

/** A list opens by itself while it is short; a long one is one click away (native <details>: no script). */
const SHORT = 4;

/**
 * "Ready to send?" for one deliverable, above its download buttons: the
 * verdict, then the contradictions and the open items, each a link to where
 * it is fixed (decision 028).
 */
export function SendCheck({ check }: { check: SendCheckView }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => localDigits(x, i18n.language as Language);
  return (
    <section className={`send-check send-check-${check.verdict}`} data-send-check={check.verdict} aria-label={t("sendCheck.title")}>
      <p className="send-check-verdict">
        <span className="send-check-title">{t("sendCheck.title")}</span> <strong className="send-check-badge">{check.verdictLabel}</strong>
      </p>
      <p className="send-check-summary">{check.summary}</p>
      {check.contradictions.length ? (
        <details className="send-check-list" open={check.contradictions.length <= SHORT} data-testid="contradictions">
          <summary>{t("sendCheck.contradictions", { count: n(check.contradictions.length) })}</summary>
          <ul>
            {check.contradictions.map((c, i) => (
              <li key={`${c.rule}-${i}`} data-rule={c.rule}>
                {c.link ? <Link to={c.link}>{c.message}</Link> : c.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {check.open.length ? (
        <details className="send-check-list" open={check.open.length <= SHORT && !check.contradictions.length} data-testid="open-items">
          <summary>{t("sendCheck.open", { count: n(check.open.length) })}</summary>
          <ul>
            {check.open.map((o) => (
              <li key={o.id} data-item={o.id}>
                {o.link ? <Link to={o.link}>{o.title}</Link> : o.title}
                {o.detail ? <span className="muted"> ({o.detail})</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
