import { useTranslation } from "#app/i18n.ts";
import { Form, data, useFetcher, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.members";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { changeRole, createInvitation, listMembers, pendingInvitations, removeMember, revokeInvitation } from "#app/domain/members.server.ts";
import { invitationDraft, publicOrigin, sendMail } from "#app/domain/mail.server.ts";
import { emailSchema, displayNameSchema } from "#app/domain/auth.server.ts";
import { fieldErrors } from "#methodology/values.ts";
import { InvitationResult, type InviteActionResult } from "#app/components/team-row-invite.tsx";
import { unlinkedMembers } from "#app/domain/project-transfer.server.ts";
import { readForm, positiveId } from "#app/http.server.ts";
import { PROJECT_ROLES, ROLE_PERMISSIONS, PERMISSIONS } from "#app/access.ts";
import { formatDate } from "#app/views/format.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import { Field } from "#app/components/field.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project, user, may } = requireProjectContext(params.projectId, context);
  const manage = may("manage-members");
  return {
    projectId: project.id,
    deliverableLanguage: project.deliverableLanguage,
    me: user.id,
    manage,
    members: listMembers(db, project.id).map((m) => ({ ...m, email: manage || m.userId === user.id ? m.email : null })),
    invitations: manage ? pendingInvitations(db, project.id) : [],
    /** People of an imported project without an account here (kept by name). */
    unlinked: unlinkedMembers(db, project.id).map((m) => ({ ...m, email: manage ? m.email : null })),
  };
}

