/**
 * Draws mermaid diagrams on the server for the Word deliverables.
 *
 * - One long-lived headless Chromium per process (Debian's `chromium`, driven
 *   by playwright-core), started in the background when the server starts
 *   (`startDiagramBrowser`, decision 043) or else on first use, and relaunched
 *   if it dies. The server stops it when it stops; Playwright's own signal
 *   handlers are off, so they cannot end the process before the server has.
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
import { labelAxisTicks } from "#app/views/jalali-axis.ts";
import { MERMAID_LOCKED_KEYS } from "#app/views/mermaid-config.ts";
import { CACHE_DEFAULTS, createDiskCache, createMemoryCache } from "./diagram-cache.server.ts";

const RENDERER_VERSION = "6";

/**
 * How big a drawing may be. A definition can ask for any size (hundreds of
 * nodes in a row, very long labels); past these the diagram is the table with
 * a note instead. A picture wider or taller than `side` CSS pixels is
 * illegible on a Word page anyway (it is shrunk to the text width).
 */
export const PICTURE_LIMITS = {
  /** mermaid's own maxTextSize: past it mermaid draws its error message as the picture. */
  definitionChars: 50_000,
  /** mermaid's maxEdges: a layout of a few hundred edges takes mermaid many seconds. */
  edges: 250,
  /** Either side of the drawing, in CSS pixels. */
  side: 10_000,
  svgBytes: 3 * 1024 * 1024,
  /** The PNG (drawn at twice the size when that fits, else at its own size). */
  pngPixels: 16_000_000,
  pngSide: 16_384,
} as const;

export type RenderOptions = { theme?: "neutral" | "default" | "forest" | "base"; primaryColor?: string };
export type RenderedDiagram = { svg: Buffer; png: Buffer; width: number; height: number };
export type RenderResult =
  | { ok: true; diagram: RenderedDiagram; cached: boolean }
  | { ok: false; reason: "unavailable" | "invalid" | "failed" | "too-large"; message: string };
