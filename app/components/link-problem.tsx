import { useTranslation } from "#app/i18n.ts";
import { isRouteErrorResponse } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { ErrorPage } from "#app/root.tsx";

/** An expired, used, revoked or unknown one-time link, explained. */
export function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || typeof error.data?.error !== "string" || !error.data.error.startsWith("links.")) return <ErrorPage error={error} />;
  return (
    <main id="main" className="page narrow error-page">
      <h1>{t(error.data.error)}</h1>
      <p>{t("links.askAgain")}</p>
      <p>
        <Link to="/login" className="button">{t("auth.signIn")}</Link>
      </p>
    </main>
  );
}
