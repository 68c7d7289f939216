import { useCallback, useEffect, useId, useRef, useState, type RefObject } from "react";
import { useTranslation } from "#app/i18n.ts";
import { loadMermaid } from "#app/components/mermaid.ts";
import { fitScale, fullScreenLayouts, inReadingDirection } from "#app/views/diagram-direction.ts";
import type { Language } from "#methodology/schema.ts";

/** The smallest label a full-screen figure shows, in CSS pixels: readable from the back of a room. */
export const ROOM_LABEL_PX = 18;

export type FigureTable = { columns: string[]; rows: string[][] };

/**
 * Every label of a drawn picture with its size on screen (font size times the
 * scale the picture is shown at): SVG text, and mermaid's labels, which are
 * HTML inside foreignObject.
 */
function smallestLabel(svg: SVGSVGElement): number | null {
  let min = Infinity;
  for (const el of svg.querySelectorAll("text, foreignObject span, foreignObject p")) {
    if (!el.textContent?.trim() || el.querySelector("span, p")) continue;
    const carrier = (el.closest("text") ?? el.closest("foreignObject")) as SVGGraphicsElement | null;
    const ctm = carrier?.getScreenCTM();
    if (!ctm || el.getBoundingClientRect().width === 0) continue;
    min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b));
  }
  return Number.isFinite(min) ? min : null;
}

/**
 * Fits the picture to the screen; when that would leave a label smaller than
 * ROOM_LABEL_PX (a wide process map on a laptop), draws it larger instead and
 * lets the view scroll, so no label is ever too small to read.
 */
function fitToRoom(area: HTMLElement) {
  const svg = area.querySelector("svg");
  if (!svg) return;
  svg.style.removeProperty("width");
  svg.style.removeProperty("height");
  area.classList.remove("scrolls");
  const note = area.parentElement?.querySelector<HTMLElement>(".figure-full-scrolls");
  if (note) note.hidden = true;
  const min = smallestLabel(svg);
  const box = svg.viewBox.baseVal;
  if (!min || min >= ROOM_LABEL_PX || !box || !box.width || !box.height) return;
  const fitted = fitScale(box, { width: area.clientWidth, height: area.clientHeight });
  // A hair over the floor, so rounding never leaves a label just under it.
  const scale = (fitted * ROOM_LABEL_PX * 1.01) / min;
  svg.style.setProperty("width", `${Math.ceil(box.width * scale)}px`, "important");
  svg.style.setProperty("height", `${Math.ceil(box.height * scale)}px`, "important");
  area.classList.add("scrolls");
  // Said, not left to be discovered: the picture cannot fit this screen whole with readable labels.
  if (note) note.hidden = false;
  // A right-to-left page's picture starts at its right edge (a Persian process map flows from there).
  if (document.documentElement.dir === "rtl") area.scrollLeft = area.scrollWidth;
}

