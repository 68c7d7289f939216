import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/setup";
import { getDb } from "#db/client.ts";
import { adminExists, createSession, sessionCookie } from "#app/domain/auth.server.ts";
import { AdminExistsError, createFirstAdmin, echo, fieldErrors, honeypotFilled, newAccountSchema } from "#app/domain/account.server.ts";
import { readForm } from "#app/http.server.ts";
import { EmailField, Honeypot, NameField, NewPasswordFields } from "#app/components/auth-fields.tsx";

/** First run: the first person to open the app creates the administrator. */
export function loader() {
  if (adminExists(getDb())) throw redirect("/login");
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const db = getDb();
  if (adminExists(db)) throw redirect("/login");
  const form = await readForm(request);
  if (honeypotFilled(form)) return data({ errors: { _form: "errors.badForm" }, values: echo(form) }, { status: 400 });
  const parsed = newAccountSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(form) }, { status: 400 });
  try {
    const user = await createFirstAdmin(db, parsed.data);
    const token = createSession(db, user.id);
    return redirect("/projects", { headers: { "Set-Cookie": sessionCookie(request, token) } });
  } catch (error) {
    if (error instanceof AdminExistsError && error.message === "email") {
      return data({ errors: { email: "validation.emailTaken" }, values: echo(form) }, { status: 409 });
    }
    if (error instanceof AdminExistsError) throw redirect("/login");
    throw error;
  }
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("setup.title")]);
}

export default function Setup({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <main id="main" className="page narrow">
      <h1>{t("setup.title")}</h1>
      <p className="lead">{t("setup.lead")}</p>
      {errors._form ? <p className="banner banner-error" role="alert">{t(errors._form)}</p> : null}
      <Form method="post" className="card form-card" noValidate>
        <NameField errors={errors} values={actionData?.values} />
        <EmailField errors={errors} values={actionData?.values} />
        <NewPasswordFields errors={errors} />
        <Honeypot />
        <button type="submit" className="button primary" disabled={busy}>{t("setup.submit")}</button>
      </Form>
    </main>
  );
}
