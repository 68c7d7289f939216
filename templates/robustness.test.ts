/**
 * Whatever people type — control characters, bidi overrides, emoji, very
 * long answers — and however empty the registers, a deliverable is still a
 * valid Word document (a property test over the pure builders).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Packer } from "docx";
import validate from "@ooxml-tools/validate";
import { getPacks } from "#methodology/registry.ts";
import type { Pack, RegisterItem } from "#methodology/schema.ts";
import { DELIVERABLES } from "#templates/index.ts";
import { DEFAULT_BRANDING, type DeliverableInput, type ProjectAnswers } from "#templates/model.ts";
import { cleanText, splitByDirection } from "#templates/text.ts";
import { documentText, malformedParts, xmlParts } from "#tests/setup/docx.ts";

const pack: Pack = getPacks().get("crm-implementation", "1.0.0")!;
const registers = pack.phases.flatMap((p) => p.steps.flatMap((s) => s.items)).filter((i): i is RegisterItem => i.kind === "register");
const textQuestions = pack.phases.flatMap((p) => p.steps.flatMap((s) => s.items)).filter((i) => i.kind === "question" && (i.answer.type === "long-text" || i.answer.type === "short-text")).map((i) => i.id);

/** Strings made of the characters that break documents, mixed with ordinary text. */
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u202E", "\u202D", "\u2066", "\u2069", "\u200F", "\r", "\n", "\t", "😀", "👩‍💼", "&", "<", ">", '"', "]]>", "CRM", "مهرگان", "۱۲۳", " "), maxLength: 300 }),
  fc.constant(""),
);

function input(answers: Map<string, { value: unknown }>, rows: ProjectAnswers["rows"], lang: "fa" | "en", projectName: string): DeliverableInput {
  return {
    lang,
    pack,
    project: { name: projectName, client: projectName, startDate: "2026-10-24", description: projectName },
    data: { answers, rows },
    signOff: null,
    version: 1,
    generatedAt: "2026-11-23T08:00:00.000Z",
    generatedBy: projectName,
    branding: { ...DEFAULT_BRANDING, firmName: projectName },
    figures: {
      "team-structure": { title: projectName, definition: "flowchart LR\n a --> b", image: { kind: "fallback", reason: "unavailable" }, fallback: { columns: ["A"], rows: [[projectName]] } },
    },
  };
}

describe("robustness of the document engine", () => {
  it("cleanText removes what XML cannot carry and bidi overrides, and keeps everything else", () => {
    expect(cleanText("a\u0000b\u202Ec\u2066d\uD800e\r\nf\tg")).toBe("abcde\nf g");
    expect(cleanText("😀 مهرگان CRM")).toBe("😀 مهرگان CRM");
    expect(splitByDirection("نسخه CRM 365 جدید", true)).toEqual([
      { text: "نسخه ", rtl: true },
      { text: "CRM 365", rtl: false },
      { text: " جدید", rtl: true },
    ]);
  });

  it("any text in answers and registers, or none at all, gives well-formed documents in both languages", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(nasty, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom("fa" as const, "en" as const),
        fc.constantFrom(...DELIVERABLES.map((d) => d.id)),
        async (texts, emptyRegisters, lang, id) => {
          const answers = new Map<string, { value: unknown }>();
          textQuestions.forEach((q, i) => answers.set(q, { value: texts[i % texts.length] }));
          const rows = new Map<string, Array<{ id: number; cells: Record<string, string | number | null> }>>();
          if (!emptyRegisters) {
            registers.forEach((reg, r) =>
              rows.set(reg.id, [{ id: r + 1, cells: Object.fromEntries(reg.columns.map((c, i) => [c.id, c.type === "number" || c.type === "scale" || c.type === "ref" ? null : texts[(r + i) % texts.length]!])) }]),
            );
          }
          const doc = DELIVERABLES.find((d) => d.id === id)!.build(input(answers, rows, lang, texts[0]!));
          const buffer = await Packer.toBuffer(doc);
          expect(malformedParts(buffer)).toEqual([]);
          // The project name (the first text) is on the title page exactly as typed, minus what was cleaned.
          expect(documentText(buffer)).toContain(cleanText(texts[0]!).replace(/\n/g, ""));
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);

  it("a 20,000-character answer full of emoji, controls and overrides still passes schema validation", async () => {
    const chunk = "سلام CRM 😀\u202E\u0007 <&> ۱۲۳ 365\n";
    const long = chunk.repeat(Math.ceil(20000 / chunk.length)).slice(0, 20000);
    const answers = new Map<string, { value: unknown }>([["vision.why-crm", { value: long }], ["requirements.high-level-goals", { value: long }]]);
    for (const lang of ["fa", "en"] as const) {
      const buffer = await Packer.toBuffer(DELIVERABLES.find((d) => d.id === "vision-minutes")!.build(input(answers, new Map(), lang, "Test 😀 \u202Eproject")));
      expect(malformedParts(buffer)).toEqual([]);
      expect(await validate(new Uint8Array(buffer), "docx", "Microsoft365")).toEqual([]);
      // Gambegam's own embeddings around a whole unit of the user's words (decision 025) aside, no control survives.
      const text = documentText(buffer).replace(/[\u202A\u202B]([^\u202A-\u202E]*)\u202C[\u200E\u200F]?/g, "$1");
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0008]/);
      expect(text.match(/CRM 😀/g)?.length).toBe(Math.floor(20000 / chunk.length));
    }
  }, 120_000);

  it("numbers the contents' pages for ordinary documents, and leaves numbers to Word for very large ones", async () => {
    const scope = DELIVERABLES.find((d) => d.id === "scope-document")!;
    const rowsOf = (n: number) => new Map([["requirements.register", Array.from({ length: n }, (_, i) => ({ id: i + 1, cells: { requirement: `Requirement ${i + 1}`, priority: "should" } as Record<string, string | number | null> }))]]);
    const small = await Packer.toBuffer(scope.build(input(new Map(), rowsOf(20), "en", "Small")));
    const large = await Packer.toBuffer(scope.build(input(new Map(), rowsOf(400), "en", "Large")));
    const smallXml = xmlParts(small).get("word/document.xml")!;
    const largeXml = xmlParts(large).get("word/document.xml")!;
    // Small: entries carry page numbers (PAGEREF fields with a number worked out).
    expect(smallXml).toMatch(/PAGEREF _Toc\d+ \\h/);
    expect(smallXml).not.toContain("\\n &quot;1-2&quot;");
    // Large: the field asks for no page numbers, and every entry is still there.
    expect(largeXml).toContain("\\n &quot;1-2&quot;");
    expect(largeXml).not.toContain("PAGEREF");
    expect(documentText(large)).toContain("Requirement 400");
  }, 60_000);

  it("puts a wide, low diagram on a landscape page and returns to portrait after it", async () => {
    const scope = DELIVERABLES.find((d) => d.id === "scope-document")!;
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
    const withFigure = (width: number, height: number) => {
      const i = input(new Map(), new Map(), "en", "Orientation");
      i.figures = { roadmap: { title: "Roadmap", definition: "gantt", fallback: { columns: [], rows: [] }, image: { kind: "image", svg: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"/>`), png, width, height } } };
      return Packer.toBuffer(scope.build(i));
    };
    const orientations = (b: Buffer) => [...xmlParts(b).get("word/document.xml")!.matchAll(/w:orient="(\w+)"/g)].map((m) => m[1]);
    expect(orientations(await withFigure(1400, 250))).toEqual(["portrait", "landscape", "portrait"]);
    expect(orientations(await withFigure(500, 400))).toEqual(["portrait"]);
  }, 60_000);
});
