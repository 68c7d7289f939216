/**
 * Every Persian string of the product against the glossary (decision 036):
 * the interface (locales), the method pack (every `fa:` text), the document
 * wording and other Persian literals in code (templates, views, domain
 * messages), and the demo and completed-engagement content. A failure names
 * the file, the key or line, the rejected variant and the accepted term.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { GLOSSARY, glossaryHits } from "./glossary.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const PERSIAN = /[\u0600-\u06FF]/u;

type Text = { where: string; text: string };

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter(keep)
    .sort();
}

/** Persian strings of a YAML or JSON file, each with its line and key path (items and steps by id). */
function structuredTexts(file: string, onlyFa: boolean): Text[] {
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, file), "utf8"), { lineCounter: lines });
  const out: Text[] = [];
  const walk = (node: Node | null | undefined, keys: string[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "?";
        walk(pair.value as Node, [...keys, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((child, i) => {
        const id = isMap(child) ? child.get("id") : undefined;
        walk(child as Node, [...keys, typeof id === "string" ? id : String(i)]);
      });
    } else if (isScalar(node) && typeof node.value === "string" && PERSIAN.test(node.value)) {
      if (onlyFa && keys.at(-1) !== "fa") return;
      const line = node.range ? lines.linePos(node.range[0]).line : 0;
      out.push({ where: `${file}:${line} (${keys.join(".")})`, text: node.value });
    }
  };
  walk(doc.contents as Node, []);
  return out;
}

/** Persian string and template literals of a TypeScript file, each with its line. */
function codeTexts(file: string): Text[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Text[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => `\${…}${s.literal.text}`)].join("");
    else if (ts.isJsxText(node)) text = node.text;
    if (text !== undefined && PERSIAN.test(text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      out.push({ where: `${file}:${line}`, text });
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const notATest = (f: string) => !/\.test\.tsx?$|\.spec\.ts$/.test(f) && !f.includes(".scratch");
const code = (f: string) => /\.(ts|tsx)$/.test(f) && notATest(f);

/** Where the product's Persian lives. The glossary itself (which lists the rejected variants) is left out. */
function persianTexts(): Text[] {
  const packFiles = filesUnder("methodology/packs/crm-implementation", (f) => f.endsWith(".yaml"));
  const codeFiles = [
    ...filesUnder("app", code),
    ...filesUnder("templates", code),
    ...filesUnder("db", code),
    ...filesUnder("methodology", (f) => code(f) && !f.endsWith("glossary.ts")),
    ...filesUnder("tests/fixtures", (f) => code(f) && path.dirname(f) === "tests/fixtures"),
  ];
  return [...structuredTexts("app/locales/fa.json", false), ...packFiles.flatMap((f) => structuredTexts(f, true)), ...codeFiles.flatMap(codeTexts)];
}

describe("the glossary's rejected variants", () => {
  test("catch the variants and leave the correct words alone", () => {
    const concepts = (text: string) => glossaryHits(text).map((h) => h.concept);
    expect(concepts("این فاز توسط حامی اجرایی تأیید شد")).toHaveLength(1);
    // «متوسط» is not the «توسط» passive, but it is refused as a word of its own (one word, «میانه»).
    expect(concepts("فناوری متوسط")).toEqual(["medium (a level) / mid-tech"]);
    expect(concepts("فناوری میانه")).toEqual([]);
    expect(concepts("نام سازمان مشتری")).toEqual(["client (the firm the project is for)"]);
    expect(concepts("امتیاز رضایت مشتری و ریزش مشتری")).toEqual([]);
    expect(concepts("تماس بی‌رضایت مشتری")).toEqual(["consent / permission to contact"]);
    expect(concepts("اهداف را با روش MoSCoW رتبه‌بندی کنید")).toEqual([]);
    expect(concepts("این پروژه از روش «{{pack}}» پیروی می‌کند")).toEqual(["methodology (the method itself)"]);
    expect(concepts("سفارشی‌سازی نرم‌افزار")).toEqual(["customisation"]);
    expect(concepts("مقدار پایه")).toEqual(["baseline"]);
    expect(concepts("سند دامنه")).toEqual(["scope"]);
    expect(concepts("حاشیه سود کم")).toEqual([]);
    expect(concepts("سود")).toEqual(["benefit (criterion)"]);
    expect(concepts("تلاش لازم")).toEqual(["effort"]);
    expect(concepts("دوباره تلاش کنید")).toEqual([]);
    expect(concepts("آن‌ها را به دست آوریم")).toEqual([]);
    expect(concepts("نرخ ثبت‌شده از سوی تیم")).toHaveLength(1);
    expect(concepts("رابطه خیابانی دوطرفه است")).toEqual(["style: calques of English idioms"]);
    expect(concepts("کاربران دورکار")).toEqual(["remote users"]);
    expect(concepts("باز کردن سلامت پروژه")).toEqual(["health check"]);
    expect(concepts("باز کردن پایش سلامت پروژه")).toEqual([]);
    expect(concepts("لیلا تهرانی، تسهیل‌گر")).toEqual(["facilitator"]);
    expect(concepts("برنامه آموزشی و برنامه ارتباطی")).toEqual([]);
    expect(concepts("برنامه آموزش کارکنان")).toEqual(["communication plan / training plan"]);
    expect(concepts("فرصت‌های کم‌زحمت")).toEqual(["effort"]);
    expect(concepts("مزاحمت برای مشتری")).toEqual([]);
    expect(GLOSSARY.every((r) => r.rejected.every((p) => p.flags.includes("g") && p.flags.includes("u")))).toBe(true);
  });

  test("the scan reads the locale, every phase of the pack, the documents' wording and the content", () => {
    const where = persianTexts().map((t) => t.where.split(":")[0] ?? "");
    for (const f of ["app/locales/fa.json", "methodology/packs/crm-implementation/1.0.0/pack.yaml", "templates/strings.ts", "db/demo-content.ts", "db/content/professional.ts", "tests/fixtures/completed-persian.ts", "app/views/planning-views.ts"]) {
      expect(where, f).toContain(f);
    }
    expect(where.filter((f) => f.includes("/phases/")).length).toBeGreaterThan(1000);
  });

  test("no Persian string of the product uses a rejected variant", () => {
    const found = persianTexts().flatMap((t) => glossaryHits(t.text).map((h) => `${t.where}: «${h.variant}» → «${h.accepted}» (${h.concept})`));
    expect(found, `${found.length} rejected variant(s):\n${found.join("\n")}`).toEqual([]);
  });
});