/** The picture's viewBox size, read from its markup. */
function boxOf(markup: string): { width: number; height: number } | null {
  const m = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(markup);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

/**
 * Draws a flowchart's other layouts (compact, turned; app/views/diagram-direction.ts)
 * and returns whichever fits `area` at the largest scale, the drawn one included.
 */
async function bestLayout(drawn: string, definitions: string[], area: { width: number; height: number }): Promise<string> {
  let best = drawn;
  const drawnBox = boxOf(drawn);
  let bestScale = drawnBox ? fitScale(drawnBox, area) : 0;
  const mermaid = await loadMermaid();
  for (const [i, d] of definitions.entries()) {
    try {
      const out = await mermaid.render(`figure-full-${Date.now()}-${i}`, d);
      const box = boxOf(out.svg);
      if (box && fitScale(box, area) > bestScale * 1.02) [best, bestScale] = [out.svg, fitScale(box, area)];
    } catch {
      // A layout mermaid cannot draw is skipped; the drawn picture stays.
    }
  }
  return best;
}

/**
 * One button that shows a figure full screen, for the projector: the same
 * picture (server-drawn SVG, or what mermaid drew on the page) fitted to the
 * screen with every label at ROOM_LABEL_PX or more, its title, and its table
 * alternative. A modal dialog (keyboard focus stays in it; Esc closes it and
 * focus returns to the button), asking the browser for its full-screen mode
 * too where it may; leaving that mode closes the view.
 *
 * `svg` is the picture's markup, or a function that reads it when the button
 * is pressed (a picture drawn in the browser); `watch`, when given, shows the
 * button only while that element holds a picture.
 */
export function FullScreenFigure({ title, svg, table, watch, layouts }: { title: string; svg: string | null | (() => string | null); table?: FigureTable | null; watch?: RefObject<HTMLElement | null>; layouts?: () => string[] }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pictureRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const [shown, setShown] = useState<string | null>(null);
  const [available, setAvailable] = useState(!watch);
  const laidOut = useRef<string | null>(null);

  useEffect(() => {
    const el = watch?.current;
    if (!el) return;
    const check = () => setAvailable(Boolean(el.querySelector(".diagram-svg svg")));
    check();
    const observer = new MutationObserver(check);
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [watch]);

  const open = () => {
    const markup = typeof svg === "function" ? svg() : svg;
    if (markup) setShown(markup);
  };

  const close = useCallback(() => {
    if (dialogRef.current?.open) dialogRef.current.close();
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    const area = pictureRef.current;
    if (shown === null || !dialog || !area) return;
    if (!dialog.open) dialog.showModal();
    fitToRoom(area);
    const refit = () => fitToRoom(area);
    const onFullScreen = () => {
      refit();
      // Esc (or the browser's own control) left full-screen mode: the view closes with it.
      if (!document.fullscreenElement && dialog.dataset.fullScreen === "on") close();
    };
    window.addEventListener("resize", refit);
    document.addEventListener("fullscreenchange", onFullScreen);
    if (dialog.requestFullscreen && document.fullscreenEnabled) {
      dialog.requestFullscreen().then(() => void (dialog.dataset.fullScreen = "on"), () => undefined);
    }
    return () => {
      window.removeEventListener("resize", refit);
      document.removeEventListener("fullscreenchange", onFullScreen);
    };
  }, [shown, close]);

  // A flowchart is drawn anew in the layout that best fits the screen (a wide process map turned top to bottom, or compacted).
  useEffect(() => {
    const area = pictureRef.current;
    const definitions = layouts?.() ?? [];
    if (shown === null || !area || definitions.length === 0 || laidOut.current === shown) return;
    let cancelled = false;
    void bestLayout(shown, definitions, { width: area.clientWidth, height: area.clientHeight }).then((best) => {
      if (cancelled) return;
      laidOut.current = best;
      if (best !== shown) setShown(best);
    });
    return () => {
      cancelled = true;
    };
  }, [shown, layouts]);

  const onClose = () => {
    laidOut.current = null;
    if (document.fullscreenElement === dialogRef.current) void document.exitFullscreen().catch(() => undefined);
    setShown(null);
    buttonRef.current?.focus();
  };

  if (!available) return null;
  return (
    <>
      <button ref={buttonRef} type="button" className="button small ghost figure-full-open" onClick={open} aria-haspopup="dialog" aria-label={`${t("figure.fullScreen")}: ${title}`}>
        <span aria-hidden="true" className="figure-full-icon" /> {t("figure.fullScreen")}
      </button>
      {shown !== null ? (
        <dialog ref={dialogRef} className="figure-full" aria-labelledby={headingId} onClose={onClose}>
          <div className="figure-full-bar">
            <h2 id={headingId} dir="auto">{title}</h2>
            <button type="button" className="button" onClick={close} autoFocus>
              {t("figure.close")} <kbd dir="ltr">Esc</kbd>
            </button>
          </div>
          {/* Pictures are laid out left to right whatever the page's direction (their text carries its own). */}
          <p className="figure-full-scrolls" data-testid="figure-full-scrolls" hidden>
            {t("figure.scrolls")}
          </p>
          <div ref={pictureRef} className="figure-full-picture" role="img" aria-label={title} dangerouslySetInnerHTML={{ __html: shown }} />
          {table && table.rows.length ? (
            <details className="diagram-table" onToggle={() => pictureRef.current && fitToRoom(pictureRef.current)}>
              <summary>{t("diagram.asTable")}</summary>
              <div className="table-wrap">
                <table className="data-table">
                  <caption className="visually-hidden">{title}</caption>
                  <thead>
                    <tr>{table.columns.map((c, i) => <th key={i} scope="col" dir="auto">{c}</th>)}</tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row, i) => (
                      <tr key={i}>{row.map((cell, j) => <td key={j} dir="auto">{cell}</td>)}</tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ) : null}
        </dialog>
      ) : null}
    </>
  );
}

/**
 * A picture drawn in the browser by a component this one does not own (the
 * process-map editor's preview): the full-screen button sits under it and
 * reads the preview's SVG when pressed, shown only while there is one.
 */
export function PreviewFullScreen({ title, children }: { title: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  // The map's code (the form's one `definition` field), for drawing it in the layout that fits the screen.
  const layouts = useCallback(() => {
    const code = ref.current?.querySelector<HTMLTextAreaElement>("[name=definition]")?.value ?? "";
    return code.trim() ? fullScreenLayouts(inReadingDirection(code, lang), lang) : [];
  }, [lang]);
  return (
    <div ref={ref} className="preview-full-screen">
      {children}
      <FullScreenFigure title={title} watch={ref} svg={() => ref.current?.querySelector(".diagram-svg")?.innerHTML ?? null} layouts={layouts} />
    </div>
  );
}
