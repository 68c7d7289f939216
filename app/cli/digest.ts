/**
 * npm run digest [-- --origin https://crm.example.org]
 *
 * Sends the daily digest now (decision 046), as the server's timer does: to
 * every member with something waiting (sign-offs awaiting them, phases they
 * manage sent back, invitations not yet used) who has not had one today.
 * Without SMTP settings the messages are kept in the outbox as not sent.
 */
import { parseArgs } from "node:util";
import { closeDb, getDb } from "#db/client.ts";
import { mailSettings, publicOrigin, runDigest } from "#app/domain/mail.server.ts";

const { values } = parseArgs({ options: { origin: { type: "string" } } });
const settings = mailSettings();
const origin = values.origin?.replace(/\/+$/, "") ?? publicOrigin(null, settings);
const run = await runDigest(getDb(), { origin, settings });
const failed = run.deliveries.filter((d) => d.status === "failed");
console.log(
  `Digest: ${run.sent} message(s) ${settings.smtp ? "sent" : "kept in the outbox (no SMTP settings)"}; ${run.skippedToday} already had today's; ${run.nothingWaiting} with nothing waiting.` +
    (failed.length ? `\n${failed.length} could not be sent: ${failed.map((f) => `${f.toEmail}: ${f.error}`).join("; ")}` : ""),
);
closeDb();
process.exitCode = failed.length ? 1 : 0;