const role = z.enum(PROJECT_ROLES);
const language = z.enum(["fa", "en"]);
/** An optional email: empty means "no email, only the link to copy". */
const optionalEmail = z.union([z.literal("").transform(() => null), emailSchema]).optional().default("");
const optionalName = z.union([z.literal("").transform(() => ""), displayNameSchema]).optional().default("");
const memberForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), role, note: z.string().trim().max(200).optional().default(""), email: optionalEmail, name: optionalName, language: language.optional() }),
  // A row of the team register invited in one step: its name, email and role carried over (decision 046).
  z.object({ intent: z.literal("invite-row"), rowId: positiveId, role, email: emailSchema, name: displayNameSchema, language }),
  z.object({ intent: z.literal("revoke"), invitationId: positiveId }),
  z.object({ intent: z.literal("change-role"), userId: positiveId, role }),
  z.object({ intent: z.literal("remove"), userId: positiveId }),
]);

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, pack, actor, data: projectData } = requireProjectContext(params.projectId, context);
  const form = await readForm(request);
  const parsed = memberForm.safeParse(form);
  const intent = String(form.intent ?? "");
  if (!parsed.success) {
    const invite = intent === "invite" || intent === "invite-row";
    const errors = invite ? fieldErrors(parsed.error) : {};
    const error = !invite ? "errors.badForm" : errors.role ? "members.errors.chooseRole" : Object.keys(errors).length ? "inviteMail.checkFields" : "errors.badForm";
    return data(
      { intent, error, errors, link: null, note: String(form.note ?? ""), email: String(form.email ?? ""), name: String(form.name ?? ""), rowId: Number(form.rowId) || null } satisfies InviteActionResult,
      { status: 400 },
    );
  }
  const input = parsed.data;
  switch (input.intent) {
    case "invite":
    case "invite-row": {
      let teamRowId: number | null = null;
      if (input.intent === "invite-row") {
        const teamItem = pack.team?.register;
        const row = teamItem ? projectData.rows.get(teamItem)?.find((r) => r.id === input.rowId) : undefined;
        if (!row) return data({ intent: input.intent, error: "inviteMail.noTeamRow", link: null, rowId: input.rowId } satisfies InviteActionResult, { status: 404 });
        teamRowId = row.id;
      }
      const email = input.email;
      const lang = input.language ?? project.deliverableLanguage;
      const note = input.intent === "invite" ? input.note : "";
      const { token, expiresAt } = createInvitation(db, actor, project.id, input.role, note, new Date(), email ? { email, name: input.name, language: lang, teamRowId } : null);
      const link = `${publicOrigin(request)}/invitations/${token}`;
      // The invitation is stored; the email goes after, and a failure only changes what the page says.
      const [delivery] = email
        ? await sendMail(db, [invitationDraft({ projectId: project.id, project, inviter: actor.name, role: input.role, email, name: input.name, language: lang, link, expiresAt })])
        : [];
      return { intent: input.intent, error: null, link, role: input.role, note, expiresAt, rowId: teamRowId, mail: delivery ? { status: delivery.status, to: delivery.toEmail } : null } satisfies InviteActionResult;
    }
    case "revoke": {
      const r = revokeInvitation(db, actor, project.id, input.invitationId);
      return r.ok ? { intent: "revoke", error: null, link: null } : data({ intent: "revoke", error: r.error, link: null }, { status: 404 });
    }
    case "change-role": {
      const r = changeRole(db, actor, project.id, input.userId, input.role);
      return r.ok ? { intent: "change-role", error: null, link: null } : data({ intent: "change-role", error: r.error, link: null, userId: input.userId }, { status: r.error === "members.errors.notMember" ? 404 : 409 });
    }
    case "remove": {
      const r = removeMember(db, actor, project.id, input.userId);
      return r.ok ? { intent: "remove", error: null, link: null } : data({ intent: "remove", error: r.error, link: null, userId: input.userId }, { status: r.error === "members.errors.notMember" ? 404 : 409 });
    }
  }
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("nav.members")]);
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state !== "idle";
  const { members, invitations, manage, me, unlinked } = loaderData;
  // "Invite <name>" next to the "nobody can sign" warning fills the form in (role, email, name).
  const [prefill] = useSearchParams();
  const result = actionData as (InviteActionResult & { userId?: number }) | undefined;
  // A fetcher form: its result (the link, shown once) survives the page's later reloads, live updates included.
  const invite = useFetcher<InviteActionResult>();
  const inviting = [invite.data, result].find((r) => r?.intent === "invite");
  return (
    <div className="stack">
      <header className="section-head">
        <h2 className="page-title">{t("members.title")}</h2>
        <p className="lead">{t("members.lead")}</p>
      </header>
      {result?.error && result.intent !== "invite" && result.intent !== "invite-row" ? <p className="banner banner-error" role="alert">{t(result.error)}</p> : null}
      <section className="card">
        <table className="data-table members-table">
          <thead>
            <tr>
              <th scope="col">{t("members.person")}</th>
              <th scope="col" id="members-role-heading">{t("members.role")}</th>
              <th scope="col">{t("members.since")}</th>
              {manage ? <th scope="col"><span className="visually-hidden">{t("members.actions")}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} data-testid={`member-${m.userId}`}>
                <td>
                  <bdi id={`member-${m.userId}-name`}>{m.name}</bdi>
                  {m.userId === me ? <span className="muted small"> ({t("members.you")})</span> : null}
                  {m.email ? <div className="muted small" dir="ltr">{m.email}</div> : null}
                </td>
                <td>
                  {manage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="change-role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <select name="role" defaultValue={m.role} className="input" aria-labelledby={`members-role-heading member-${m.userId}-name`}>
                        {PROJECT_ROLES.map((r) => (
                          <option key={r} value={r}>{t(`roles.${r}`)}</option>
                        ))}
                      </select>{" "}
                      <button type="submit" className="button small" disabled={busy}>{t("members.changeRole")}</button>
                    </Form>
                  ) : (
                    t(`roles.${m.role}`)
                  )}
                </td>
                <td>{formatDate(m.since.slice(0, 10), lang)}</td>
                {manage ? (
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="button small danger" disabled={busy}>{t("members.remove")}</button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {unlinked.length ? (
        <section className="card" aria-labelledby="unlinked-title" data-testid="unlinked-members">
          <h3 id="unlinked-title">{t("transfer.unlinkedTitle")}</h3>
          <p className="muted">{t("transfer.unlinkedLead")}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("members.person")}</th>
                <th scope="col">{t("members.role")}</th>
                <th scope="col">{t("members.since")}</th>
              </tr>
            </thead>
            <tbody>
              {unlinked.map((m) => (
                <tr key={`${m.name}-${m.role}-${m.since}`}>
                  <td>
                    <bdi>{m.name}</bdi>
                    {m.email ? <div className="muted small" dir="ltr">{m.email}</div> : null}
                  </td>
                  <td>{t(`roles.${m.role}`)}</td>
                  <td>{formatDate(m.since.slice(0, 10), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {manage ? (
        <section className="card form-card" aria-labelledby="invite-title">
          <h3 id="invite-title">{t("members.inviteTitle")}</h3>
          <p className="muted">{t("members.inviteLead")}</p>
          {/* A new form after each invitation made, so its address is not sent a second time by mistake. */}
          <invite.Form method="post" className="stack" noValidate key={inviting?.link ?? "invite"}>
            <input type="hidden" name="intent" value="invite" />
            <Field id="invite-role" label={t("members.role")} error={inviting?.error && (inviting.errors?.role || !inviting.errors || !Object.keys(inviting.errors).length) ? inviting.error : null} required>
              <select id="invite-role" name="role" className="input" defaultValue={inviting?.error ? "" : (prefill.get("role") ?? "")}>
                <option value="" disabled>{t("members.chooseRole")}</option>
                {PROJECT_ROLES.map((r) => (
                  <option key={r} value={r}>{t(`roles.${r}`)}</option>
                ))}
              </select>
            </Field>
            <Field id="invite-email" label={t("inviteMail.email")} hint={t("inviteMail.emailHint")} error={inviting?.errors?.email ?? null}>
              <input id="invite-email" name="email" type="email" className="input" dir="ltr" maxLength={254} autoComplete="off" defaultValue={inviting?.error ? (inviting.email ?? "") : (prefill.get("email") ?? "")} />
            </Field>
            <Field id="invite-name" label={t("inviteMail.name")} error={inviting?.errors?.name ?? null}>
              <input id="invite-name" name="name" className="input" dir="auto" maxLength={120} autoComplete="off" defaultValue={inviting?.error ? (inviting.name ?? "") : (prefill.get("name") ?? "")} />
            </Field>
            <Field id="invite-language" label={t("inviteMail.language")}>
              <select id="invite-language" name="language" className="input" defaultValue={loaderData.deliverableLanguage}>
                <option value="fa" lang="fa">{t("languages.fa")}</option>
                <option value="en" lang="en">{t("languages.en")}</option>
              </select>
            </Field>
            <Field id="invite-note" label={t("members.inviteNote")} hint={t("members.inviteNoteHint")}>
              <input id="invite-note" name="note" className="input" dir="auto" maxLength={200} defaultValue={inviting ? (inviting.note ?? "") : ""} />
            </Field>
            <button type="submit" className="button primary" disabled={busy || invite.state !== "idle"}>{t("members.createLink")}</button>
          </invite.Form>
          {inviting?.link ? <InvitationResult result={inviting} /> : null}
        </section>
      ) : null}

      {manage && invitations.length ? (
        <section className="card" aria-labelledby="pending-title">
          <h3 id="pending-title">{t("members.pendingTitle")}</h3>
          <ul className="plain-list">
            {invitations.map((inv) => (
              <li key={inv.id} className="pending-invitation">
                <span>
                  {t(`roles.${inv.role}`)}
                  {inv.name ? <> · <bdi>{inv.name}</bdi></> : null}
                  {inv.email ? <> · <span dir="ltr">{inv.email}</span></> : null}
                  {inv.note ? <> · <bdi>{inv.note}</bdi></> : null} · {t("members.expiresOn", { date: formatDate(inv.expiresAt.slice(0, 10), lang) })} · <bdi>{inv.by}</bdi>{" "}
                  <LocalTime iso={inv.createdAt} lang={lang} />
                </span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <button type="submit" className="button small" disabled={busy}>{t("members.revoke")}</button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="roles-title">
        <h3 id="roles-title">{t("members.rolesTitle")}</h3>
        {/* The permissions do not fit a phone: the table scrolls, the page does not. */}
        <div className="table-wrap">
          <table className="data-table permission-table">
            <thead>
              <tr>
                <th scope="col">{t("members.role")}</th>
                {PERMISSIONS.map((p) => (
                  <th scope="col" key={p}>{t(`permissions.${p}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PROJECT_ROLES.map((r) => (
                <tr key={r}>
                  <th scope="row">{t(`roles.${r}`)}</th>
                  {PERMISSIONS.map((p) => (
                    <td key={p} className="perm-cell">
                      {ROLE_PERMISSIONS[r].includes(p) ? <span aria-label={t("common.yes")}>✓</span> : <span aria-label={t("common.no")} className="muted">—</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
