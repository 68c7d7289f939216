/**
 * The SVG of a diagram goes into the Word file as it is drawn. Whatever a
 * drawing could carry that makes a reader's Word or LibreOffice fetch,
 * link or run something — <image>, <a>, <foreignObject>, <script>, on*
 * handlers, external href / xlink:href, a stylesheet's @import or url() —
 * must not be in the SVG part of the document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8 } from "fflate";
import { XMLParser } from "fast-xml-parser";
import { tempDatabase } from "#tests/setup/db.ts";
import { documentText, unzipDocx } from "#tests/setup/docx.ts";
import { Packer } from "docx";
import { getPacks } from "#methodology/registry.ts";
import { DELIVERABLES } from "#templates/index.ts";
import { DEFAULT_BRANDING, type Figure } from "#templates/model.ts";
import { createDiagramRenderer, findChromium } from "#app/domain/diagram-render.server.ts";
import { STRINGS } from "#templates/strings.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const EVIL = "http://attacker.example";

/** An empty project's scope document carrying these figures. */
const scopeDocumentWith = (lang: "fa" | "en", figures: Record<string, Figure>) =>
  DELIVERABLES.find((d) => d.id === "scope-document")!.build({
    lang,
    pack: getPacks().get("crm-implementation", "1.0.0")!,
    project: { name: "P", client: "C", startDate: "2026-10-24", description: "" },
    data: { answers: new Map(), rows: new Map() },
    signOff: null,
    version: 1,
    generatedAt: "2026-11-23T08:00:00.000Z",
    generatedBy: "T",
    branding: DEFAULT_BRANDING,
    figures,
  });
