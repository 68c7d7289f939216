/**
 * Issue 20: invite an executive from the team register; the invitation email
 * arrives at this test's SMTP server in the executive's language, and its link
 * works — the account is made through it and lands in the project as
 * executive sponsor. Both ways: a Persian invitation from the English
 * interface, and an English one from the Persian interface.
 */
import { test, expect, type Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { shot, stepOf, switchLanguage, watchConsole } from "./helpers.ts";

// The port playwright.config.ts gives the app as its SMTP server.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 4317) + 1000);

type Received = { to: string[]; mail: ParsedMail };
const received: Received[] = [];
let smtp: SMTPServer;

test.beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function projectWithSponsorRow(page: Page, deliverableLanguage: "fa" | "en", sponsor: { name: string; email: string }): Promise<string> {
  const created = await page.request.post("/projects/new", {
    form: { name: `Invite by email ${deliverableLanguage} ${Date.now()}`, clientOrganisation: "Client Holdings", deliverableLanguage, startDate: "2026-11-23", pack: "crm-implementation@1.0.0" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const projectId = created.headers()["location"]!.split("/").pop()!;
  const r = await page.request.post(stepOf(projectId, "team.members"), {
    form: { intent: "row-add", itemId: "team.members", "c.name": sponsor.name, "c.role": "executive-sponsor", "c.unit": "Board", "c.email": sponsor.email },
  });
  expect(r.status()).toBe(200);
  return projectId;
}

async function inviteRow(page: Page, projectId: string, email: string, language: "fa" | "en") {
  await page.goto(stepOf(projectId, "team.members"));
  const panel = page.getByTestId("team-row-invites");
  await panel.locator("summary").first().click();
  const row = panel.locator(".team-invite").filter({ hasText: email });
  await row.locator("details > summary").click();
  // Carried over from the row: its name, email and role (executive sponsor).
  await expect(row.locator('input[name="email"]')).toHaveValue(email);
  await expect(row.locator('select[name="role"]')).toHaveValue("executive-sponsor");
  await row.locator('select[name="language"]').selectOption(language);
  await row.locator('button[type="submit"]').click();
  await expect(row.getByTestId("invitation-mail")).toBeVisible();
  return row;
}

async function arrived(email: string): Promise<ParsedMail> {
  await expect.poll(() => received.some((m) => m.to.includes(email)), { timeout: 15_000 }).toBe(true);
  return received.find((m) => m.to.includes(email))!.mail;
}

async function joinThroughLink(page: Page, link: string, password: string) {
  const context = await page.context().browser()!.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await context.newPage();
  await invitee.goto(link);
  return { context, invitee, submit: async () => {
    await invitee.locator('input[name="password"]').fill(password);
    await invitee.locator('input[name="confirm"]').fill(password);
    await invitee.locator("main form button[type=submit]").first().click();
  } };
}

test("a Persian invitation from the English interface: the email is Persian, and its link makes the account as executive sponsor", async ({ page }) => {
  const errors = watchConsole(page);
  const sponsor = { name: "مینا رستمی", email: "mina.rostami@client.example" };
  const projectId = await projectWithSponsorRow(page, "en", sponsor);
  await page.goto(stepOf(projectId, "team.members"));
  await switchLanguage(page, "en");
  const row = await inviteRow(page, projectId, sponsor.email, "fa");
  await expect(row.getByTestId("invitation-mail")).toHaveText(`Emailed to ${sponsor.email}.`);
  await shot(page, "invite-by-email-team-row-en");

  const mail = await arrived(sponsor.email);
  expect(mail.subject).toMatch(/^دعوت به پروژه «Invite by email en \d+» از طرف /);
  expect(String(mail.html)).toContain('<html lang="fa" dir="rtl">');
  expect(mail.text).toContain("مینا رستمی گرامی، سلام");
  expect(mail.text).toContain("با نقش حامی اجرایی");
  const link = /http:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")![0];

  const { context, invitee, submit } = await joinThroughLink(page, link, "mina rostami password");
  await expect(invitee.locator("html")).toHaveAttribute("lang", "fa");
  await expect(invitee.getByTestId("invitation-greeting")).toHaveText("مینا رستمی گرامی، خوش آمدید.");
  await expect(invitee.locator('input[name="email"]')).toHaveValue(sponsor.email);
  await shot(invitee, "invite-by-email-invitation-fa");
  await submit();
  await invitee.waitForURL(new RegExp(`/projects/${projectId}$`));
  await invitee.goto(`/projects/${projectId}/members`);
  await expect(invitee.locator("tr", { hasText: sponsor.name })).toContainText("حامی اجرایی");
  await context.close();

  // Back on the register, the row says the person is a member now.
  await page.reload();
  await page.getByTestId("team-row-invites").locator("summary").first().click();
  await expect(page.getByTestId("team-row-invites").locator(".team-invite", { hasText: sponsor.email })).toContainText("member");
  expect(errors).toEqual([]);
});

test("an English invitation from the Persian interface: the email is English, and its link makes the account as executive sponsor", async ({ page }) => {
  const errors = watchConsole(page);
  const sponsor = { name: "Oliver Grant", email: "oliver.grant@client.example" };
  const projectId = await projectWithSponsorRow(page, "fa", sponsor);
  await page.goto(stepOf(projectId, "team.members"));
  await switchLanguage(page, "fa");
  const row = await inviteRow(page, projectId, sponsor.email, "en");
  await expect(row.getByTestId("invitation-mail")).toHaveText(`به ${sponsor.email} ایمیل شد.`);
  await shot(page, "invite-by-email-team-row-fa");

  const mail = await arrived(sponsor.email);
  expect(mail.subject).toMatch(/^Invitation to the project “Invite by email fa \d+” from /);
  expect(String(mail.html)).toContain('<html lang="en" dir="ltr">');
  expect(mail.text).toContain("Hello Oliver Grant,");
  expect(mail.text).toContain("as Executive sponsor");
  const link = /http:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")![0];

  const { context, invitee, submit } = await joinThroughLink(page, link, "oliver grant password");
  await expect(invitee.locator("html")).toHaveAttribute("lang", "en");
  await expect(invitee.getByTestId("invitation-greeting")).toHaveText("Welcome, Oliver Grant.");
  await shot(invitee, "invite-by-email-invitation-en");
  await submit();
  await invitee.waitForURL(new RegExp(`/projects/${projectId}$`));
  await invitee.goto(`/projects/${projectId}/members`);
  await expect(invitee.locator("tr", { hasText: sponsor.name })).toContainText("Executive sponsor");
  await context.close();
  expect(errors).toEqual([]);
});
