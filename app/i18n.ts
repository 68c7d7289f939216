/**
 * One i18n mechanism for every screen: i18next with the two bundled
 * resource files. Methodology wording comes from the pack (fa/en fields).
 */
import { useContext } from "react";
import { I18nContext } from "react-i18next";
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import en from "./locales/en.json";
import fa from "./locales/fa.json";
import type { Language, Localized } from "#methodology/schema.ts";
import { localDigits } from "#methodology/values.ts";

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

const instances = new Map<Language, I18n>();

/**
 * The interface texts in one language: one instance per language for the
 * whole process (server) or page (browser), never one per request. Nothing
 * changes an instance's language; switching language picks the other one.
 */
export function i18nFor(lang: Language): I18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    instances.set(lang, instance);
  }
  return instance;
}

type Translation = { t: I18n["t"]; i18n: I18n };
const bound = new WeakMap<I18n, Translation>();

const REMEMBERED = 5000;

/**
 * i18next's `t` for one instance, remembering what it returned for a key and
 * simple options (strings, numbers, booleans): a page of register rows asks
 * for the same few texts hundreds of times, and each lookup with
 * interpolation cost about 20 µs. Texts never change within an instance.
 */
function rememberingT(i18n: I18n): I18n["t"] {
  const remembered = new Map<string, unknown>();
  const t = i18n.t.bind(i18n) as (key: unknown, options?: unknown) => unknown;
  return ((key: unknown, options?: unknown) => {
    if (typeof key !== "string") return t(key, options);
    let id = key;
    if (options !== undefined) {
      if (typeof options !== "object" || options === null) return t(key, options);
      for (const v of Object.values(options)) {
        if (v !== undefined && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") return t(key, options);
      }
      id = `${key}\u0000${JSON.stringify(options)}`;
    }
    if (remembered.has(id)) return remembered.get(id);
    const text = t(key, options);
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(id, text);
    return text;
  }) as I18n["t"];
}

/**
 * `{ t, i18n }` for the language of the page (the instance root.tsx
 * provides). The same shape as react-i18next's hook without its cost per
 * component: that hook copies the whole i18n instance the first time each
 * component renders, which on a register of 500 rows was a fifth of the
 * server's time for the page. A language switch still re-renders
 * everything: the provided instance, and so the context, changes.
 */
export function useTranslation(): Translation {
  const i18n = useContext(I18nContext)?.i18n ?? i18nFor(DEFAULT_LANGUAGE);
  let translation = bound.get(i18n);
  if (!translation) {
    translation = { t: rememberingT(i18n), i18n };
    bound.set(i18n, translation);
  }
  return translation;
}

/** Picks the user's language from a pack's bilingual text. */
export function loc(text: Localized | undefined | null, lang: Language): string {
  return text ? text[lang] : "";
}

/** Turns a validation message (`key` or `key|{"max":300}`) into one language, its numbers in that language's digits. */
export function translateError(t: TFunction, lang: Language, message: string): string {
  const [key, json] = message.split("|");
  let params: Record<string, string> = {};
  if (json) {
    try {
      params = Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, unknown>).map(([k, v]) => [k, localDigits(String(v), lang)]));
    } catch {
      params = {};
    }
  }
  return t(key!, { ...params, defaultValue: t("validation.invalid") });
}

/** A validation message (`key` or `key|{"max":300}`) in both languages, as the forms show it (for what the server writes or sends). */
export function bothLanguages(message: string): Localized {
  return { fa: translateError(i18nFor("fa").t, "fa", message), en: translateError(i18nFor("en").t, "en", message) };
}
