import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes } from "./csp.server.ts";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("inline script hashes", () => {
  test("each inline script's exact text is hashed once; scripts with a src and empty ones are not", () => {
    const page = [
      `<script>window.a = "سلام";</script>`,
      `<script type="module">import "/assets/x.js";</script>`,
      `<script src="/assets/y.js"></script>`,
      `<SCRIPT async src='/z.js'></SCRIPT>`,
      `<script></script>`,
      `<script>window.a = "سلام";</script>`,
    ].join("\n");
    expect(inlineScriptHashes(page)).toEqual([sha(`window.a = "سلام";`), sha(`import "/assets/x.js";`)]);
  });

  test("the page's bytes give the same hashes as its text, Persian and all", () => {
    const page = `<p>سلام</p><script>window.a = "سلام ‌ ی";</script><script type="module">import "/x.js";</script><script src="/y.js"></script>`;
    expect(inlineScriptHashes(Buffer.from(page, "utf8"))).toEqual(inlineScriptHashes(page));
    expect(inlineScriptHashes(Buffer.from(page, "utf8"))[0]).toBe(sha(`window.a = "سلام ‌ ی";`));
  });

  test("a script's text is hashed as written, entities and all, so one changed character is another hash", () => {
    const [a] = inlineScriptHashes(`<script>x("&amp;")</script>`);
    const [b] = inlineScriptHashes(`<script>x("&")</script>`);
    expect(a).toBe(sha(`x("&amp;")`));
    expect(a).not.toBe(b);
  });

  test("the policy allows this origin's scripts and the named inline ones, nothing else", () => {
    const policy = contentSecurityPolicy(["'sha256-abc'", "'sha256-def'"]);
    expect(policy).toContain("script-src 'self' 'sha256-abc' 'sha256-def';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("frame-ancestors 'none'");
  });
});
