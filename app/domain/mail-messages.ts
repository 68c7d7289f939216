/**
 * The emails Gambegam sends, in both languages (decision 046). Pure: from
 * what a message is about (names already in the recipient's language, the
 * link) to its subject, plain text and simple HTML. Every value is escaped in
 * the HTML and isolated (`<bdi>`) so a Persian name in an English email, or a
 * Latin one in a Persian email, keeps its word order. A Persian email's HTML
 * is right-to-left.
 */
import { formatDate, formatDateTime } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

export type MailContent = { subject: string; text: string; html: string };

type Common = { lang: Language; /** The recipient's name; empty when not known. */ name: string };

/** `comment`: a sent-back phase's reason, quoted under its line. */
export type DigestEntry = { project: string; phase: string; link: string; by: string; at: string; comment?: string };
export type DigestInvitation = { project: string; role: string; who: string; expiresAt: string; link: string };

export type MailInput = Common &
  (
    | { kind: "invitation"; inviter: string; project: string; client: string; role: string; roleDescription: string; link: string; expiresAt: string }
    | { kind: "password-reset"; admin: string; link: string; expiresAt: string }
    | { kind: "signoff-requested"; requester: string; project: string; phase: string; link: string; comment: string }
    | { kind: "signoff-decided"; decision: "approved" | "rejected"; decider: string; project: string; phase: string; link: string; comment: string }
    | { kind: "digest"; date: string; awaitingSignoff: DigestEntry[]; sentBack: DigestEntry[]; invitations: DigestInvitation[]; link: string }
  );

/** Whether a digest for these lists would say anything (nothing is sent when not). */
export function digestHasContent(d: { awaitingSignoff: unknown[]; sentBack: unknown[]; invitations: unknown[] }): boolean {
  return d.awaitingSignoff.length + d.sentBack.length + d.invitations.length > 0;
}

const APP = { fa: "گام‌به‌گام", en: "Gambegam" } as const;

