/**
 * Runs once before the server takes requests: checks every methodology pack
 * (a bad definition stops the server with a message naming the item), opens
 * the database (applying migrations), creates the demo project on a fresh
 * database and, while there is no administrator, the one-time set-up code
 * (printed by server.js; decision 016).
 */
import { getDb } from "#db/client.ts";
import { adminExists } from "#app/domain/auth.server.ts";
import { ensureSetupCode, removeSetupCode } from "#app/domain/setup-code.server.ts";
import { seedDemoIfEmpty } from "#db/seed-demo.ts";
import { getPacks } from "#methodology/registry.ts";
import { mailSettings, startDigestTimer } from "#app/domain/mail.server.ts";

export async function prepareServer(options: { seedDemo?: boolean } = {}) {
  const packs = getPacks();
  const db = getDb();
  const demo = options.seedDemo === false ? null : seedDemoIfEmpty(db, { signOffs: process.env.GAMBEGAM_DEMO_SIGNOFFS?.trim() !== "off" });
  let setupCode: { code: string; file: string } | null = null;
  if (adminExists(db)) removeSetupCode();
  else setupCode = ensureSetupCode();
  // The daily digest (decision 046): a timer started with the server, off without SMTP settings unless MAIL_DIGEST=on.
  const mail = mailSettings();
  const digest = startDigestTimer(getDb, mail);
  const mailLine = mail.smtp
    ? `Email: sent through SMTP from ${mail.from}${digest ? `; daily digest at ${String(mail.digestHour).padStart(2, "0")}:00` : ""}.`
    : `Email: no SMTP settings — messages are kept in the outbox (/admin/outbox)${digest ? `; daily digest at ${String(mail.digestHour).padStart(2, "0")}:00` : ""}.`;
  return { packs: packs.packs.map((p) => `${p.id}@${p.version}`), demoProjectId: demo, setupCode, mailLine };
}
