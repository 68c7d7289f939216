import { describe, expect, it } from "vitest";
import { i18nFor } from "#app/i18n.ts";
import { stampState } from "#app/components/print-stamp.tsx";

/** The print line's state of a phase, as a handout reader reads it (decision 048). */
describe("the print line's phase state", () => {
  const signed = { at: "2026-11-02T09:00:00.000Z", by: "Dana Osei" };
  it("names who signed a phase and when", () => {
    expect(stampState({ status: "signed", changed: false, signed }, i18nFor("en").t, "en")).toMatch(/^signed off by Dana Osei on .*2026$/);
  });
  it("does not say 'signed' for a phase changed since its sign-off, in either language (as the gate badge on screen)", () => {
    const en = stampState({ status: "signed", changed: true, signed }, i18nFor("en").t, "en");
    expect(en).not.toMatch(/signed off by/);
    expect(en).toBe(i18nFor("en").t("print.stamp.changed"));
    const fa = stampState({ status: "signed", changed: true, signed }, i18nFor("fa").t, "fa");
    expect(fa).not.toContain("امضا کرد");
    expect(fa).toBe(i18nFor("fa").t("print.stamp.changed"));
  });
});
