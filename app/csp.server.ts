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
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]!) || m[2] === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2]!, "utf8").digest("base64")}'`);
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
