import { useTranslation } from "#app/i18n.ts";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/admin.outbox";
import { getDb } from "#db/client.ts";
import { listOutbox, mailConfigured } from "#app/domain/mail.server.ts";
import { positiveId } from "#app/http.server.ts";
import { Link } from "#app/components/app-link.tsx";
import { LocalTime } from "#app/components/local-time.tsx";
import type { Language } from "#methodology/schema.ts";

/**
 * The administrator's outbox (decision 046): every email the app sent or
 * would have sent, newest first. A message not delivered shows its link to
 * copy while that link still works; otherwise the link's token is masked.
 */
const query = z.object({ before: positiveId.optional().catch(undefined) });
const PAGE = 50;

export function loader({ request }: Route.LoaderArgs) {
  const { before } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = listOutbox(getDb(), { limit: PAGE + 1, before });
  return {
    configured: mailConfigured(),
    messages: rows.slice(0, PAGE),
    older: rows.length > PAGE ? rows[PAGE - 1]!.id : null,
    paged: Boolean(before),
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("outbox.title")]);
}

export default function AdminOutbox({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { messages, older, paged, configured } = loaderData;
  return (
    <main id="main" className="page stack">
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.lead")}</p>
      <p className={`banner ${configured ? "banner-info" : "banner-warning"}`} data-testid="outbox-settings">{configured ? t("outbox.configured") : t("outbox.notConfigured")}</p>
      <p>
        <Link to="/admin/users">{t("admin.users")}</Link> · <Link to="/admin/audit">{t("adminAudit.link")}</Link>
        {paged ? (
          <>
            {" · "}
            <Link to="/admin/outbox">{t("adminAudit.newest")}</Link>
          </>
        ) : null}
      </p>
      {messages.length === 0 ? (
        <p className="muted">{t("outbox.empty")}</p>
      ) : (
        <ol className="plain-list outbox-list">
          {messages.map((m) => (
            <li key={m.id} className="card outbox-message" data-testid={`outbox-${m.id}`}>
              <p className="outbox-head">
                <span className={`badge ${m.status === "sent" ? "badge-ok" : m.status === "failed" ? "badge-missing" : ""}`}>{t(`outbox.status.${m.status}`)}</span>{" "}
                <span className="muted small">{t(`outbox.kind.${m.kind}`)}</span> · <LocalTime iso={m.createdAt} lang={lang} />
              </p>
              <p>
                <strong dir={m.language === "fa" ? "rtl" : "ltr"} lang={m.language}>{m.subject}</strong>
              </p>
              <p className="small">
                {t("outbox.to")}: {m.toName ? <><bdi>{m.toName}</bdi> </> : null}<span dir="ltr">&lt;{m.toEmail}&gt;</span> · {t(`languages.${m.language}`)}
              </p>
              {m.error ? <p className="small status-missing">{t("outbox.error")}: <span dir="ltr">{m.error}</span></p> : null}
              {m.liveLink ? (
                <div className="new-link">
                  <label htmlFor={`outbox-link-${m.id}`} className="label">{t("outbox.linkToCopy")}</label>
                  <input id={`outbox-link-${m.id}`} className="input" dir="ltr" readOnly value={m.liveLink} data-testid="outbox-link" onFocus={(e) => e.currentTarget.select()} />
                </div>
              ) : null}
              <details>
                <summary>{t("outbox.showText")}</summary>
                <pre className="outbox-text" dir={m.language === "fa" ? "rtl" : "ltr"} lang={m.language}>{m.text}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
      {older ? (
        <p>
          <Link to={`/admin/outbox?before=${older}`}>{t("adminAudit.older")}</Link>
        </p>
      ) : null}
    </main>
  );
}
