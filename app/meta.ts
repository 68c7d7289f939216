/**
 * Every page's document title, in the reader's language: the page, then the
 * project when there is one, then Gambegam — "اولویت‌بندی · پیاده‌سازی CRM
 * مهرگان · گام‌به‌گام". Browser tabs, bookmarks and screen readers show it.
 */
import type { MetaDescriptor } from "react-router";
import type { TFunction } from "i18next";
import type { Language, Localized } from "#methodology/schema.ts";
import { i18nFor, loc } from "./i18n.ts";
import { isolateName } from "./views/direction.ts";

type Match = { id: string; data?: unknown } | undefined;
type Part = string | Localized | { name: string } | null | undefined;

/** The reader's language, as the root route worked it out (Persian, the default, when it has not). */
function languageOf(matches: ReadonlyArray<Match>): Language {
  const root = matches.find((m) => m?.id === "root")?.data as { lang?: unknown } | undefined;
  return root?.lang === "en" ? "en" : "fa";
}

/** The project's name, on the pages of a project. */
function projectNameOf(matches: ReadonlyArray<Match>): string | null {
  const project = matches.find((m) => m?.id === "routes/project")?.data as { project?: { name?: unknown } } | undefined;
  return typeof project?.project?.name === "string" ? project.project.name : null;
}

/**
 * The title of a page: `page` gives its own parts (words of the interface
 * through `t`, or the method's words in both languages); the project's name
 * and Gambegam follow. Names people typed (the project's, or one a page
 * passes as `{ name }`) are isolated when they hold letters of the other
 * direction, so a Persian name with a Latin word keeps its word order in an
 * English title and the other way round (issue 20).
 */
export function pageTitle(matches: ReadonlyArray<Match>, page: (t: TFunction) => Part[] = () => []): MetaDescriptor[] {
  const lang = languageOf(matches);
  const { t } = i18nFor(lang);
  const project = projectNameOf(matches);
  const parts = [...page(t), project === null ? null : { name: project }, t("app.name")]
    .map((p) => (p === null || p === undefined ? "" : typeof p === "string" ? p.trim() : "name" in p ? (p.name.trim() ? isolateName(p.name.trim(), lang) : "") : loc(p, lang).trim()))
    .filter(Boolean);
  return [{ title: parts.join(" · ") }];
}
