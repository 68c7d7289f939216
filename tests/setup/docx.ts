/**
 * Checks for Word files: unzip the package, test XML well-formedness, and
 * (where LibreOffice is installed) convert to PDF and read the text back.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync, strFromU8, zipSync, strToU8 } from "fflate";
import { XMLValidator } from "fast-xml-parser";

export function unzipDocx(buffer: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(buffer)));
}

export function xmlParts(buffer: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, bytes] of unzipDocx(buffer)) if (/\.(xml|rels)$/.test(name)) out.set(name, strFromU8(bytes));
  return out;
}

/** Names of the XML parts that are not well-formed, with the parser's reason. */
export function malformedParts(buffer: Uint8Array): string[] {
  const bad: string[] = [];
  for (const [name, xml] of xmlParts(buffer)) {
    const result = XMLValidator.validate(xml);
    if (result !== true) bad.push(`${name}: ${result.err.msg} (line ${result.err.line})`);
  }
  return bad;
}

/** A copy of the package with one part replaced (for negative controls). */
export function withPart(buffer: Uint8Array, name: string, content: string): Uint8Array {
  const files = Object.fromEntries(unzipDocx(buffer));
  files[name] = strToU8(content);
  return zipSync(files);
}

/** The text of document.xml, header and footer parts (w:t contents joined). */
export function documentText(buffer: Uint8Array, part = "word/document.xml"): string {
  const xml = xmlParts(buffer).get(part) ?? "";
  const decode = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join("");
}

export function findSoffice(): string | null {
  const candidates = [process.env.SOFFICE_PATH, "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].filter(Boolean) as string[];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

export function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Converts .docx files with LibreOffice headless (one process for all) and returns each PDF's text. */
export function docxToPdfText(files: Record<string, Uint8Array>): Record<string, { text: string; pages: number; pdf: string }> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-pdf-"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-lo-profile-"));
  const inputs = Object.entries(files).map(([name, buf]) => {
    const file = path.join(dir, `${name}.docx`);
    fs.writeFileSync(file, buf);
    return file;
  });
  execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...inputs], { stdio: "ignore", timeout: 240_000 });
  const out: Record<string, { text: string; pages: number; pdf: string }> = {};
  for (const name of Object.keys(files)) {
    const pdf = path.join(dir, `${name}.pdf`);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    out[name] = { text, pages: Number(info.match(/Pages:\s+(\d+)/)?.[1] ?? 0), pdf };
  }
  fs.rmSync(profile, { recursive: true, force: true });
  return out;
}
