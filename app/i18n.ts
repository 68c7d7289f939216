/**
 * One i18n mechanism for every screen: i18next with the two bundled
 * resource files. Methodology wording comes from the pack (fa/en fields).
 */
import i18next, { type i18n as I18n } from "i18next";
import en from "./locales/en.json";
import fa from "./locales/fa.json";
import type { Language, Localized } from "#methodology/schema.ts";

export const resources = { en: { translation: en }, fa: { translation: fa } } as const;
export const DEFAULT_LANGUAGE: Language = "fa";

export function isLanguage(value: unknown): value is Language {
  return value === "fa" || value === "en";
}

export function direction(lang: Language): "rtl" | "ltr" {
  return lang === "fa" ? "rtl" : "ltr";
}

export function createI18n(lang: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: false,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** Picks the user's language from a pack's bilingual text. */
export function loc(text: Localized | undefined | null, lang: Language): string {
  return text ? text[lang] : "";
}