/** The wording, with {placeholders} filled from the message's values. */
const W = {
  en: {
    hello: "Hello {name},",
    helloNoName: "Hello,",
    footer: "Gambegam — CRM implementation, step by step. This email was sent by Gambegam on behalf of {sender}.",
    footerSystem: "Gambegam — CRM implementation, step by step.",
    buttonFallback: "If the button does not open, copy this address into your browser:",
    fromName: "{sender} via Gambegam",
    invitation: {
      subject: "Invitation to the project “{project}” from {inviter}",
      lead: "{inviter} invites you to join the project “{project}” ({client}) in Gambegam as {role}.",
      what: "As {role}: {roleDescription}",
      button: "Accept the invitation",
      expires: "The link works once and is valid until {date}. If you did not expect this invitation, you can ignore this email.",
    },
    "password-reset": {
      subject: "Choose a new password for Gambegam",
      lead: "{admin}, an administrator of Gambegam, made a link for you to choose a new password.",
      button: "Choose a new password",
      expires: "The link works once and is valid until {date}. If you did not ask for it, tell {admin}.",
    },
    "signoff-requested": {
      subject: "Sign-off requested: {phase} — {project}",
      lead: "{requester} asks you to review and sign off the phase “{phase}” of the project “{project}”.",
      comment: "{requester} wrote: {comment}",
      button: "Review the phase",
      after: "You can sign it off, or send it back with a comment.",
    },
    "signoff-decided": {
      subjectApproved: "Signed off: {phase} — {project}",
      subjectRejected: "Sent back: {phase} — {project}",
      leadApproved: "{decider} signed off the phase “{phase}” of the project “{project}”.",
      leadRejected: "{decider} sent the phase “{phase}” of the project “{project}” back.",
      comment: "{decider} wrote: {comment}",
      button: "Open the phase",
    },
    digest: {
      subject: "What awaits you in Gambegam — {date}",
      lead: "This is what awaits you today.",
      awaiting: "Awaiting your sign-off",
      awaitingLine: "“{phase}” — {project} (requested by {by} on {at})",
      sentBack: "Sent back to your team",
      sentBackLine: "“{phase}” — {project} (sent back by {by} on {at})",
      sentBackComment: "{by} wrote: {comment}",
      invitations: "Invitations not yet used",
      invitationLine: "{who} as {role} — {project} (valid until {date})",
      button: "Open Gambegam",
      once: "You receive this summary at most once a day, and only when something awaits you.",
    },
  },
  fa: {
    hello: "{name} گرامی، سلام",
    helloNoName: "سلام،",
    footer: "گام‌به‌گام — پیاده‌سازی CRM، گام به گام. گام‌به‌گام این ایمیل را از طرف {sender} فرستاد.",
    footerSystem: "گام‌به‌گام — پیاده‌سازی CRM، گام به گام.",
    buttonFallback: "اگر دکمه باز نشد، این نشانی را در مرورگر خود بگذارید:",
    fromName: "{sender} در گام‌به‌گام",
    invitation: {
      subject: "دعوت به پروژه «{project}» از طرف {inviter}",
      lead: "{inviter} شما را دعوت می‌کند که با نقش {role} به پروژه «{project}» ({client}) در گام‌به‌گام بپیوندید.",
      what: "{role}: {roleDescription}",
      button: "پذیرفتن دعوت",
      expires: "این پیوند یک بار کار می‌کند و تا {date} معتبر است. اگر چنین دعوتی را انتظار نداشتید، این ایمیل را نادیده بگیرید.",
    },
    "password-reset": {
      subject: "گذرواژه تازه برای گام‌به‌گام",
      lead: "{admin}، مدیر سامانه گام‌به‌گام، برای شما پیوندی ساخت تا گذرواژه تازه‌ای برگزینید.",
      button: "برگزیدن گذرواژه تازه",
      expires: "این پیوند یک بار کار می‌کند و تا {date} معتبر است. اگر آن را نخواسته بودید، به {admin} خبر دهید.",
    },
    "signoff-requested": {
      subject: "درخواست تأیید و امضا: {phase} — {project}",
      lead: "{requester} از شما می‌خواهد فاز «{phase}» از پروژه «{project}» را بررسی و تأیید و امضا کنید.",
      comment: "{requester} نوشت: {comment}",
      button: "بررسی فاز",
      after: "می‌توانید فاز را تأیید و امضا کنید یا با توضیح بازگردانید.",
    },
    "signoff-decided": {
      subjectApproved: "تأیید و امضا شد: {phase} — {project}",
      subjectRejected: "بازگردانده شد: {phase} — {project}",
      leadApproved: "{decider} فاز «{phase}» از پروژه «{project}» را تأیید و امضا کرد.",
      leadRejected: "{decider} فاز «{phase}» از پروژه «{project}» را بازگرداند.",
      comment: "{decider} نوشت: {comment}",
      button: "باز کردن فاز",
    },
    digest: {
      subject: "آنچه در گام‌به‌گام در انتظار شماست — {date}",
      lead: "این‌ها امروز در انتظار شما هستند.",
      awaiting: "در انتظار تأیید و امضای شما",
      awaitingLine: "«{phase}» — {project} ({by} در {at} درخواست تأیید داد)",
      sentBack: "بازگردانده به تیم شما",
      sentBackLine: "«{phase}» — {project} ({by} در {at} بازگرداند)",
      sentBackComment: "{by} نوشت: {comment}",
      invitations: "دعوت‌های به‌کارنرفته",
      invitationLine: "{who} با نقش {role} — {project} (معتبر تا {date})",
      button: "باز کردن گام‌به‌گام",
      once: "این خلاصه را حداکثر روزی یک بار دریافت می‌کنید، و تنها وقتی چیزی در انتظار شماست.",
    },
  },
} as const;

// --- rendering ----------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Drops line breaks and control characters from a value put into a subject or a line. */
const oneLine = (s: string) => s.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, " ").trim();

type Vars = Record<string, string>;

function fillText(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
}

/** The template escaped, each value escaped and isolated in its own direction. */
function fillHtml(template: string, vars: Vars): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      return m ? `<bdi>${escapeHtml(vars[m[1]!] ?? "")}</bdi>` : escapeHtml(part);
    })
    .join("");
}

type Block =
  | { p: string; vars?: Vars; small?: boolean; footer?: boolean }
  | { quote: string; vars?: Vars }
  | { heading: string }
  | { list: Array<{ line: string; vars: Vars; href?: string; /** Quoted under the line, filled from the same values. */ quote?: string }> }
  | { button: string; href: string };

