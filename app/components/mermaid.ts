import { MERMAID_LOCKED_KEYS } from "#app/views/mermaid-config.ts";

/** mermaid is large: loaded only in the browser, only when a diagram is on the page. */
type Mermaid = typeof import("mermaid").default;
let mermaidPromise: Promise<Mermaid> | null = null;
let largeText: boolean | null = null;

/**
 * Mermaid, set up for the page's text size: large text (the display
 * preference, `html.large`) draws labels a quarter larger, as the page's text is.
 */
export function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import("mermaid").then((m) => m.default);
  return mermaidPromise.then((mermaid) => {
    const large = document.documentElement.classList.contains("large");
    if (large !== largeText) {
      largeText = large;
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", secure: MERMAID_LOCKED_KEYS, theme: "neutral", fontFamily: "Vazirmatn, system-ui, sans-serif", themeVariables: { fontSize: large ? "20px" : "16px" } });
    }
    return mermaid;
  });
}
