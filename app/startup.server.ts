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
import { assertMailFrom, mailSettings, mailStartupLine, startDigestTimer } from "#app/domain/mail.server.ts";

export async function prepareServer(options: { seedDemo?: boolean } = {}) {
  const packs = getPacks();
  const db = getDb();
  const demo = options.seedDemo === false ? null : seedDemoIfEmpty(db, { signOffs: process.env.GAMBEGAM_DEMO_SIGNOFFS?.trim() !== "off" });
  let setupCode: { code: string; file: string } | null = null;
  if (adminExists(db)) removeSetupCode();
  else setupCode = ensureSetupCode();
  // The daily digest (decision 046): a timer started with the server, off without SMTP settings unless MAIL_DIGEST=on.
  // A MAIL_FROM that cannot be used stops the start-up here rather than failing every message (review finding 2).
  const mail = mailSettings();
  assertMailFrom(mail);
  const digest = startDigestTimer(getDb, mail);
  const mailLine = mailStartupLine(mail, digest);
  return { packs: packs.packs.map((p) => `${p.id}@${p.version}`), demoProjectId: demo, setupCode, mailLine };
}
