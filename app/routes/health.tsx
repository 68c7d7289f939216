import { data } from "react-router";
import { useTranslation } from "#app/i18n.ts";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/health";
import { getDb } from "#db/client.ts";
import { databaseReads } from "#app/domain/liveness.server.ts";
import { ErrorPage } from "#app/root.tsx";

/**
 * A trivial page for monitoring: 200 while the server answers and its
 * database reads, 503 otherwise. Public, and it shows nothing about the
 * installation. The benchmark compares the heavy pages with it.
 */
export function loader() {
  if (!databaseReads(getDb())) throw data({ error: "health.down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  return { ok: true };
}

export function headers() {
  return { "Cache-Control": "no-store" };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("health.ok")]);
}

export default function Health() {
  const { t } = useTranslation();
  return (
    <main id="main" className="page narrow">
      <h1 data-testid="health">{t("health.ok")}</h1>
    </main>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
