/**
 * The per-response CSP nonce. entry.server.tsx makes one for each document
 * and sends it in the Content-Security-Policy header; <Scripts> and
 * <ScrollRestoration> put it on the inline scripts React Router renders.
 * In the browser it is empty: the scripts already ran.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");

export function useNonce(): string {
  return useContext(NonceContext);
}

/** The policy for HTML documents: scripts only from this origin or with the nonce. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
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