export type DiagramRenderer = {
  render(definition: string, options?: RenderOptions): Promise<RenderResult>;
  /** Rasterises an SVG Gambegam drew itself (a chart): the PNG, at twice its size, with the page's fonts. */
  rasterise(svg: string): Promise<RenderResult>;
  /** Whether a Chromium binary was found (nothing is launched to tell). */
  available(): boolean;
  /** Starts the browser and loads mermaid now, so the first drawing does not wait for them. Never throws. (Tests' stand-in renderers leave it out.) */
  warmUp?(): Promise<{ ok: true; ms: number } | { ok: false; reason: "unavailable" | "failed"; message: string }>;
  close(): Promise<void>;
  stats(): { renders: number; cacheHits: number; launches: number; memoryEntries: number; memoryBytes: number };
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
    // With SVG-text labels mermaid writes a label's entity code (#quot;, #35;) as an HTML entity that
    // SVG text shows as typed ("&quot;"): decoded here as the browser's HTML labels decode it. A
    // textarea reads its content as text (RCDATA), so nothing in a label becomes markup.
    const decoder = document.createElement("textarea");
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.nodeValue ?? "";
      if (n.parentElement?.closest("style") || !/&(?:#\d{1,7}|#x[0-9a-f]{1,6}|quot|amp|lt|gt|apos);/i.test(t)) continue;
      decoder.innerHTML = t;
      n.nodeValue = decoder.value;
    }
    // A label whose first letter is right-to-left (outside any isolate) is laid out right to left,
    // so "پیشنهاد … در CRM" keeps CRM at its end; SVG text takes the drawing's direction otherwise.
    for (const t of Array.from(el.querySelectorAll("text"))) {
      const bare = (t.textContent ?? "").replace(/\u2068[^\u2069]*\u2069/g, "");
      // Only centred labels: for text anchored at its start or end the direction would move it.
      if (getComputedStyle(t).textAnchor !== "middle") continue;
      if (/^[^A-Za-z\u00C0-\u024F\u0370-\u058F\u0590-\u08FF]*[\u0590-\u08FF]/.test(bare)) t.setAttribute("direction", "rtl");
    }
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

export type RendererOptions = {
  chromiumPath?: string | null;
  cacheDir?: string | null;
  cacheMaxEntries?: number;
  cacheMaxBytes?: number;
  memoryEntries?: number;
  memoryBytes?: number;
  timeoutMs?: number;
};

export function createDiagramRenderer(opts: RendererOptions = {}): DiagramRenderer {
  const executable = opts.chromiumPath === undefined ? findChromium() : opts.chromiumPath && fs.existsSync(opts.chromiumPath) ? opts.chromiumPath : null;
  const cacheDir = opts.cacheDir ?? null;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const memory = createMemoryCache({ entries: opts.memoryEntries ?? CACHE_DEFAULTS.memoryEntries, bytes: opts.memoryBytes ?? CACHE_DEFAULTS.memoryBytes });
  const disk = cacheDir ? createDiskCache(cacheDir, { entries: opts.cacheMaxEntries ?? CACHE_DEFAULTS.diskEntries, bytes: opts.cacheMaxBytes ?? CACHE_DEFAULTS.diskBytes }) : null;
  const counters = { renders: 0, cacheHits: 0, launches: 0 };
  let browser: Promise<Browser> | null = null;
  let seq = 0;

  const launch = (): Promise<Browser> => {
    if (!browser) {
      counters.launches++;
      // playwright-core is loaded on the first drawing, not at start-up (it took about 0.4 s).
      browser = import("playwright-core")
        .then(({ chromium }) => chromium.launch({
            executablePath: executable!,
            headless: true,
            args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            // The server decides when to stop (server.js closes the renderer, then exits;
            // Playwright's exit hook still kills the browser if the process ends another way).
            handleSIGINT: false,
            handleSIGTERM: false,
            handleSIGHUP: false,
          }))
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

  const ready = (): Promise<Page> =>
    (page ??= openPage().catch((e) => {
      page = null;
      throw e;
    }));

  async function draw(definition: string, options: RenderOptions & { svg?: boolean }): Promise<RenderResult> {
    let p: Page;
    try {
      p = await ready();
    } catch (e) {
      return { ok: false, reason: "unavailable", message: `Chromium could not be started: ${(e as Error).message.split("\n")[0]}` };
    }
    const themeVariables = options.primaryColor
      ? { primaryColor: "#ffffff", primaryBorderColor: options.primaryColor, lineColor: options.primaryColor, primaryTextColor: "#1f2328", fontFamily: "Vazirmatn, sans-serif" }
      : { fontFamily: "Vazirmatn, sans-serif" };
    const config = {
      startOnLoad: false,
      securityLevel: "strict",
      secure: MERMAID_LOCKED_KEYS,
      theme: options.theme ?? "neutral",
      themeVariables,
      fontFamily: "Vazirmatn, sans-serif",
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      gantt: { useWidth: 1000 },
    };
    const tooLarge = async (what: string): Promise<RenderResult> => {
      // The drawing is not kept in the page until the next one replaces it.
      await p.evaluate(() => void (document.getElementById("host")!.innerHTML = ""));
      return { ok: false, reason: "too-large", message: `the diagram is too large to draw (${what})` };
    };
    const work = async (): Promise<RenderResult> => {
      const result = options.svg ? await p.evaluate(placeInPage, { svg: definition }) : await p.evaluate(renderInPage, { definition, config, id: `m${++seq}` });
      if (!result.ok) return /^Edge limit exceeded/.test(result.message) ? tooLarge(`more than ${PICTURE_LIMITS.edges} links`) : { ok: false, reason: "invalid", message: result.message };
      if (result.width > PICTURE_LIMITS.side || result.height > PICTURE_LIMITS.side) return tooLarge(`${result.width} × ${result.height} px`);
      // A Persian Gantt chart's axis is rewritten in Jalali dates, then placed again for the picture.
      let svg = result.svg;
      const labelled = options.svg ? svg : labelAxisTicks(definition, svg);
      if (labelled !== svg) {
        const placed = await p.evaluate(placeInPage, { svg: labelled });
        if (!placed.ok) return { ok: false, reason: "failed", message: placed.message };
        svg = placed.svg;
      }
      const svgBytes = Buffer.from(svg, "utf8");
      if (svgBytes.length > PICTURE_LIMITS.svgBytes) return tooLarge(`${svgBytes.length} bytes of SVG`);
      const pixels = result.width * result.height;
      const twice = 4 * pixels <= PICTURE_LIMITS.pngPixels && 2 * Math.max(result.width, result.height) <= PICTURE_LIMITS.pngSide;
      if (!twice && pixels > PICTURE_LIMITS.pngPixels) return tooLarge(`${pixels} pixels`);
      const png = await p.locator("#host svg").screenshot({ type: "png", scale: twice ? "device" : "css", timeout: timeoutMs });
      // The PNG's own header, in case the page drew it larger than it said.
      const shot = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
      if (shot.width * shot.height > PICTURE_LIMITS.pngPixels || Math.max(shot.width, shot.height) > PICTURE_LIMITS.pngSide) return tooLarge(`a ${shot.width} × ${shot.height} PNG`);
      return { ok: true, cached: false, diagram: { svg: svgBytes, png, width: result.width, height: result.height } };
    };
    // One deadline for the whole drawing (mermaid's layout, the axis, the picture): past it the page is closed.
    let timer: NodeJS.Timeout | undefined;
    const drawing = work();
    drawing.catch(() => undefined);
    try {
      const result = await Promise.race([drawing, new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)))]);
      if (result === "timeout") {
        await p.close().catch(() => undefined);
        return { ok: false, reason: "failed", message: `drawing took longer than ${timeoutMs} ms` };
      }
      return result;
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
    const inMemory = memory.get(key);
    if (inMemory) disk?.touch(key);
    const hit = inMemory ?? disk?.read(key);
    if (hit) {
      counters.cacheHits++;
      memory.set(key, hit);
      return { ok: true, diagram: hit, cached: true };
    }
    if (!executable) return { ok: false, reason: "unavailable", message: "Chromium is not installed" };
    if (definition.length > PICTURE_LIMITS.definitionChars) return { ok: false, reason: "too-large", message: `the definition is longer than ${PICTURE_LIMITS.definitionChars} characters` };
    counters.renders++;
    const result = await enqueue(definition, options);
    if (result.ok) {
      memory.set(key, result.diagram);
      disk?.write(key, result.diagram);
    }
    return result;
  }

  return {
    available: () => Boolean(executable),
    async warmUp() {
      if (!executable) return { ok: false, reason: "unavailable", message: "Chromium is not installed" };
      const started = Date.now();
      try {
        await ready();
        return { ok: true, ms: Date.now() - started };
      } catch (e) {
        return { ok: false, reason: "failed", message: `Chromium could not be started: ${(e as Error).message.split("\n")[0]}` };
      }
    },
    stats: () => {
      const m = memory.usage();
      return { ...counters, memoryEntries: m.entries, memoryBytes: m.bytes };
    },
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

/**
 * Called by server.js once it listens: starts the diagram browser in the
 * background, so the first document download does not wait the second or two
 * Chromium and mermaid take to start. Nothing waits for it, and without
 * Chromium (or when it cannot start) the server runs on and documents draw
 * their diagrams as tables, as before. `GAMBEGAM_DIAGRAM_BROWSER=on-first-use`
 * starts it at the first drawing instead (the integration tests' servers).
 */
export function startDiagramBrowser(log: (line: string) => void = console.log): Promise<void> {
  if (process.env.GAMBEGAM_DIAGRAM_BROWSER?.trim() === "on-first-use") return Promise.resolve();
  return getDiagramRenderer()
    .warmUp!()
    .then((r) => log(r.ok ? `Diagram browser ready (${(r.ms / 1000).toFixed(1)} s).` : r.reason === "unavailable" ? "No Chromium here: documents will show diagrams as tables." : `${r.message}: documents will show diagrams as tables until it starts.`))
    .catch(() => undefined);
}

/** Stops the diagram browser, if it runs (server.js, on its way out). */
export async function stopDiagramBrowser(): Promise<void> {
  await singleton?.close();
}

/** The process-wide renderer, with its disk cache beside the database. */
export function getDiagramRenderer(): DiagramRenderer {
  if (!singleton) {
    const dbPath = process.env.DATABASE_PATH?.trim() || path.resolve(process.cwd(), "data", "gambegam.sqlite");
    const cacheDir = process.env.GAMBEGAM_CACHE_DIR?.trim() || path.join(path.dirname(dbPath), "cache", "diagrams");
    const megabytes = Number(process.env.GAMBEGAM_CACHE_MAX_MB);
    singleton = createDiagramRenderer({ cacheDir, cacheMaxBytes: Number.isInteger(megabytes) && megabytes > 0 ? megabytes * 1024 * 1024 : undefined });
    const renderer = singleton;
    process.once("beforeExit", () => void renderer.close());
  }
  return singleton;
}
