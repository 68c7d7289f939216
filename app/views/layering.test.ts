/**
 * One direction of imports (decision 022): method (methodology/) → domain
 * (app/domain/) → views (app/views/) → pages (app/routes/, app/components/) and
 * documents (templates/). A lower layer never imports a higher one, and what
 * pages and documents share lives in app/views/. Tests are left out: a test may
 * drive a module through its real callers.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.(ts|tsx)$/;

function filesUnder(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !TEST.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

const ALIASES: Record<string, string> = { "#app/": "app/", "#db/": "db/", "#methodology/": "methodology/", "#templates/": "templates/", "#tests/": "tests/" };

/** The repository paths a file imports (static, re-exported and dynamic), packages left out. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? "";
    const alias = Object.keys(ALIASES).find((a) => spec.startsWith(a));
    if (alias) out.push(ALIASES[alias] + spec.slice(alias.length));
    else if (spec.startsWith(".")) out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
  }
  return out;
}

type Layer = "method" | "domain" | "views" | "pages" | "documents" | "other";
function layerOf(p: string): Layer {
  if (p.startsWith("methodology/")) return "method";
  if (p.startsWith("app/domain/")) return "domain";
  if (p.startsWith("app/views/")) return "views";
  if (p.startsWith("app/routes/") || p.startsWith("app/components/")) return "pages";
  if (p.startsWith("templates/")) return "documents";
  return "other";
}

/** What each layer must not import. */
const FORBIDDEN: Partial<Record<Layer, (target: string) => boolean>> = {
  method: (t) => t.startsWith("app/") || t.startsWith("templates/"),
  domain: (t) => ["views", "pages", "documents"].includes(layerOf(t)),
  views: (t) => ["pages", "documents"].includes(layerOf(t)) || /\.server\.tsx?$/.test(t),
};

/**
 * Imports that break the rule today, each with why it stays. Every entry must
 * still be needed: one that no longer matches an import fails the test.
 */
const KNOWN_EXCEPTIONS: { from: RegExp; to: RegExp; reason: string }[] = [
  {
    from: /^app\/domain\/(deliverables|project-transfer)\.server\.ts$/,
    to: /^templates\/(index|model|figures)\.ts$/,
    reason:
      "the export service (and the project file's document versions, which fingerprint a deliverable as the export does) reads the deliverables' list and calls the document builder: it is the documents' entry point on the server, with the database and the renderer the builder must not touch",
  },
  {
    from: /^app\/domain\/diagram-render\.server\.ts$/,
    to: /^app\/views\/(jalali-axis|mermaid-config)\.ts$/,
    reason: "the server's diagram renderer applies the same mermaid lock and Jalali time axis the browser applies; one copy of each, in app/views",
  },
  {
    from: /^app\/domain\/mail-messages\.ts$/,
    to: /^app\/views\/format\.ts$/,
    reason: "the emails the server sends (decision 046) write dates as the pages do — Jalali with Persian digits in Persian; one copy of the date formatting, in app/views",
  },
];

const LAYERED = ["methodology", "app/domain", "app/views", "app/routes", "app/components", "templates"].flatMap(filesUnder);

describe("the import direction: method → domain → views → pages and documents", () => {
  const violations: string[] = [];
  const used = new Set<number>();
  for (const file of LAYERED) {
    const forbidden = FORBIDDEN[layerOf(file)];
    if (!forbidden) continue;
    for (const target of importsOf(file)) {
      if (!forbidden(target)) continue;
      const i = KNOWN_EXCEPTIONS.findIndex((e) => e.from.test(file) && e.to.test(target));
      if (i >= 0) used.add(i);
      else violations.push(`${file} → ${target}`);
    }
  }

  it("no lower layer imports a higher one", () => {
    expect(violations).toEqual([]);
  });

  it("every known exception is still needed", () => {
    expect(KNOWN_EXCEPTIONS.filter((_, i) => !used.has(i)).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("what pages and documents both import from app/ lives in app/domain or app/views", () => {
    const importedBy = (layer: Layer) => new Set(LAYERED.filter((f) => layerOf(f) === layer).flatMap(importsOf));
    const pages = importedBy("pages");
    const shared = [...importedBy("documents")].filter((t) => pages.has(t) && t.startsWith("app/") && !["domain", "views"].includes(layerOf(t)));
    // Beneath every layer that writes words: the app's string table (i18n) and the names it records for itself (actors).
    expect(shared.filter((t) => !["app/i18n.ts", "app/actors.ts"].includes(t))).toEqual([]);
  });
});
