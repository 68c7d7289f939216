import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { useEffect, useState } from "react";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/login";
import { getDb } from "#db/client.ts";
import { adminExists, deleteSessionByToken, login, readCookie, SESSION_COOKIE, sessionCookie } from "#app/domain/auth.server.ts";
import { echo, honeypotFilled, loginSchema, safeReturnTo } from "#app/domain/account.server.ts";
import { demoAccounts } from "#app/domain/demo-accounts.server.ts";
import { authContext, clientAddressContext, clientIsLocalContext } from "#app/context.ts";
import { readForm } from "#app/http.server.ts";
import { localDigits } from "#app/views/format.ts";
import { translateError } from "#app/components/field.tsx";
import { EmailField, Honeypot } from "#app/components/auth-fields.tsx";
import { Field } from "#app/components/field.tsx";
import type { Language } from "#methodology/schema.ts";
import { chosenLanguage, getPreferences, languageCookie } from "#app/domain/preferences.server.ts";
import { rememberLanguage } from "#app/domain/mail.server.ts";

export function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (context.get(authContext).user) throw redirect(returnTo);
  const db = getDb();
  return { returnTo, needsSetup: !adminExists(db), demo: demoAccounts(db, context.get(clientIsLocalContext)), notice: url.searchParams.get("notice") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const returnTo = safeReturnTo(form.returnTo);
  if (honeypotFilled(form)) return data({ error: "auth.wrongCredentials", values: echo(form) }, { status: 400 });
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) return data({ error: "auth.enterBoth", values: echo(form) }, { status: 400 });
  const db = getDb();
  const result = await login(db, { ...parsed.data, address: context.get(clientAddressContext), local: context.get(clientIsLocalContext) });
  if (result.status === "demo-elsewhere") return data({ error: "auth.demoOnlyHere", values: echo(form) }, { status: 403 });
  if (result.status === "limited") return data({ error: `auth.tooManyAttempts|${JSON.stringify({ minutes: result.minutes })}`, values: echo(form) }, { status: 429, headers: { "Retry-After": String(result.minutes * 60) } });
  if (result.status === "invalid") return data({ error: "auth.wrongCredentials", values: echo(form) }, { status: 400 });
  // A new session at every sign-in; whatever session the browser had ends.
  deleteSessionByToken(db, readCookie(request, SESSION_COOKIE));
  // The language this browser chose becomes the one their emails are written in (decision 046).
  const chosen = await chosenLanguage(request);
  if (chosen && chosen !== result.user.language) rememberLanguage(db, result.user.id, chosen);
  const headers = new Headers({ "Set-Cookie": sessionCookie(request, result.token) });
  if (!chosen) {
    // A browser that chose none speaks the language this person last chose (review finding 6);
    // someone who never chose one has the language they are working in stored as theirs.
    if (result.user.language) headers.append("Set-Cookie", await languageCookie.serialize(result.user.language));
    else rememberLanguage(db, result.user.id, (await getPreferences(request)).lang);
  }
  return redirect(returnTo, { headers });
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("auth.signIn")]);
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state === "submitting";
  const { returnTo, needsSetup, demo, notice } = loaderData;
  // The part after # never reaches the server: a link to `…#sign-off` keeps it through sign-in (review finding 9).
  const [hash, setHash] = useState("");
  useEffect(() => setHash(window.location.hash), []);
  return (
    <main id="main" className="page narrow">
      <h1>{t("auth.signInTitle")}</h1>
      {needsSetup ? (
        <p className="banner banner-info">
          {t("auth.noAdminYet")} <Link to="/setup">{t("setup.title")}</Link>
        </p>
      ) : null}
      {notice === "password-changed" ? <p className="banner banner-info" role="status">{t("auth.passwordChangedSignIn")}</p> : null}
      {notice === "signed-out" ? <p className="banner banner-info" role="status">{t("auth.signedOut")}</p> : null}
      <Form method="post" className="card form-card" noValidate>
        {actionData?.error ? (
          <p className="banner banner-error" role="alert" id="login-error">
            {translateError(t, lang, actionData.error)}
          </p>
        ) : null}
        <input type="hidden" name="returnTo" value={returnTo.includes("#") ? returnTo : returnTo + hash} />
        <EmailField errors={{}} values={actionData?.values} autoFocus />
        <Field id="password" label={t("auth.password")} required>
          <input id="password" name="password" type="password" dir="ltr" className="input" autoComplete="current-password" aria-describedby={actionData?.error ? "login-error" : undefined} />
        </Field>
        <Honeypot />
        <button type="submit" className="button primary" disabled={busy}>{t("auth.signIn")}</button>
        <p className="muted small">{t("auth.forgotPassword")}</p>
      </Form>
      {demo.length ? (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title">{t("auth.demoTitle")}</h2>
          <p className="muted">{t("auth.demoLead", { password: demo[0]!.password })}</p>
          {[...new Set(demo.map((d) => d.project))].map((project) => (
            <div key={project}>
              <h3 className="demo-project"><bdi>{project}</bdi></h3>
              <ul>
                {demo.filter((d) => d.project === project).map((d) => (
                  <li key={d.email}>
                    <bdi>{d.name}</bdi> — {t(`roles.${d.role}`)} · <code dir="ltr">{d.email}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="muted small">{t("auth.demoPasswordNote", { n: localDigits(demo.length, lang) })}</p>
        </section>
      ) : null}
    </main>
  );
}

/** Passes the action's Retry-After (when sign-in is throttled) to the response. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}
