import { useTranslation } from "#app/i18n.ts";
import { Link } from "./app-link.tsx";

/**
 * Said from the moment sign-off could be requested in a project where no
 * member may sign (issue 20): the request could be sent, but never signed.
 * Whoever may invite gets the way to the People page.
 */
/** The People page's invitation form, filled in for the team register's sponsor (role, email, name). */
export function sponsorInviteHref(membersHref: string, sponsor: { name: string; email: string }): string {
  return `${membersHref}?${new URLSearchParams({ role: "executive-sponsor", email: sponsor.email, name: sponsor.name })}#invite-title`;
}

export function NobodyCanSign({ membersHref, sponsor = null }: { membersHref: string | null; sponsor?: { name: string; email: string } | null }) {
  const { t } = useTranslation();
  return (
    <p className="banner banner-warning nobody-can-sign" role="status" data-testid="nobody-can-sign">
      {t("gate.nobodyCanSign")}
      {membersHref ? (
        <>
          {" "}
          {sponsor ? (
            <>
              <Link to={sponsorInviteHref(membersHref, sponsor)} className="button small" data-testid="invite-sponsor">
                {t("gate.inviteSponsor", { name: `\u2068${sponsor.name}\u2069` })}
              </Link>{" "}
            </>
          ) : null}
          <Link to={membersHref} className="button small">{t("gate.nobodyCanSignInvite")}</Link>
        </>
      ) : null}
    </p>
  );
}