/** What a hostile or broken drawing could hand over (as a cached file, or from a mermaid bug). */
export const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:x="http://www.w3.org/1999/xlink" width="300" height="120" viewBox="0 0 300 120" onload="alert(1)">
<style>@import url(${EVIL}/a.css); @import "${EVIL}/b.css"; .n { fill: url(${EVIL}/c.png); stroke: url(#grad) } .m { background: u\\72l(${EVIL}/d.png) } @font-face { font-family: X; src: url(${EVIL}/e.woff) }</style>
<?xml-stylesheet href="${EVIL}/pi.css"?>
<defs><linearGradient id="grad"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
<script>fetch("${EVIL}/script")</script>
<script xlink:href="${EVIL}/ext.js"/>
<image href="${EVIL}/image.png" width="10" height="10"/>
<image xlink:href="${EVIL}/image2.png" width="10" height="10"/>
<foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml"><img src="${EVIL}/fo.png"/>html label</div></foreignObject>
<a href="${EVIL}/link" xlink:href="javascript:alert(1)"><g class="node"><rect class="n" width="80" height="30" onclick="alert(2)" onmouseover="alert(3)"/><text x="10" y="20">Customer</text></g></a>
<use x:href="${EVIL}/sprite.svg#s"/><use href="#grad"/>
<rect width="10" height="10" fill="url(${EVIL}/f.png)" style="fill: url(${EVIL}/g.png); filter: url(#grad)"/>
<feImage href="${EVIL}/feimage.png"/>
<set attributeName="href" to="${EVIL}/set"/><animate attributeName="href" values="${EVIL}/anim"/>
<text x="10" y="60">مشتری</text>
</svg>`;

let env: ReturnType<typeof tempDatabase>;
let svgParts: string[] = [];

beforeAll(async () => {
  env = tempDatabase();
  const projectId = seedDeliverableProject(env.db);
  const project = getProject(env.db, projectId)!;
  const renderer = {
    available: () => true,
    close: async () => undefined,
    stats: () => ({ renders: 0, cacheHits: 0, launches: 0, memoryEntries: 0, memoryBytes: 0 }),
    render: async () => ({ ok: true as const, cached: false, diagram: { svg: Buffer.from(HOSTILE_SVG), png: PNG_1PX, width: 300, height: 120 } }),
    rasterise: async () => ({ ok: true as const, cached: false, diagram: { svg: Buffer.from(HOSTILE_SVG), png: PNG_1PX, width: 300, height: 120 } }),
  };
  const file = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, projectId), id: "scope-document", lang: "fa", actor: { id: null, name: "Test" }, renderer });
  svgParts = [...unzipDocx(file.buffer)].filter(([name]) => name.endsWith(".svg")).map(([, bytes]) => strFromU8(bytes));
}, 120_000);
afterAll(() => env.cleanup());

/** Every element name and attribute (name=value) in an SVG, read by an XML parser. */
function inventory(svg: string) {
  const elements: string[] = [];
  const attributes: Array<[string, string]> = [];
  const pis: string[] = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as Array<Record<string, unknown>>) {
      for (const [key, value] of Object.entries(node)) {
        if (key === ":@") for (const [a, v] of Object.entries(value as Record<string, string>)) attributes.push([a.slice(2), String(v)]);
        else if (key.startsWith("?")) pis.push(key);
        else if (key !== "#text" && key !== "#comment") {
          elements.push(key);
          walk(value as unknown[]);
        }
      }
    }
  };
  walk(new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "@_", commentPropName: "#comment" }).parse(svg));
  return { elements, attributes, pis };
}

describe("an SVG picture in a Word file", () => {
  it("has none of the elements, attributes or stylesheet rules that fetch, link or run something", () => {
    expect(svgParts.length).toBeGreaterThan(0);
    for (const svg of svgParts) {
      const { elements, attributes, pis } = inventory(svg);
      for (const bad of ["image", "a", "foreignObject", "script", "feImage", "set", "animate", "div", "img"]) expect(elements).not.toContain(bad);
      expect(pis).toEqual([]);
      expect(attributes.filter(([name]) => /^on/i.test(name))).toEqual([]);
      expect(attributes.filter(([name, value]) => /(^|:)href$/.test(name) && !value.startsWith("#"))).toEqual([]);
      expect(svg).not.toContain("attacker.example");
      expect(svg).not.toMatch(/@import/i);
      expect(svg).not.toMatch(/javascript:/i);
    }
  });

  it("keeps the drawing itself: the labels (Persian too), the shapes inside a link, internal references", () => {
    for (const svg of svgParts) {
      expect(svg).toContain("مشتری");
      expect(svg).toContain(">Customer<");
      expect(svg).toContain('class="n"');
      expect(svg).toContain("url(#grad)");
      expect(svg).toContain('<use href="#grad"');
    }
  });
});

describe("a diagram too large to draw", () => {
  it.each(["fa", "en"] as const)("is the table with a note saying why (%s)", async (lang) => {
    const doc = scopeDocumentWith(lang, { "team-structure": { title: "Team", definition: "flowchart LR\n a --> b", image: { kind: "fallback", reason: "too-large" }, fallback: { columns: ["From"], rows: [["step number 7"]] } } });
    const text = documentText(await Packer.toBuffer(doc));
    expect(text).toContain(STRINGS[lang].diagramFallback["too-large"]);
    expect(text).toContain("step number 7");
  });
});

describe("a real definition whose drawing has links and HTML", () => {
  const hasChromium = Boolean(findChromium());
  it.skipIf(!hasChromium)("gives a Word file whose SVG parts have neither, and still every label", async () => {
    const renderer = createDiagramRenderer({ cacheDir: null });
    try {
      const definitions = {
        "team-structure": `flowchart LR\n  a["مشتری"] --> b["Orders"]\n  click a href "${EVIL}/follow-me" _blank`,
        roadmap: "journey\n  title Onboarding\n  section Sales\n    Qualify lead: 5: Rep",
      };
      const figures: Record<string, Figure> = {};
      for (const [name, definition] of Object.entries(definitions)) {
        const r = await renderer.render(definition);
        if (!r.ok) throw new Error(r.message);
        const raw = r.diagram.svg.toString("utf8");
        // What mermaid drew does hold them: the Word file must not.
        expect(raw).toMatch(name === "roadmap" ? /<foreignObject/ : /<a /);
        figures[name] = { title: name, definition, image: { kind: "image", ...r.diagram }, fallback: { columns: [], rows: [] } };
      }
      const doc = scopeDocumentWith("fa", figures);
      const parts = [...unzipDocx(await Packer.toBuffer(doc))].filter(([n]) => n.endsWith(".svg")).map(([, b]) => strFromU8(b));
      expect(parts).toHaveLength(2);
      for (const svg of parts) {
        const { elements } = inventory(svg);
        expect(elements).not.toContain("a");
        expect(elements).not.toContain("foreignObject");
        expect(svg).not.toContain("attacker.example");
      }
      const all = parts.join("");
      for (const label of ["مشتری", "Orders", "Qualify", "Onboarding"]) expect(all).toContain(label);
    } finally {
      await renderer.close();
    }
  });
});
