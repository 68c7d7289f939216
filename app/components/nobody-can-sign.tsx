import { useTranslation } from "#app/i18n.ts";
import { Link } from "./app-link.tsx";

/**
 * Said from the moment sign-off could be requested in a project where no
 * member may sign (issue 20): the request could be sent, but never signed.
 * Whoever may invite gets the way to the People page.
 */
export function NobodyCanSign({ membersHref }: { membersHref: string | null }) {
  const { t } = useTranslation();
  return (
    <p className="banner banner-warning nobody-can-sign" role="status" data-testid="nobody-can-sign">
      {t("gate.nobodyCanSign")}
      {membersHref ? (
        <>
          {" "}
          <Link to={membersHref} className="button small">{t("gate.nobodyCanSignInvite")}</Link>
        </>
      ) : null}
    </p>
  );
}
