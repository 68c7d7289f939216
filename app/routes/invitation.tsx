import { useTranslation } from "#app/i18n.ts";
import { isolateName } from "#app/views/direction.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/invitation";
import { getDb } from "#db/client.ts";
import { createUser, createSession, EmailTakenError, getUser, sessionCookie } from "#app/domain/auth.server.ts";
import { acceptInvitation, findLink, invitationForAnotherEmail } from "#app/domain/members.server.ts";
import { rememberLanguage } from "#app/domain/mail.server.ts";
import { chosenLanguage, languageCookie } from "#app/domain/preferences.server.ts";
import { echo, fieldErrors, honeypotFilled, newAccountSchema } from "#app/domain/account.server.ts";
import { authContext } from "#app/context.ts";
import { readForm } from "#app/http.server.ts";
import { formatDate } from "#app/views/format.ts";
import { EmailField, Honeypot, NameField, NewPasswordFields } from "#app/components/auth-fields.tsx";
import { LinkProblem } from "#app/components/link-problem.tsx";
import type { Language } from "#methodology/schema.ts";

function validLink(token: string) {
  const db = getDb();
  const found = findLink(db, token, "invitation");
  if (found.state !== "valid" || !found.link || !found.project) {
    throw data({ error: `links.${found.state}` }, { status: found.state === "unknown" ? 404 : 410 });
  }
  return { ...found, link: found.link, project: found.project, inviter: getUser(db, found.link.createdBy) };
}

export function loader({ params, context, request }: Route.LoaderArgs) {
  const { link, project, inviter } = validLink(params.token);
  const user = context.get(authContext).user;
  return {
    project: { name: project.name, clientOrganisation: project.clientOrganisation },
    role: link.role!,
    note: link.note,
    /** Whom it was sent to by email: greeted by name, their name and email filled in. */
    invitee: link.email ? { name: link.name ?? "", email: link.email } : null,
    invitedBy: inviter?.displayName ?? "",
    expiresAt: link.expiresAt,
    user: user ? { name: user.displayName, email: user.email } : null,
    /** Signed in with an account whose email is not the one the invitation was sent to: it cannot be used. */
    wrongAccount: !!user && invitationForAnotherEmail(link, user.email),
    returnTo: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { link } = validLink(params.token);
  const db = getDb();
  const form = await readForm(request);
  const signedIn = context.get(authContext).user;
  let user = signedIn ? { id: signedIn.id, displayName: signedIn.displayName, email: signedIn.email } : null;
  const headers = new Headers();
  if (!user) {
    if (honeypotFilled(form)) return data({ errors: { _form: "errors.badForm" } as Record<string, string>, values: echo(form) }, { status: 400 });
    const parsed = newAccountSchema.safeParse(form);
    if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: echo(form) }, { status: 400 });
    if (invitationForAnotherEmail(link, parsed.data.email)) {
      return data({ errors: { email: "invitation.otherEmail" } as Record<string, string>, values: echo(form) }, { status: 400 });
    }
    try {
      const created = await createUser(db, parsed.data);
      user = { id: created.id, displayName: created.displayName, email: created.email };
    } catch (error) {
      if (error instanceof EmailTakenError) return data({ errors: { email: "invitation.emailTaken" } as Record<string, string>, values: echo(form) }, { status: 409 });
      throw error;
    }
    headers.append("Set-Cookie", sessionCookie(request, createSession(db, user.id)));
  }
  const result = acceptInvitation(db, params.token, user);
  // An emailed invitation is bound to its address (review finding 3): acceptInvitation refuses another account's, writing nothing.
  if (!result.ok && result.state === "wrong-email") {
    return data({ errors: { _form: "invitation.wrongAccount" } as Record<string, string>, values: {} as Record<string, string> }, { status: 403, headers });
  }
  // Someone who opened an invitation written in a language, and chose none, keeps it after joining (decision 046).
  if (link.language && !(await chosenLanguage(request))) {
    headers.append("Set-Cookie", await languageCookie.serialize(link.language));
    if (!signedIn) rememberLanguage(db, user.id, link.language);
  }
  if (!result.ok) throw data({ error: `links.${result.state}` }, { status: result.state === "unknown" ? 404 : 410, headers });
  return redirect(`/projects/${result.projectId}`, { headers });
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("invitation.title")]);
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state === "submitting";
  const { project, role, note, invitedBy, expiresAt, user, returnTo, invitee, wrongAccount } = loaderData;
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <main id="main" className="page narrow stack">
      <h1>{t("invitation.title")}</h1>
      <section className="card">
        {invitee?.name ? <p className="invitation-greeting" data-testid="invitation-greeting">{t("inviteMail.greeting", { name: invitee.name })}</p> : null}
        <p className="lead">
          {t("invitation.lead", { inviter: invitedBy, role: t(`roles.${role}`) })}
        </p>
        <p className="invitation-project">
          <strong dir="auto">{project.name}</strong> · <bdi>{project.clientOrganisation}</bdi>
        </p>
        <p className="muted">{t(`roles.descriptions.${role}`)}</p>
        {note ? <p className="muted">{t("invitation.note")}: <bdi>{note}</bdi></p> : null}
        <p className="muted small">{t("invitation.expires", { date: formatDate(expiresAt.slice(0, 10), lang) })}</p>
      </section>
      {user && wrongAccount ? (
        <p className="card banner banner-error" role="alert" data-testid="invitation-wrong-account">
          {t("invitation.wrongAccount", { email: user.email, invited: invitee?.email ?? "" })}
        </p>
      ) : user ? (
        <Form method="post" className="card form-card">
          {errors._form ? <p className="banner banner-error" role="alert">{t(errors._form, { email: user.email, invited: invitee?.email ?? "" })}</p> : null}
          <input type="hidden" name="intent" value="accept" />
          <p>{t("invitation.signedInAs", { name: isolateName(user.name, lang), email: user.email })}</p>
          <button type="submit" className="button primary" disabled={busy}>{t("invitation.join", { role: t(`roles.${role}`) })}</button>
        </Form>
      ) : (
        <>
          <Form method="post" className="card form-card" noValidate>
            <h2>{t("invitation.newAccount")}</h2>
            {errors._form ? <p className="banner banner-error" role="alert">{t(errors._form)}</p> : null}
            <input type="hidden" name="intent" value="signup" />
            <NameField errors={errors} values={actionData?.values ?? (invitee ? { displayName: invitee.name } : undefined)} />
            <EmailField errors={errors} values={actionData?.values ?? (invitee ? { email: invitee.email } : undefined)} />
            <NewPasswordFields errors={errors} />
            <Honeypot />
            <button type="submit" className="button primary" disabled={busy}>{t("invitation.createAndJoin")}</button>
          </Form>
          <p className="card">
            {t("invitation.haveAccount")}{" "}
            <Link to={`/login?returnTo=${encodeURIComponent(returnTo)}`} className="invitation-signin">{t("auth.signIn")}</Link>
          </p>
        </>
      )}
    </main>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <LinkProblem error={error} />;
}
