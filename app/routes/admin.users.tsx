import { useTranslation } from "#app/i18n.ts";
import { Form, data, useNavigation } from "react-router";
import { eq, count } from "drizzle-orm";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/admin.users";
import { getDb, writeTransaction } from "#db/client.ts";
import { memberships, users } from "#db/schema.ts";
import { deleteUserSessions, listUsers, otherActiveAdmins } from "#app/domain/auth.server.ts";
import { createResetLink } from "#app/domain/members.server.ts";
import { publicOrigin, resetDraft, sendMail } from "#app/domain/mail.server.ts";
import { audit } from "#app/domain/audit.server.ts";
import type { InstallationAuditAction } from "#app/audit-categories.ts";
import { Link } from "#app/components/app-link.tsx";
import { authContext } from "#app/context.ts";
import { positiveId, readForm } from "#app/http.server.ts";
import { LocalTime } from "#app/components/local-time.tsx";
import type { Language } from "#methodology/schema.ts";

export function loader() {
  const db = getDb();
  const projectsOf = new Map(
    db.select({ userId: memberships.userId, n: count() }).from(memberships).groupBy(memberships.userId).all().map((r) => [r.userId, r.n]),
  );
  return {
    users: listUsers(db).map((u) => ({
      id: u.id,
      name: u.displayName,
      email: u.email,
      isAdmin: u.isAdmin,
      disabled: u.disabled,
      isDemo: u.isDemo,
      lastLoginAt: u.lastLoginAt,
      projects: projectsOf.get(u.id) ?? 0,
    })),
  };
}

const adminForm = z.object({ intent: z.enum(["disable", "enable", "make-admin", "remove-admin", "reset-link"]), userId: positiveId });

export async function action({ request, context }: Route.ActionArgs) {
  const db = getDb();
  const me = context.get(authContext).user!;
  const parsed = adminForm.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: "errors.badForm", link: null, userId: null }, { status: 400 });
  const { intent, userId } = parsed.data;
  const target = db.select().from(users).where(eq(users.id, userId)).get();
  if (!target) return data({ error: "admin.errors.noUser", link: null, userId }, { status: 404 });
  const stamp = new Date().toISOString();
  const actor = { id: me.id, name: me.displayName };
  // Each change and its entry in the installation's audit log, in one transaction.
  const change = (action: InstallationAuditAction, set: Partial<typeof users.$inferInsert>, before: object, after: object) =>
    writeTransaction(db, (tx) => {
      tx.update(users).set({ ...set, updatedAt: stamp }).where(eq(users.id, userId)).run();
      audit(tx, actor, { projectId: null, action, subject: target.email, before, after }, stamp);
    });
  switch (intent) {
    case "disable":
      if (userId === me.id) return data({ error: "admin.errors.notYourself", link: null, userId }, { status: 409 });
      change("admin.user-disable", { disabled: true }, { disabled: target.disabled }, { disabled: true });
      deleteUserSessions(db, userId);
      return { error: null, link: null, userId };
    case "enable":
      change("admin.user-enable", { disabled: false }, { disabled: target.disabled }, { disabled: false });
      return { error: null, link: null, userId };
    case "make-admin":
      // A demo account's password is published (decision 016): it may never open the administration.
      if (target.isDemo) return data({ error: "admin.errors.demoNotAdmin", link: null, userId }, { status: 409 });
      change("admin.user-make-admin", { isAdmin: true }, { isAdmin: target.isAdmin }, { isAdmin: true });
      return { error: null, link: null, userId };
    case "remove-admin":
      if (otherActiveAdmins(db, userId) === 0) return data({ error: "admin.errors.lastAdmin", link: null, userId }, { status: 409 });
      change("admin.user-remove-admin", { isAdmin: false }, { isAdmin: target.isAdmin }, { isAdmin: false });
      return { error: null, link: null, userId };
    case "reset-link": {
      const { token, expiresAt } = createResetLink(db, actor, userId);
      // The link itself is never written down: only that one was made, and until when.
      audit(db, actor, { projectId: null, action: "admin.user-reset-link", subject: target.email, after: { expiresAt } }, stamp);
      const link = `${publicOrigin(request)}/reset/${token}`;
      // Emailed to the person as well (decision 046); the link is shown either way.
      const [delivery] = await sendMail(db, [resetDraft(db, { user: target, admin: me.displayName, link, expiresAt })]);
      return { error: null, link, userId, mail: delivery ? { status: delivery.status, to: delivery.toEmail } : null };
    }
  }
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("admin.users")]);
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state !== "idle";
  const result = actionData as { error: string | null; link: string | null; userId: number | null; mail?: { status: "sent" | "failed" | "not-sent"; to: string } | null } | undefined;
  const button = (userId: number, intent: string, label: string, danger = false) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className={`button small${danger ? " danger" : ""}`} disabled={busy}>{label}</button>
    </Form>
  );
  return (
    <main id="main" className="page stack">
      <h1>{t("admin.users")}</h1>
      <p className="lead">{t("admin.lead")}</p>
      <p>
        <Link to="/admin/audit">{t("adminAudit.link")}</Link> · <Link to="/admin/outbox">{t("outbox.link")}</Link> · <Link to="/admin/projects">{t("archive.admin.link")}</Link>
      </p>
      {result?.error ? <p className="banner banner-error" role="alert">{t(result.error)}</p> : null}
      <table className="data-table card">
        <thead>
          <tr>
            <th scope="col">{t("members.person")}</th>
            <th scope="col">{t("admin.kind")}</th>
            <th scope="col">{t("admin.projects")}</th>
            <th scope="col">{t("account.lastLogin")}</th>
            <th scope="col">{t("members.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {loaderData.users.map((u) => (
            <tr key={u.id} className={u.disabled ? "disabled-row" : undefined}>
              <td>
                <bdi>{u.name}</bdi> {u.isDemo ? <span className="badge">{t("projects.demo")}</span> : null}
                <div className="muted small" dir="ltr">{u.email}</div>
              </td>
              <td>
                {u.isAdmin ? t("admin.administrator") : t("account.member")}
                {u.disabled ? <div className="status-missing small">{t("admin.disabled")}</div> : null}
              </td>
              <td>{u.projects.toLocaleString(lang === "fa" ? "fa-IR" : "en-GB")}</td>
              <td>{u.lastLoginAt ? <LocalTime iso={u.lastLoginAt} lang={lang} /> : "—"}</td>
              <td className="action-cell">
                {u.disabled ? button(u.id, "enable", t("admin.enable")) : button(u.id, "disable", t("admin.disable"), true)}
                {u.isAdmin ? button(u.id, "remove-admin", t("admin.removeAdmin")) : u.isDemo ? null : button(u.id, "make-admin", t("admin.makeAdmin"))}
                {button(u.id, "reset-link", t("admin.resetLink"))}
                {result?.link && result.userId === u.id ? (
                  <div className="new-link">
                    {result.mail ? (
                      <p data-testid="reset-mail">
                        {result.mail.status === "sent" ? t("inviteMail.sent", { email: result.mail.to }) : result.mail.status === "failed" ? t("inviteMail.failed", { email: result.mail.to }) : t("inviteMail.notSent", { email: result.mail.to })}
                      </p>
                    ) : null}
                    <label htmlFor={`reset-link-${u.id}`} className="label">{t("admin.resetLink")}</label>
                    <input id={`reset-link-${u.id}`} className="input" dir="ltr" readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} />
                    <p className="muted small">{t("admin.resetLinkNote")}</p>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