function renderText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ("p" in b) out.push(fillText(b.p, b.vars ?? {}));
    else if ("quote" in b) out.push(fillText(b.quote, b.vars ?? {}).split("\n").map((l) => `> ${l}`).join("\n"));
    else if ("heading" in b) out.push(`${b.heading}\n${"-".repeat(Math.min(40, b.heading.length))}`);
    else if ("list" in b) out.push(b.list.map((i) => `• ${fillText(i.line, i.vars)}${i.quote ? `\n${fillText(i.quote, i.vars).split("\n").map((l) => `  > ${l}`).join("\n")}` : ""}${i.href ? `\n  ${i.href}` : ""}`).join("\n"));
    else out.push(`${b.button}:\n${b.href}`);
  }
  return `${out.join("\n\n")}\n`;
}

const COLOURS = { text: "#1f2933", muted: "#52606d", accent: "#1f5f8b", border: "#d9dee4", page: "#f4f6f8" };

function renderHtml(lang: Language, subject: string, blocks: Block[], fallbackLabel: string): string {
  const dir = lang === "fa" ? "rtl" : "ltr";
  const align = lang === "fa" ? "right" : "left";
  const font = lang === "fa" ? "Vazirmatn, Tahoma, 'Segoe UI', sans-serif" : "'Segoe UI', Helvetica, Arial, sans-serif";
  const body: string[] = [];
  for (const b of blocks) {
    if ("p" in b)
      body.push(
        `<p style="margin:0 0 14px;${b.small ? `font-size:13px;color:${COLOURS.muted};` : ""}${b.footer ? `border-top:1px solid ${COLOURS.border};padding-top:12px;margin-top:20px;` : ""}">${fillHtml(b.p, b.vars ?? {})}</p>`,
      );
    else if ("quote" in b)
      body.push(
        `<blockquote style="margin:0 0 14px;padding:8px 12px;border-${align}:3px solid ${COLOURS.border};color:${COLOURS.muted};white-space:pre-line">${fillHtml(b.quote, b.vars ?? {})}</blockquote>`,
      );
    else if ("heading" in b) body.push(`<h2 style="font-size:16px;margin:18px 0 8px">${escapeHtml(b.heading)}</h2>`);
    else if ("list" in b)
      body.push(
        `<ul style="margin:0 0 14px;padding-${align}:20px">${b.list
          .map((i) => {
            const line = i.href ? `<a href="${escapeHtml(i.href)}" style="color:${COLOURS.accent}">${fillHtml(i.line, i.vars)}</a>` : fillHtml(i.line, i.vars);
            const quote = i.quote ? `<blockquote style="margin:4px 0 0;padding:4px 10px;border-${align}:3px solid ${COLOURS.border};color:${COLOURS.muted};white-space:pre-line">${fillHtml(i.quote, i.vars)}</blockquote>` : "";
            return `<li style="margin:0 0 6px">${line}${quote}</li>`;
          })
          .join("")}</ul>`,
      );
    else {
      body.push(
        `<p style="margin:20px 0 8px"><a href="${escapeHtml(b.href)}" style="display:inline-block;background:${COLOURS.accent};color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(b.button)}</a></p>`,
        // The address itself under the button, for mail programs that do not show it as one.
        `<p style="margin:0 0 18px;font-size:13px;color:${COLOURS.muted}">${escapeHtml(fallbackLabel)}<br><a href="${escapeHtml(b.href)}" dir="ltr" style="color:${COLOURS.accent};word-break:break-all">${escapeHtml(b.href)}</a></p>`,
      );
    }
  }
  return [
    "<!doctype html>",
    `<html lang="${lang}" dir="${dir}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${dir}" style="margin:0;padding:24px 12px;background:${COLOURS.page};color:${COLOURS.text};font-family:${font};font-size:15px;line-height:1.7">`,
    `<div dir="${dir}" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid ${COLOURS.border};border-radius:8px;padding:24px;text-align:${align}">`,
    ...body,
    "</div>",
    "</body></html>",
  ].join("\n");
}

// --- the messages ---------------------------------------------------------------

