/**
 * Where a wide figure's page is filled: the roadmap's table of stages follows
 * it on its landscape page, and a sub-heading over wide process maps goes with
 * them (not alone at the foot of the page before).
 */
import { describe, expect, it } from "vitest";
import { Packer } from "docx";
import { getPacks } from "#methodology/registry.ts";
import { DELIVERABLES } from "#templates/index.ts";
import { DEFAULT_BRANDING, type DeliverableInput, type Figure } from "#templates/model.ts";
import { xmlParts } from "#tests/setup/docx.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const wide = (title: string): Figure => ({ title, definition: "x", fallback: { columns: [], rows: [] }, image: { kind: "image", svg: null, png: PNG, width: 970, height: 260 } });

function input(lang: "fa" | "en"): DeliverableInput {
  return {
    lang,
    pack,
    project: { name: "Pages", client: "Client", startDate: "2026-10-24", description: "" },
    data: {
      answers: new Map<string, { value: unknown }>([["requirements.current-process-map", { value: { definition: "flowchart LR\n a --> b" } }]]),
      rows: new Map([["goals.roadmap", [{ id: 1, cells: { name: "Stage one of the roadmap", start: "2026-12-22", end: "2027-06-21" } as Record<string, string | number | null> }]]]),
    },
    signOff: null,
    version: 1,
    generatedAt: "2026-11-23T08:00:00.000Z",
    generatedBy: "Test",
    branding: DEFAULT_BRANDING,
    figures: { roadmap: wide("Roadmap"), "requirements.current-process-map": wide("Current process map") },
  };
}

/** The body's sections, each with its orientation and its text. */
async function sections(lang: "fa" | "en") {
  const scope = DELIVERABLES.find((d) => d.id === "scope-document")!;
  const xml = xmlParts(await Packer.toBuffer(scope.build(input(lang)))).get("word/document.xml")!;
  return xml.split(/<w:sectPr\b/).slice(0, -1).map((chunk, i, all) => {
    const next = xml.split(/<w:sectPr\b/)[i + 1]!;
    return { landscape: /w:orient="landscape"/.test(next.split("</w:sectPr>")[0]!), text: [...chunk.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(" ") };
  });
}

describe("a wide figure's landscape page", () => {
  it.each(["en", "fa"] as const)("(%s) the roadmap's table of stages and the process maps' heading share the landscape pages", async (lang) => {
    const landscape = (await sections(lang)).filter((s) => s.landscape).map((s) => s.text).join(" ");
    expect(landscape).toContain("Stage one of the roadmap");
    expect(landscape).toContain(lang === "fa" ? "نقشه‌های فرایند" : "Process maps");
  });
});
