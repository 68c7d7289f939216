import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import en from "./locales/en.json";
import fa from "./locales/fa.json";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n, i18nFor, useTranslation } from "./i18n.ts";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(tsx?|ts)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("interface texts", () => {
  test("every key exists in both Persian and English", () => {
    const faKeys = new Set(keys(fa));
    const enKeys = new Set(keys(en));
    expect([...enKeys].filter((k) => !faKeys.has(k)), "missing in fa.json").toEqual([]);
    expect([...faKeys].filter((k) => !enKeys.has(k)), "missing in en.json").toEqual([]);
  });

  test("no text is empty, and Persian texts are written in Persian", () => {
    const get = (obj: unknown, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
    for (const key of keys(en)) {
      expect(String(get(en, key)).trim(), `en ${key}`).not.toBe("");
      const faText = String(get(fa, key));
      expect(faText.trim(), `fa ${key}`).not.toBe("");
      if (!["app.switchLanguage", "progress.short"].includes(key)) expect(faText, `fa ${key}`).toMatch(/[\u0600-\u06FF]/);
    }
  });

  test("every key the code asks for exists (static t(\"…\") calls and error keys)", () => {
    const all = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, "")));
    const used = new Set<string>();
    for (const file of [...sourceFiles("app"), ...sourceFiles("methodology")]) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.-]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/"((?:errors|validation)\.[a-zA-Z]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !all.has(k))).toEqual([]);
  });

  test("plurals and interpolation work in both languages", () => {
    expect(createI18n("en").t("home.rolesUnfilled", { count: 1, n: "1", total: "6" })).toBe("1 of the 6 recommended team roles is still unfilled.");
    expect(createI18n("en").t("home.rolesUnfilled", { count: 2, n: "2", total: "6" })).toContain("are still unfilled");
    expect(createI18n("fa").t("home.rolesUnfilled", { count: 2, n: "۲", total: "۶" })).toBe("۲ نقش از ۶ نقش پیشنهادی تیم پروژه هنوز خالی است.");
  });

  test("a component's t gives each key and each set of options its own text, in the provided language, however often it is asked", () => {
    function Counts() {
      const { t, i18n } = useTranslation();
      const line = (count: number) => t("home.rolesUnfilled", { count, n: String(count), total: "6" });
      return createElement("p", null, [i18n.language, line(1), line(2), line(1), line(2), t("register.nextPage"), t("register.nextPage")].join(" | "));
    }
    const render = (lang: "fa" | "en") => renderToString(createElement(I18nextProvider, { i18n: i18nFor(lang) }, createElement(Counts)));
    for (let i = 0; i < 2; i++) {
      expect(render("en")).toContain(
        "en | 1 of the 6 recommended team roles is still unfilled. | 2 of the 6 recommended team roles are still unfilled. | 1 of the 6 recommended team roles is still unfilled. | 2 of the 6 recommended team roles are still unfilled. | Next | Next",
      );
      expect(render("fa")).toContain("fa | ");
      expect(render("fa")).toContain("۲ نقش از ۶ نقش پیشنهادی تیم پروژه هنوز خالی است.".replace("۲", "2").replace("۶", "6"));
      expect(render("fa")).toContain("| بعدی | بعدی");
    }
  });
});