/** The display name of the sender shown in the recipient's mail program. */
export function senderName(lang: Language, sender: string | null): string {
  return sender ? fillText(W[lang].fromName, { sender: oneLine(sender) }) : APP[lang];
}

/** Subject, text and HTML of one email. `sender`: who the email is sent on behalf of (null: the app itself). */
export function renderMail(input: MailInput, sender: string | null = null): MailContent {
  const lang = input.lang;
  const w = W[lang];
  const date = (iso: string) => formatDate(iso.slice(0, 10), lang);
  const hello: Block = input.name.trim() ? { p: w.hello, vars: { name: oneLine(input.name) } } : { p: w.helloNoName };
  let subject: string;
  let blocks: Block[];
  switch (input.kind) {
    case "invitation": {
      const m = w.invitation;
      const vars = { inviter: oneLine(input.inviter), project: oneLine(input.project), client: oneLine(input.client), role: input.role, roleDescription: input.roleDescription, date: date(input.expiresAt) };
      subject = fillText(m.subject, vars);
      blocks = [hello, { p: m.lead, vars }, { p: m.what, vars }, { button: m.button, href: input.link }, { p: m.expires, vars, small: true }];
      break;
    }
    case "password-reset": {
      const m = w["password-reset"];
      const vars = { admin: oneLine(input.admin), date: formatDateTime(input.expiresAt, lang, "UTC") };
      subject = m.subject;
      blocks = [hello, { p: m.lead, vars }, { button: m.button, href: input.link }, { p: m.expires, vars, small: true }];
      break;
    }
    case "signoff-requested": {
      const m = w["signoff-requested"];
      const vars = { requester: oneLine(input.requester), project: oneLine(input.project), phase: oneLine(input.phase), comment: input.comment };
      subject = fillText(m.subject, vars);
      blocks = [hello, { p: m.lead, vars }, ...(input.comment.trim() ? [{ quote: m.comment, vars }] : []), { button: m.button, href: input.link }, { p: m.after, small: true }];
      break;
    }
    case "signoff-decided": {
      const m = w["signoff-decided"];
      const vars = { decider: oneLine(input.decider), project: oneLine(input.project), phase: oneLine(input.phase), comment: input.comment };
      const approved = input.decision === "approved";
      subject = fillText(approved ? m.subjectApproved : m.subjectRejected, vars);
      blocks = [hello, { p: approved ? m.leadApproved : m.leadRejected, vars }, ...(input.comment.trim() ? [{ quote: m.comment, vars }] : []), { button: m.button, href: input.link }];
      break;
    }
    case "digest": {
      const m = w.digest;
      subject = fillText(m.subject, { date: date(input.date) });
      const at = (iso: string) => date(iso);
      blocks = [hello, { p: m.lead }];
      if (input.awaitingSignoff.length)
        blocks.push({ heading: m.awaiting }, { list: input.awaitingSignoff.map((e) => ({ line: m.awaitingLine, vars: { phase: oneLine(e.phase), project: oneLine(e.project), by: oneLine(e.by), at: at(e.at) }, href: e.link })) });
      if (input.sentBack.length)
        // Each with the sponsor's reason for sending it back, quoted: what the team has to act on.
        blocks.push({ heading: m.sentBack }, { list: input.sentBack.map((e) => ({ line: m.sentBackLine, vars: { phase: oneLine(e.phase), project: oneLine(e.project), by: oneLine(e.by), at: at(e.at), comment: e.comment?.trim() ?? "" }, href: e.link, ...(e.comment?.trim() ? { quote: m.sentBackComment } : {}) })) });
      if (input.invitations.length)
        blocks.push(
          { heading: m.invitations },
          { list: input.invitations.map((i) => ({ line: m.invitationLine, vars: { who: oneLine(i.who), role: i.role, project: oneLine(i.project), date: date(i.expiresAt) }, href: i.link })) },
        );
      blocks.push({ button: m.button, href: input.link }, { p: m.once, small: true });
      break;
    }
  }
  blocks.push({ p: sender ? w.footer : w.footerSystem, vars: sender ? { sender: oneLine(sender) } : {}, small: true, footer: true });
  subject = oneLine(subject);
  return { subject, text: renderText(blocks), html: renderHtml(lang, subject, blocks, w.buttonFallback) };
}
