import { MERMAID_LOCKED_KEYS } from "#app/views/mermaid-config.ts";

/** mermaid is large: loaded only in the browser, only when a diagram is on the page. */
type Mermaid = typeof import("mermaid").default;
let mermaidPromise: Promise<Mermaid> | null = null;

export function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import("mermaid").then((m) => {
    m.default.initialize({ startOnLoad: false, securityLevel: "strict", secure: MERMAID_LOCKED_KEYS, theme: "neutral", fontFamily: "Vazirmatn, system-ui, sans-serif" });
    return m.default;
  });
  return mermaidPromise;
}
