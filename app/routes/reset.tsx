import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/reset";
import { getDb } from "#db/client.ts";
import { findLink, useResetLink } from "#app/domain/members.server.ts";
import { fieldErrors, resetSchema } from "#app/domain/account.server.ts";
import { readForm } from "#app/http.server.ts";
import { NewPasswordFields } from "#app/components/auth-fields.tsx";
import { LinkProblem } from "#app/components/link-problem.tsx";

/** A password-reset link made by an administrator: set a new password, once. */
export function loader({ params }: Route.LoaderArgs) {
  const { state } = findLink(getDb(), params.token, "password-reset");
  if (state !== "valid") throw data({ error: `links.${state}` }, { status: state === "unknown" ? 404 : 410 });
  return null;
}

export async function action({ request, params }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = resetSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await useResetLink(getDb(), params.token, parsed.data.password);
  if (!result.ok) throw data({ error: `links.${result.state}` }, { status: result.state === "unknown" ? 404 : 410 });
  return redirect("/login?notice=password-changed");
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("reset.title")]);
}

export default function Reset({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <main id="main" className="page narrow">
      <h1>{t("reset.title")}</h1>
      <p className="lead">{t("reset.lead")}</p>
      <Form method="post" className="card form-card" noValidate>
        <NewPasswordFields errors={errors} label={t("account.newPassword")} />
        <button type="submit" className="button primary" disabled={busy}>{t("reset.submit")}</button>
      </Form>
    </main>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <LinkProblem error={error} />;
}
