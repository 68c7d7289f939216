/**
 * The one-time set-up code (decision 016). While the installation has no
 * administrator, the server writes a random code to `setup-code.txt` beside
 * the database (mode 0600) and prints it in its terminal at start-up; the
 * set-up page asks for it. Whoever reaches the page first without it gets
 * nothing. The file is the only copy — every server process on the same
 * database reads the same code — and it is removed once set-up succeeds.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath } from "#db/client.ts";

/** No 0/O or 1/I/L, so it can be read off a terminal and typed. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** 20 characters of 31: about 99 bits. */
const LENGTH = 20;

export function setupCodeFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(databasePath(env)), "setup-code.txt");
}

function newCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

/** What someone typed or pasted, compared without case, spaces or dashes. */
export function normaliseSetupCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, "");
}

function readCode(file: string): string | null {
  try {
    const code = fs.readFileSync(file, "utf8").trim();
    return normaliseSetupCode(code).length === LENGTH ? code : null;
  } catch {
    return null;
  }
}

/**
 * The current code, made (and its file written, readable by this account only) when there is none;
 * `created` says this call made it, so that only a new code is printed.
 */
export function ensureSetupCode(file = setupCodeFile()): { code: string; file: string; created: boolean } {
  const existing = readCode(file);
  if (existing) {
    fs.chmodSync(file, 0o600);
    return { code: existing, file, created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const code = newCode();
  try {
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, `${code}\n`, { mode: 0o600, flag: "wx" });
  } catch {
    // Another process on the same database wrote one first: theirs is the code.
    const theirs = readCode(file);
    if (theirs) return { code: theirs, file, created: false };
    throw new Error(`cannot write the set-up code to ${file}`);
  }
  return { code, file, created: true };
}

/** Whether `given` is the code in the file, compared in constant time. */
export function setupCodeMatches(given: string, file = setupCodeFile()): boolean {
  const code = readCode(file);
  if (!code) return false;
  const digest = (s: string) => crypto.createHash("sha256").update(normaliseSetupCode(s)).digest();
  return crypto.timingSafeEqual(digest(given), digest(code));
}

/** Set-up is done: the code is used up. */
export function removeSetupCode(file = setupCodeFile()): void {
  fs.rmSync(file, { force: true });
}
