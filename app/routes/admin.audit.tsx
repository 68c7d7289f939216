import { useTranslation } from "#app/i18n.ts";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/admin.audit";
import { getDb } from "#db/client.ts";
import { installationLog } from "#app/domain/audit.server.ts";
import { positiveId } from "#app/http.server.ts";
import { Link } from "#app/components/app-link.tsx";
import { LocalTime } from "#app/components/local-time.tsx";
import type { Language } from "#methodology/schema.ts";

/** The administrator's audit log: sign-ins (failed too, with the address), set-up and administrators' actions. */
const query = z.object({ before: positiveId.optional().catch(undefined) });

export function loader({ request }: Route.LoaderArgs) {
  const { before } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { entries, more } = installationLog(getDb(), { before });
  return {
    entries: entries.map((e) => {
      const after = (e.after ?? null) as { address?: unknown } | null;
      return {
        id: e.id,
        at: e.at,
        actor: e.actorName,
        action: e.action,
        subject: e.subject,
        address: typeof after?.address === "string" ? after.address : null,
      };
    }),
    older: more ? entries[entries.length - 1]!.id : null,
    paged: Boolean(before),
  };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("adminAudit.title")]);
}

export default function AdminAudit({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { entries, older, paged } = loaderData;
  return (
    <main id="main" className="page stack">
      <h1>{t("adminAudit.title")}</h1>
      <p className="lead">{t("adminAudit.lead")}</p>
      <p>
        <Link to="/admin/users">{t("admin.users")}</Link> · <Link to="/admin/outbox">{t("outbox.link")}</Link>
        {paged ? (
          <>
            {" · "}
            <Link to="/admin/audit">{t("adminAudit.newest")}</Link>
          </>
        ) : null}
      </p>
      {entries.length === 0 ? (
        <p className="muted">{t("adminAudit.empty")}</p>
      ) : (
        <div className="table-wrap">
        <table className="data-table card audit-table">
          <thead>
            <tr>
              <th scope="col">{t("adminAudit.when")}</th>
              <th scope="col">{t("adminAudit.what")}</th>
              <th scope="col">{t("adminAudit.who")}</th>
              <th scope="col">{t("adminAudit.account")}</th>
              <th scope="col">{t("adminAudit.address")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={REFUSALS.has(e.action) ? "audit-failed" : undefined}>
                <td className="audit-when">
                  <LocalTime iso={e.at} lang={lang} />
                </td>
                <td>{t(`adminAudit.actions.${e.action.replace(/\./g, "-")}`, { defaultValue: e.action })}</td>
                <td>
                  <bdi>{e.actor}</bdi>
                </td>
                <td>{e.subject ? <span dir="ltr">{e.subject}</span> : "—"}</td>
                <td>{e.address ? <code dir="ltr">{e.address}</code> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {older ? (
        <p>
          <Link to={`/admin/audit?before=${older}`}>{t("adminAudit.older")}</Link>
        </p>
      ) : null}
    </main>
  );
}

/** Entries that record something refused: set apart in the list. */
const REFUSALS = new Set(["auth.signin-failed", "auth.signin-demo-elsewhere", "auth.setup-code-wrong"]);
