import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/account";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { users } from "#db/schema.ts";
import { createSession, deleteUserSessions, displayNameSchema, getUser, sessionCookie, setPassword, verifyPassword } from "#app/domain/auth.server.ts";
import { echo, fieldErrors, passwordChangeSchema } from "#app/domain/account.server.ts";
import { authContext } from "#app/context.ts";
import { readForm } from "#app/http.server.ts";
import { Field, describedBy } from "#app/components/field.tsx";
import { NewPasswordFields } from "#app/components/auth-fields.tsx";
import { LocalTime } from "#app/components/local-time.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader({ context, request }: Route.LoaderArgs) {
  const user = getUser(getDb(), context.get(authContext).user!.id)!;
  const notice = new URL(request.url).searchParams.get("notice");
  return { name: user.displayName, email: user.email, isAdmin: user.isAdmin, lastLoginAt: user.lastLoginAt, notice };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  const auth = context.get(authContext);
  const user = getUser(db, auth.user!.id)!;
  const form = await readForm(request);
  if (form.intent === "name") {
    const parsed = displayNameSchema.safeParse(form.displayName);
    if (!parsed.success) return data({ intent: "name", errors: { displayName: parsed.error.issues[0]!.message }, values: echo(form) }, { status: 400 });
    db.update(users).set({ displayName: parsed.data, updatedAt: new Date().toISOString() }).where(eq(users.id, user.id)).run();
    return redirect("/account?notice=name-saved");
  }
  if (form.intent !== "password") return data({ intent: "password", errors: { _form: "errors.badForm" }, values: {} }, { status: 400 });
  const parsed = passwordChangeSchema.safeParse(form);
  if (!parsed.success) return data({ intent: "password", errors: fieldErrors(parsed.error), values: {} }, { status: 400 });
  if (!(await verifyPassword(user.passwordHash, parsed.data.current))) {
    return data({ intent: "password", errors: { current: "auth.currentWrong" }, values: {} }, { status: 400 });
  }
  await setPassword(db, user.id, parsed.data.password);
  // Every session of this account ends (a stolen one too); this browser gets a new one.
  deleteUserSessions(db, user.id);
  const token = createSession(db, user.id);
  return redirect("/account?notice=password-changed", { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("account.title")]);
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state === "submitting";
  const nameErrors: Record<string, string> = actionData?.intent === "name" ? actionData.errors : {};
  const pwErrors: Record<string, string> = actionData?.intent === "password" ? actionData.errors : {};
  return (
    <main id="main" className="page narrow stack">
      <h1>{t("account.title")}</h1>
      {loaderData.notice === "password-changed" ? <p className="banner banner-info" role="status">{t("account.passwordChanged")}</p> : null}
      {loaderData.notice === "name-saved" ? <p className="banner banner-info" role="status">{t("account.nameSaved")}</p> : null}
      <section className="card form-card">
        <dl className="facts">
          <div>
            <dt>{t("auth.email")}</dt>
            <dd dir="ltr">{loaderData.email}</dd>
          </div>
          <div>
            <dt>{t("account.kind")}</dt>
            <dd>{loaderData.isAdmin ? t("admin.administrator") : t("account.member")}</dd>
          </div>
          <div>
            <dt>{t("account.lastLogin")}</dt>
            <dd>{loaderData.lastLoginAt ? <LocalTime iso={loaderData.lastLoginAt} lang={lang} /> : "—"}</dd>
          </div>
        </dl>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="name" />
          <Field id="displayName" label={t("auth.displayName")} error={nameErrors.displayName} required>
            <input id="displayName" name="displayName" className="input" dir="auto" defaultValue={actionData?.intent === "name" ? (actionData.values as Record<string, string>).displayName : loaderData.name} maxLength={200} aria-invalid={!!nameErrors.displayName || undefined} aria-describedby={describedBy("displayName", { error: !!nameErrors.displayName })} />
          </Field>
          <button type="submit" className="button" disabled={busy}>{t("account.saveName")}</button>
        </Form>
      </section>
      <section className="card form-card">
        <h2>{t("account.changePassword")}</h2>
        <p className="muted">{t("account.changePasswordLead")}</p>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="password" />
          {pwErrors._form ? <p className="banner banner-error" role="alert">{t(pwErrors._form)}</p> : null}
          <Field id="current" label={t("account.currentPassword")} error={pwErrors.current} required>
            <input id="current" name="current" type="password" dir="ltr" className="input" autoComplete="current-password" aria-invalid={!!pwErrors.current || undefined} aria-describedby={describedBy("current", { error: !!pwErrors.current })} />
          </Field>
          <NewPasswordFields errors={pwErrors} label={t("account.newPassword")} />
          <button type="submit" className="button primary" disabled={busy}>{t("account.changePassword")}</button>
        </Form>
      </section>
    </main>
  );
}
