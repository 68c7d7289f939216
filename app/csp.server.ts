/**
 * The Content-Security-Policy of HTML documents. Inline scripts are allowed by
 * the SHA-256 of their exact text (CSP hash sources): React Router's own
 * scripts only, worked out in entry.server.tsx from a render of those scripts
 * alone, before the page is rendered, never from the finished page (a script
 * element that reached it with a member's text would be hashed too: decision
 * 018). The policy stays valid when the same page is served again from the
 * page memo (decision 014). No nonce, no 'unsafe-inline' for scripts.
 */
import { createHash } from "node:crypto";

/**
 * The `'sha256-…'` source of every inline script in framework output (never
 * a page with content: see above), in order of
 * first appearance, each once. A script with a `src` is covered by 'self'; an
 * empty one runs nothing and needs no hash. The text hashed is the script's
 * raw content, as the browser hashes it (no entity decoding inside <script>).
 */
export function inlineScriptHashes(html: string | Buffer): string[] {
  // Bytes are read as Latin-1, one character a byte, so that a match's place is
  // its place in the bytes and the script's UTF-8 bytes are hashed as they are,
  // without decoding tens of kB of Persian text (decision 040).
  const bytes = typeof html === "string" ? null : html;
  const text = bytes ? bytes.toString("latin1") : (html as string);
  const hashes = new Set<string>();
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]!) || m[2] === "") continue;
    const start = m.index + `<script${m[1]}>`.length;
    const hash = createHash("sha256");
    if (bytes) hash.update(bytes.subarray(start, start + m[2]!.length));
    else hash.update(m[2]!, "utf8");
    hashes.add(`'sha256-${hash.digest("base64")}'`);
  }
  return [...hashes];
}

/** The policy for an HTML document whose inline scripts have these hash sources. */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(" "),
    // Mermaid's SVG carries its own <style>; React sets style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
