/**
 * Draws mermaid diagrams on the server for the Word deliverables.
 *
 * - One long-lived headless Chromium per process (Debian's `chromium`, driven
 *   by playwright-core), launched on first use and relaunched if it dies.
 * - No network: every request of the page is refused; mermaid and the
 *   Vazirmatn font are injected from node_modules.
 * - Labels are SVG text (no HTML labels), because Word ignores
 *   <foreignObject>; each diagram is returned as SVG plus a PNG at twice the
 *   size, which Word shows where it cannot draw SVG.
 * - One page keeps mermaid loaded; diagrams are drawn one at a time on it.
 * - Results are cached by a hash of definition + options + mermaid version,
 *   in memory and (optionally) on disk, so a cached diagram needs no browser.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { labelAxisTicks } from "#app/jalali-axis.ts";

const RENDERER_VERSION = "3";

export type RenderOptions = { theme?: "neutral" | "default" | "forest" | "base"; primaryColor?: string };
export type RenderedDiagram = { svg: Buffer; png: Buffer; width: number; height: number };
export type RenderResult =
  | { ok: true; diagram: RenderedDiagram; cached: boolean }
  | { ok: false; reason: "unavailable" | "invalid" | "failed"; message: string };
export type DiagramRenderer = {
  render(definition: string, options?: RenderOptions): Promise<RenderResult>;
  /** Rasterises an SVG Gambegam drew itself (a chart): the PNG, at twice its size, with the page's fonts. */
  rasterise(svg: string): Promise<RenderResult>;
  /** Whether a Chromium binary was found (nothing is launched to tell). */
  available(): boolean;
  close(): Promise<void>;
  stats(): { renders: number; cacheHits: number; launches: number };
};

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p)) ?? null;
}

const require = createRequire(import.meta.url);

function resolveAsset(specifier: string): string {
  try {
    return require.resolve(specifier);
  } catch {
    return path.join(process.cwd(), "node_modules", specifier);
  }
}

let assets: { mermaid: string; fontCss: string; version: string } | null = null;
function pageAssets() {
  if (assets) return assets;
  const mermaidFile = resolveAsset("mermaid/dist/mermaid.min.js");
  const fontFile = path.join(path.dirname(resolveAsset("vazirmatn/package.json")), "fonts", "webfonts", "Vazirmatn-Regular.woff2");
  const version = (JSON.parse(fs.readFileSync(path.join(path.dirname(mermaidFile), "..", "package.json"), "utf8")) as { version: string }).version;
  assets = {
    mermaid: fs.readFileSync(mermaidFile, "utf8"),
    fontCss: `@font-face{font-family:Vazirmatn;src:url(data:font/woff2;base64,${fs.readFileSync(fontFile).toString("base64")}) format("woff2");}body{margin:0;background:#fff;font-family:Vazirmatn,sans-serif}`,
    version,
  };
  return assets;
}

/** The in-page work for a ready-made SVG: place it, wait for the fonts, read its size. Runs in Chromium. */
async function placeInPage(args: { svg: string }) {
  const host = document.getElementById("host")!;
  host.innerHTML = args.svg;
  const el = host.querySelector("svg");
  if (!el) return { ok: false as const, message: "not an SVG" };
  await document.fonts.ready;
  const width = Math.ceil(Number(el.getAttribute("width")) || el.getBoundingClientRect().width);
  const height = Math.ceil(Number(el.getAttribute("height")) || el.getBoundingClientRect().height);
  return { ok: true as const, svg: el.outerHTML, width, height };
}

/** The in-page work: render with mermaid, then measure the SVG. Runs in Chromium. */
async function renderInPage(args: { definition: string; config: Record<string, unknown>; id: string }) {
  const w = window as unknown as { mermaid: { initialize(c: unknown): void; render(id: string, text: string): Promise<{ svg: string }> } };
  w.mermaid.initialize(args.config);
  try {
    await document.fonts.ready;
    const { svg } = await w.mermaid.render(args.id, args.definition);
    const host = document.getElementById("host")!;
    host.innerHTML = svg;
    const el = host.querySelector("svg")!;
    // The natural size is the viewBox's: mermaid sizes the SVG to its container otherwise.
    const view = el.viewBox?.baseVal;
    const width = Math.ceil(view && view.width > 0 ? view.width : el.getBoundingClientRect().width);
    const height = Math.ceil(view && view.height > 0 ? view.height : el.getBoundingClientRect().height);
    el.removeAttribute("style");
    el.style.width = `${width}px`;
    el.style.height = `${height}px`;
    el.setAttribute("width", String(width));
    el.setAttribute("height", String(height));
    return { ok: true as const, svg: el.outerHTML, width, height };
  } catch (e) {
    document.querySelectorAll(`[id^="d${args.id}"], #${args.id}`).forEach((n) => n.remove());
    return { ok: false as const, message: String(e instanceof Error ? e.message : e).split("\n")[0]! };
  }
}

