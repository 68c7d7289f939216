import { createContext, useContext } from "react";
import { Scripts, ScrollRestoration } from "react-router";

/**
 * Set by entry.server for one render only: a random mark written just before
 * the framework's scripts, so that the scripts the Content-Security-Policy
 * allows are read from the page's own render (everything after the mark is
 * the framework's) and the mark is then cut out of the page (decision 040).
 * Nothing else renders it; in the browser it is null and nothing is drawn.
 */
export const FrameworkScriptsMark = createContext<string | null>(null);

/** The attribute of the mark's element: `<template data-framework-scripts="…"></template>`. */
export const FRAMEWORK_SCRIPTS_MARK_ATTRIBUTE = "data-framework-scripts";

/**
 * React Router's own scripts: scroll restoration, the router's context, the
 * route modules and the hydration data. The root layout renders them last in
 * the body, after the mark when entry.server set one; entry.server renders
 * them alone (`FrameworkScriptsOnly`) when a page has no single mark, to learn
 * which inline scripts the Content-Security-Policy allows (decision 018): one
 * component for both, so the two cannot differ.
 */
export function FrameworkScripts() {
  const mark = useContext(FrameworkScriptsMark);
  return (
    <>
      {mark ? <template {...{ [FRAMEWORK_SCRIPTS_MARK_ATTRIBUTE]: mark }} /> : null}
      <ScrollRestoration />
      <Scripts />
    </>
  );
}

/** A root layout with nothing but the framework's scripts: no route's content, no user's text as markup. */
export function FrameworkScriptsOnly() {
  return <FrameworkScripts />;
}
