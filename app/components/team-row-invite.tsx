/**
 * Inviting people (decision 046): what the page says once an invitation is
 * made (emailed, or not, and the link to copy either way), and the team
 * register's "Invite as a project member" for each row with an email — its
 * name, email and role carried over, editable, sent in one step.
 */
import { useState } from "react";
import { useFetcher } from "react-router";
import { useTranslation } from "#app/i18n.ts";
import { PROJECT_ROLES } from "#app/access.ts";
import { formatDate } from "#app/views/format.ts";
import type { TeamRowInvite as TeamRowInviteRow } from "#app/domain/members.server.ts";
import { FieldError } from "#app/components/field.tsx";
import type { Language } from "#methodology/schema.ts";

export type InviteActionResult = {
  intent: string;
  error: string | null;
  errors?: Record<string, string>;
  link: string | null;
  role?: string;
  note?: string;
  email?: string;
  name?: string;
  expiresAt?: string;
  rowId?: number | null;
  /** Whether the invitation was emailed: `sent`, `failed`, `not-sent` (no mail server); null: no email given. */
  mail?: { status: "sent" | "failed" | "not-sent"; to: string } | null;
};

/** The one time a new invitation link is shown: whether it was emailed, and the link to copy. */
export function InvitationResult({ result }: { result: InviteActionResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [copied, setCopied] = useState(false);
  const id = `invitation-link${result.rowId ? `-${result.rowId}` : ""}`;
  const mail = result.mail;
  return (
    <div className={`banner ${mail?.status === "failed" ? "banner-warning" : "banner-info"} new-link`} role="status" data-testid="invitation-result">
      {mail ? (
        <p data-testid="invitation-mail">
          {mail.status === "sent" ? t("inviteMail.sent", { email: mail.to }) : mail.status === "failed" ? t("inviteMail.failed", { email: mail.to }) : t("inviteMail.notSent", { email: mail.to })}
        </p>
      ) : null}
      <p>{t("members.linkReady", { role: t(`roles.${result.role}`), date: formatDate(result.expiresAt!.slice(0, 10), lang) })}</p>
      <label htmlFor={id} className="label">{t("members.invitationLink")}</label>
      <div className="copy-row">
        <input id={id} className="input" dir="ltr" readOnly value={result.link!} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button"
          onClick={() => {
            navigator.clipboard?.writeText(result.link!).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? t("members.copied") : t("members.copy")}
        </button>
      </div>
      <p className="muted small">{t("members.linkOnce")}</p>
    </div>
  );
}

/** A team-register row as the server offers it for inviting. */
export type TeamRowInviteView = TeamRowInviteRow;

/**
 * Under the team register: each row with an email, offered as a project
 * member. Shown only to those who may invite.
 */
export function TeamRowInvites({ projectId, rows, defaultLanguage }: { projectId: number; rows: TeamRowInviteView[]; defaultLanguage: Language }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <details className="team-invites" data-testid="team-row-invites">
      <summary>{t("inviteMail.team.title")}</summary>
      <p className="muted small">{t("inviteMail.team.lead")}</p>
      <ul className="plain-list">
        {rows.map((r) => (
          <TeamRowInvite key={r.rowId} projectId={projectId} row={r} defaultLanguage={defaultLanguage} />
        ))}
      </ul>
    </details>
  );
}

function TeamRowInvite({ projectId, row, defaultLanguage }: { projectId: number; row: TeamRowInviteView; defaultLanguage: Language }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<InviteActionResult>({ key: `team-invite-${row.rowId}` });
  const result = fetcher.data;
  const errors = result?.errors ?? {};
  const base = `team-invite-${row.rowId}`;
  const status = result?.link ? "invited" : row.status;
  return (
    <li className="team-invite" data-testid={`team-invite-${row.rowId}`}>
      <p>
        <bdi className="strong">{row.name}</bdi> · <span dir="ltr">{row.email}</span>
        {status ? <span className={`badge ${status === "member" ? "badge-ok" : ""}`} data-testid={`team-invite-status-${row.rowId}`}> {t(`inviteMail.team.${status}`)}</span> : null}
      </p>
      {status === "member" ? null : (
        <details open={Boolean(result?.error) || undefined}>
          <summary>{t("inviteMail.team.action")}</summary>
          <fetcher.Form method="post" action={`/projects/${projectId}/members`} className="stack team-invite-form" noValidate>
            <input type="hidden" name="intent" value="invite-row" />
            <input type="hidden" name="rowId" value={row.rowId} />
            <div className="team-invite-fields">
              <label className="label" htmlFor={`${base}-name`}>{t("inviteMail.name")}</label>
              <input id={`${base}-name`} name="name" className="input" dir="auto" maxLength={120} defaultValue={row.name} aria-describedby={`${base}-name-error`} />
              <FieldError id={`${base}-name-error`} message={errors.name} />
              <label className="label" htmlFor={`${base}-email`}>{t("auth.email")}</label>
              <input id={`${base}-email`} name="email" type="email" className="input" dir="ltr" maxLength={254} defaultValue={row.email} aria-describedby={`${base}-email-error`} />
              <FieldError id={`${base}-email-error`} message={errors.email} />
              <label className="label" htmlFor={`${base}-role`}>{t("members.role")}</label>
              <select id={`${base}-role`} name="role" className="input" defaultValue={row.role}>
                {PROJECT_ROLES.map((r) => (
                  <option key={r} value={r}>{t(`roles.${r}`)}</option>
                ))}
              </select>
              <label className="label" htmlFor={`${base}-language`}>{t("inviteMail.language")}</label>
              <select id={`${base}-language`} name="language" className="input" defaultValue={defaultLanguage}>
                <option value="fa" lang="fa">{t("languages.fa")}</option>
                <option value="en" lang="en">{t("languages.en")}</option>
              </select>
            </div>
            {result?.error && !Object.keys(errors).length ? <p className="field-error" role="alert">{t(result.error)}</p> : null}
            <button type="submit" className="button primary small" disabled={fetcher.state !== "idle"}>{t("inviteMail.team.send")}</button>
          </fetcher.Form>
          {result?.link ? <InvitationResult result={result} /> : null}
        </details>
      )}
    </li>
  );
}
