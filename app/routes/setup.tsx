import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/setup";
import { getDb } from "#db/client.ts";
import { adminExists, createSession, sessionCookie } from "#app/domain/auth.server.ts";
import { AdminExistsError, checkSetupForm, createFirstAdmin, echo, honeypotFilled } from "#app/domain/account.server.ts";
import { ensureSetupCode } from "#app/domain/setup-code.server.ts";
import { clientAddressContext } from "#app/context.ts";
import { readForm } from "#app/http.server.ts";
import { EmailField, Honeypot, NameField, NewPasswordFields } from "#app/components/auth-fields.tsx";
import { Field, describedBy } from "#app/components/field.tsx";

/**
 * First run: the person who started the server creates the administrator,
 * proving it with the one-time code the server printed in its terminal and
 * wrote beside the database (decision 016).
 */
export function loader() {
  if (adminExists(getDb())) throw redirect("/login");
  // The file may have been removed by hand: a new code, printed here (the one made at start-up was printed then).
  const { code, file, created } = ensureSetupCode();
  if (created) console.log(`\nThe set-up page asks for this one-time code:\n\n    ${code}\n\n(also in ${file})\n`);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  if (adminExists(db)) throw redirect("/login");
  const form = await readForm(request);
  if (honeypotFilled(form)) return data({ errors: { _form: "errors.badForm" } as Record<string, string>, values: echo(form) }, { status: 400 });
  const address = context.get(clientAddressContext);
  const checked = checkSetupForm(db, form, address);
  if (checked.status === "limited") {
    const error = `auth.tooManyAttempts|${JSON.stringify({ minutes: checked.minutes })}`;
    return data({ errors: { code: error } as Record<string, string>, values: echo(form) }, { status: 429, headers: { "Retry-After": String(checked.minutes * 60) } });
  }
  if (checked.status === "refused") return data({ errors: checked.errors, values: echo(form) }, { status: 400 });
  try {
    const user = await createFirstAdmin(db, { ...checked.account!, address });
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
        <Field id="code" label={t("setup.code")} hint={t("setup.codeHint")} error={errors.code} required>
          <input id="code" name="code" dir="ltr" className="input" autoComplete="one-time-code" spellCheck={false} defaultValue={actionData?.values?.code} maxLength={200} aria-invalid={!!errors.code || undefined} aria-describedby={describedBy("code", { hint: true, error: !!errors.code })} />
        </Field>
        <NameField errors={errors} values={actionData?.values} />
        <EmailField errors={errors} values={actionData?.values} />
        <NewPasswordFields errors={errors} />
        <Honeypot />
        <button type="submit" className="button primary" disabled={busy}>{t("setup.submit")}</button>
      </Form>
    </main>
  );
}

/** Passes the action's Retry-After (when set-up guesses are throttled) to the response. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}
