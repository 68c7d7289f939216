import { describe, expect, it } from "vitest";
import { digestHasContent, renderMail, senderName, type MailInput } from "./mail-messages.ts";

const invitation = (lang: "fa" | "en", extra: Partial<MailInput> = {}): MailInput =>
  ({
    kind: "invitation",
    lang,
    name: "Dr. <b>Rostami</b>",
    inviter: "Sara & Co",
    project: "CRM <script>alert(1)</script>",
    client: "Mehregan",
    role: lang === "fa" ? "حامی اجرایی" : "Executive sponsor",
    roleDescription: "signs",
    link: "https://crm.example/invitations/abc?x=1&y=2",
    expiresAt: "2026-12-12T08:00:00.000Z",
    ...extra,
  }) as MailInput;

describe("the emails", () => {
  it("an English invitation greets the person, names the inviter, project and role, and carries the link in text and HTML", () => {
    const m = renderMail(invitation("en"), "Sara & Co");
    expect(m.subject).toBe("Invitation to the project “CRM <script>alert(1)</script>” from Sara & Co");
    expect(m.text).toContain("Hello Dr. <b>Rostami</b>,");
    expect(m.text).toContain("as Executive sponsor");
    expect(m.text).toContain("https://crm.example/invitations/abc?x=1&y=2");
    expect(m.text).toContain("12 December 2026");
    expect(m.html).toContain('<html lang="en" dir="ltr">');
    expect(m.html).toContain('href="https://crm.example/invitations/abc?x=1&amp;y=2"');
  });

  it("escapes every value in the HTML: no markup from a name or project gets through", () => {
    const m = renderMail(invitation("en"), "Sara & Co");
    expect(m.html).not.toContain("<script>");
    expect(m.html).not.toContain("<b>Rostami");
    expect(m.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(m.html).toContain("<bdi>Sara &amp; Co</bdi>");
  });

  it("a Persian invitation is right-to-left, in Persian, with a Persian (Jalali) date", () => {
    const m = renderMail(invitation("fa", { name: "مینا رستمی", project: "CRM مهرگان" }), "سارا احمدی");
    expect(m.subject).toBe("دعوت به پروژه «CRM مهرگان» از طرف Sara & Co");
    expect(m.html).toContain('<html lang="fa" dir="rtl">');
    expect(m.html).toContain("text-align:right");
    expect(m.text).toContain("مینا رستمی گرامی، سلام");
    expect(m.text).toContain("با نقش حامی اجرایی");
    expect(m.text).toMatch(/۱۴۰۵/);
    expect(m.text).not.toMatch(/2026/);
    expect(m.text).toContain("از طرف سارا احمدی");
  });

  it("a subject starts in its own language's script, so a mail program lays it out in the right direction", () => {
    const en = renderMail(invitation("en", { inviter: "سارا احمدی", project: "پروژه مهرگان" }));
    expect(en.subject).toMatch(/^[A-Za-z]/);
    const fa = renderMail(invitation("fa", { inviter: "Sara Ahmadi", project: "Alder CRM" }));
    expect(fa.subject).toMatch(/^[\u0600-\u06FF]/);
  });

  it("no name: a plain greeting; a line break in a name never reaches the subject", () => {
    const m = renderMail(invitation("en", { name: "", inviter: "Eve\r\nBcc: x@y" }));
    expect(m.text.startsWith("Hello,\n")).toBe(true);
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it("sign-off requested, signed and sent back: both languages, the comment quoted", () => {
    const req = renderMail({ kind: "signoff-requested", lang: "en", name: "Mina", requester: "Sara", project: "P", phase: "Vision", link: "http://x/p", comment: "Please by Friday" });
    expect(req.subject).toBe("Sign-off requested: Vision — P");
    expect(req.text).toContain("> Sara wrote: Please by Friday");
    const back = renderMail({ kind: "signoff-decided", decision: "rejected", lang: "fa", name: "سارا", decider: "مینا", project: "پ", phase: "چشم‌انداز", link: "http://x/p", comment: "هدف‌ها را کمی کنید" });
    expect(back.subject).toBe("بازگردانده شد: چشم‌انداز — پ");
    expect(back.text).toContain("مینا فاز «چشم‌انداز» از پروژه «پ» را بازگرداند.");
    const signed = renderMail({ kind: "signoff-decided", decision: "approved", lang: "en", name: "Sara", decider: "Mina", project: "P", phase: "Vision", link: "http://x/p", comment: "" });
    expect(signed.subject).toBe("Signed off: Vision — P");
    expect(signed.text).not.toContain("wrote:");
  });

  it("a password reset names the administrator and when the link ends", () => {
    const m = renderMail({ kind: "password-reset", lang: "en", name: "Mina", admin: "Ali", link: "http://x/reset/t", expiresAt: "2026-12-06T09:30:00.000Z" });
    expect(m.subject).toBe("Choose a new password for Gambegam");
    expect(m.text).toContain("Ali, an administrator of Gambegam");
    expect(m.text).toContain("http://x/reset/t");
  });

  it("a digest lists only the sections with something in them; an empty digest has no content", () => {
    const lists = { awaitingSignoff: [{ project: "P", phase: "Vision", link: "http://x/1", by: "Sara", at: "2026-12-01T10:00:00Z" }], sentBack: [], invitations: [] };
    expect(digestHasContent(lists)).toBe(true);
    expect(digestHasContent({ awaitingSignoff: [], sentBack: [], invitations: [] })).toBe(false);
    const m = renderMail({ kind: "digest", lang: "en", name: "Mina", date: "2026-12-05", link: "http://x/projects", ...lists });
    expect(m.text).toContain("Awaiting your sign-off");
    expect(m.text).toContain("“Vision” — P (requested by Sara on 1 December 2026)");
    expect(m.text).not.toContain("Sent back");
    expect(m.text).not.toContain("Invitations not yet used");
    const fa = renderMail({ kind: "digest", lang: "fa", name: "مینا", date: "2026-12-05", link: "http://x/projects", ...lists });
    expect(fa.text).toContain("در انتظار تأیید و امضای شما");
  });

  it("a digest's sent-back phase carries the sponsor's reason under its line, in both languages, escaped in the HTML", () => {
    const sentBack = [{ project: "P", phase: "Vision", link: "http://x/1", by: "Farhad", at: "2026-12-01T10:00:00Z", comment: "Goals need <numbers>" }];
    const en = renderMail({ kind: "digest", lang: "en", name: "Mina", date: "2026-12-05", link: "http://x/projects", awaitingSignoff: [], sentBack, invitations: [] });
    expect(en.text).toContain("“Vision” — P (sent back by Farhad on 1 December 2026)\n  > Farhad wrote: Goals need <numbers>");
    expect(en.html).toContain("<bdi>Farhad</bdi> wrote: <bdi>Goals need &lt;numbers&gt;</bdi>");
    const fa = renderMail({ kind: "digest", lang: "fa", name: "مینا", date: "2026-12-05", link: "http://x/projects", awaitingSignoff: [], sentBack: [{ ...sentBack[0]!, by: "فرهاد", comment: "هدف‌ها عدد ندارند" }], invitations: [] });
    expect(fa.text).toContain("> فرهاد نوشت: هدف‌ها عدد ندارند");
    // No reason, no quote.
    const none = renderMail({ kind: "digest", lang: "en", name: "Mina", date: "2026-12-05", link: "http://x/projects", awaitingSignoff: [], sentBack: [{ ...sentBack[0]!, comment: "" }], invitations: [] });
    expect(none.text).not.toContain("wrote:");
    expect(none.html).not.toContain("<blockquote");
  });

  it("the sender's name as the mail program shows it", () => {
    expect(senderName("en", "Sara Ahmadi")).toBe("Sara Ahmadi via Gambegam");
    expect(senderName("fa", null)).toBe("گام‌به‌گام");
  });
});
