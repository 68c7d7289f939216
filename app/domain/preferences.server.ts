/**
 * Per-browser preferences kept in cookies: the interface language and the
 * large (projector) display mode. Both change through POST, never GET.
 */
import { createCookie } from "react-router";
import { DEFAULT_LANGUAGE, isLanguage } from "#app/i18n.ts";
import type { Language } from "#methodology/schema.ts";

const ONE_YEAR = 60 * 60 * 24 * 365;
export const languageCookie = createCookie("gambegam_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: ONE_YEAR });
export const displayCookie = createCookie("gambegam_display", { path: "/", sameSite: "lax", httpOnly: true, maxAge: ONE_YEAR });

function fromAcceptLanguage(header: string | null): Language | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    if (tag.startsWith("fa")) return "fa";
    if (tag.startsWith("en")) return "en";
  }
  return null;
}

/** The language this browser chose with the switch (its cookie), or null. */
export async function chosenLanguage(request: Request): Promise<Language | null> {
  const stored = await languageCookie.parse(request.headers.get("Cookie"));
  return isLanguage(stored) ? stored : null;
}

export type Preferences = {
  lang: Language;
  large: boolean;
  /** The language this browser chose (its cookie), if it chose one: a page with a language of its own yields to it. */
  chosen: Language | null;
};

export async function getPreferences(request: Request): Promise<Preferences> {
  const cookieHeader = request.headers.get("Cookie");
  const stored = await languageCookie.parse(cookieHeader);
  const chosen = isLanguage(stored) ? stored : null;
  const lang = chosen ?? fromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANGUAGE;
  const large = (await displayCookie.parse(cookieHeader)) === "large";
  return { lang, large, chosen };
}