export function createDiagramRenderer(opts: { chromiumPath?: string | null; cacheDir?: string | null; memoryEntries?: number; timeoutMs?: number } = {}): DiagramRenderer {
  const executable = opts.chromiumPath === undefined ? findChromium() : opts.chromiumPath && fs.existsSync(opts.chromiumPath) ? opts.chromiumPath : null;
  const cacheDir = opts.cacheDir ?? null;
  const memoryEntries = opts.memoryEntries ?? 200;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const memory = new Map<string, RenderedDiagram>();
  const counters = { renders: 0, cacheHits: 0, launches: 0 };
  let browser: Promise<Browser> | null = null;
  let seq = 0;

  const remember = (key: string, d: RenderedDiagram) => {
    memory.delete(key);
    memory.set(key, d);
    while (memory.size > memoryEntries) memory.delete(memory.keys().next().value!);
  };

  const fromDisk = (key: string): RenderedDiagram | null => {
    if (!cacheDir) return null;
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(cacheDir, `${key}.json`), "utf8")) as { width: number; height: number };
      return { svg: fs.readFileSync(path.join(cacheDir, `${key}.svg`)), png: fs.readFileSync(path.join(cacheDir, `${key}.png`)), ...meta };
    } catch {
      return null;
    }
  };

  const toDisk = (key: string, d: RenderedDiagram) => {
    if (!cacheDir) return;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      // Data files first, the .json (which marks the entry complete) last; each written then renamed.
      const write = (ext: string, data: Buffer | string) => {
        const tmp = path.join(cacheDir, `${key}.${ext}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, data);
        fs.renameSync(tmp, path.join(cacheDir, `${key}.${ext}`));
      };
      write("svg", d.svg);
      write("png", d.png);
      write("json", JSON.stringify({ width: d.width, height: d.height }));
    } catch {
      // A cache that cannot be written only costs time.
    }
  };

  const launch = (): Promise<Browser> => {
    if (!browser) {
      counters.launches++;
      // playwright-core is loaded on the first drawing, not at start-up (it took about 0.4 s).
      browser = import("playwright-core")
        .then(({ chromium }) => chromium.launch({ executablePath: executable!, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] }))
        .then((b) => {
          b.on("disconnected", () => {
            browser = null;
            page = null;
          });
          return b;
        })
        .catch((e) => {
          browser = null;
          throw e;
        });
    }
    return browser;
  };

  // One page, with mermaid and the font loaded once, draws one diagram at a time.
  let page: Promise<Page> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const openPage = async (): Promise<Page> => {
    const { mermaid, fontCss } = pageAssets();
    const b = await launch();
    const context = await b.newContext({ deviceScaleFactor: 2, viewport: { width: 1600, height: 1200 }, offline: true, serviceWorkers: "block" });
    // Two locks, either enough alone: the context is offline, and every request of any of its
    // pages that is not the page itself (data:, about:) is refused before it is made.
    await context.setOffline(true);
    await context.route("**", (route) => {
      const url = route.request().url();
      return url.startsWith("data:") || url.startsWith("about:") ? route.continue() : route.abort("blockedbyclient");
    });
    const p = await context.newPage();
    await p.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${fontCss}</style></head><body><div id="host" style="display:inline-block;background:#fff"></div></body></html>`);
    await p.addScriptTag({ content: mermaid });
    p.on("close", () => {
      page = null;
      void context.close().catch(() => undefined);
    });
    return p;
  };

  async function draw(definition: string, options: RenderOptions & { svg?: boolean }): Promise<RenderResult> {
    let p: Page;
    try {
      page ??= openPage().catch((e) => {
        page = null;
        throw e;
      });
      p = await page;
    } catch (e) {
      return { ok: false, reason: "unavailable", message: `Chromium could not be started: ${(e as Error).message.split("\n")[0]}` };
    }
    const themeVariables = options.primaryColor
      ? { primaryColor: "#ffffff", primaryBorderColor: options.primaryColor, lineColor: options.primaryColor, primaryTextColor: "#1f2328", fontFamily: "Vazirmatn, sans-serif" }
      : { fontFamily: "Vazirmatn, sans-serif" };
    const config = {
      startOnLoad: false,
      securityLevel: "strict",
      // A definition's %%{init}%% directive may not change these: HTML labels come back as
      // <foreignObject> (which Word drops) and the CSS options reach the diagram's stylesheet
      // unchecked (a url() there is a request).
      secure: ["secure", "securityLevel", "startOnLoad", "maxTextSize", "suppressErrorRendering", "maxEdges", "htmlLabels", "themeCSS", "fontFamily", "altFontFamily", "arrowMarkerAbsolute", "dompurifyConfig"],
      theme: options.theme ?? "neutral",
      themeVariables,
      fontFamily: "Vazirmatn, sans-serif",
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      gantt: { useWidth: 1000 },
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        options.svg ? p.evaluate(placeInPage, { svg: definition }) : p.evaluate(renderInPage, { definition, config, id: `m${++seq}` }),
        new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs))),
      ]);
      if (result === "timeout") {
        await p.close().catch(() => undefined);
        return { ok: false, reason: "failed", message: `drawing took longer than ${timeoutMs} ms` };
      }
      if (!result.ok) return { ok: false, reason: "invalid", message: result.message };
      // A Persian Gantt chart's axis is rewritten in Jalali dates, then placed again for the picture.
      let svg = result.svg;
      const labelled = options.svg ? svg : labelAxisTicks(definition, svg);
      if (labelled !== svg) {
        const placed = await p.evaluate(placeInPage, { svg: labelled });
        if (!placed.ok) return { ok: false, reason: "failed", message: placed.message };
        svg = placed.svg;
      }
      const png = await p.locator("#host svg").screenshot({ type: "png" });
      return { ok: true, cached: false, diagram: { svg: Buffer.from(svg, "utf8"), png, width: result.width, height: result.height } };
    } catch (e) {
      await p.close().catch(() => undefined);
      return { ok: false, reason: "failed", message: (e as Error).message.split("\n")[0]! };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Renders run one after another on the shared page. */
  const enqueue = (definition: string, options: RenderOptions & { svg?: boolean }): Promise<RenderResult> => {
    const next = queue.then(() => draw(definition, options));
    queue = next.catch(() => undefined);
    return next;
  };

  async function cachedDraw(definition: string, options: RenderOptions & { svg?: boolean }): Promise<RenderResult> {
    const key = crypto
      .createHash("sha256")
      .update(JSON.stringify([options.svg ? "svg" : "mermaid", definition, options.theme ?? "neutral", options.primaryColor ?? "", pageAssets().version, RENDERER_VERSION]))
      .digest("hex");
    const hit = memory.get(key) ?? fromDisk(key);
    if (hit) {
      counters.cacheHits++;
      remember(key, hit);
      return { ok: true, diagram: hit, cached: true };
    }
    if (!executable) return { ok: false, reason: "unavailable", message: "Chromium is not installed" };
    counters.renders++;
    const result = await enqueue(definition, options);
    if (result.ok) {
      remember(key, result.diagram);
      toDisk(key, result.diagram);
    }
    return result;
  }

  return {
    available: () => Boolean(executable),
    stats: () => ({ ...counters }),
    render(definition, options = {}) {
      return cachedDraw(definition, options);
    },
    rasterise(svg) {
      return cachedDraw(svg, { svg: true });
    },
    async close() {
      const b = browser;
      browser = null;
      page = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
    },
  };
}

let singleton: DiagramRenderer | null = null;

/** The process-wide renderer, with its disk cache beside the database. */
export function getDiagramRenderer(): DiagramRenderer {
  if (!singleton) {
    const dbPath = process.env.DATABASE_PATH?.trim() || path.resolve(process.cwd(), "data", "gambegam.sqlite");
    const cacheDir = process.env.GAMBEGAM_CACHE_DIR?.trim() || path.join(path.dirname(dbPath), "cache", "diagrams");
    singleton = createDiagramRenderer({ cacheDir });
    const renderer = singleton;
    process.once("beforeExit", () => void renderer.close());
  }
  return singleton;
}
