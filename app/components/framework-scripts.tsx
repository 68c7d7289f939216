import { Scripts, ScrollRestoration } from "react-router";

/**
 * React Router's own scripts: scroll restoration, the router's context, the
 * route modules and the hydration data. The root layout renders them, and
 * entry.server renders them alone (`FrameworkScriptsOnly`) to learn which
 * inline scripts the Content-Security-Policy allows (decision 018): one
 * component for both, so the two cannot differ.
 */
export function FrameworkScripts() {
  return (
    <>
      <ScrollRestoration />
      <Scripts />
    </>
  );
}

/** A root layout with nothing but the framework's scripts: no route's content, no user's text as markup. */
export function FrameworkScriptsOnly() {
  return <FrameworkScripts />;
}
