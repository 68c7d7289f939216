import { useEffect, useId, useRef, useState } from "react";
import { loc, useTranslation } from "#app/i18n.ts";
import type { DiagramItem, Language } from "#methodology/schema.ts";
import type { DiagramValue } from "#methodology/values.ts";
import { FieldError } from "#app/components/field.tsx";
import { loadMermaid } from "#app/components/mermaid.ts";
import { inReadingDirection } from "#app/views/diagram-direction.ts";
import { localDigits } from "#app/views/format.ts";
import { emptyProcessMap, mermaidToProcessMap, processMapToMermaid, type ProcessMap, type ReadResult } from "#app/domain/process-map.ts";
import { CodeLines, ProcessBuilder } from "./process-builder.tsx";

/**
 * A diagram answer: a process map built as a list (steps, decisions, lanes) and drawn beside it,
 * with its mermaid code in a disclosure — shown line by line, each an isolated left-to-right line,
 * and editable as before. Code the builder cannot show stays editable as code, and the page says
 * why (decision 042). The code, in the form's one `definition` field, is what is saved.
 */
export function DiagramEditor({
  item,
  value,
  id,
  error,
  onEdit,
}: {
  item: DiagramItem;
  value: DiagramValue | null;
  id: string;
  error?: string;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const initial = value?.definition ?? "";
  const [code, setCode] = useState(initial);
  const [read, setRead] = useState<ReadResult>(() => mermaidToProcessMap(initial));
  // The list as the user edits it (a label being typed keeps its spaces; a branch not yet aimed stays).
  const [map, setMap] = useState<ProcessMap | null>(() => (read.ok ? read.map : null));
  const [codeOpen, setCodeOpen] = useState(!read.ok);
  const [svg, setSvg] = useState<string | null>(null);
  const [renderError, setRenderError] = useState<string | null>(null);
  const renderId = `mmd-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const drawnRef = useRef<HTMLDivElement>(null);
  const codeHeading = `${id}-code-heading`;

  const fromCode = (next: string) => {
    setCode(next);
    const r = mermaidToProcessMap(next);
    setRead(r);
    setMap(r.ok ? r.map : null);
    // Code the builder cannot show is edited as code: the box opens.
    if (!r.ok) setCodeOpen(true);
  };

  const fromBuilder = (next: ProcessMap) => {
    const definition = processMapToMermaid(next);
    setMap(next);
    setCode(definition);
    setRead({ ok: true, map: next });
    if (textareaRef.current) textareaRef.current.value = definition;
    onEdit();
  };

  useEffect(() => {
    // A draft kept from an earlier visit is put back into the field after this mounts (by the
    // form's autosave): read it then, so the list and the picture show it too.
    const timer = setTimeout(() => {
      const area = textareaRef.current;
      if (area && area.value !== initial) fromCode(area.value);
    }, 0);
    return () => clearTimeout(timer);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!code.trim()) {
      setSvg(null);
      setRenderError(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const mermaid = await loadMermaid();
        await mermaid.parse(code);
        // The preview reads as the Persian document draws it: a left-to-right map runs right to left.
        const out = await mermaid.render(`${renderId}-${Date.now()}`, inReadingDirection(code, lang));
        if (!cancelled) {
          setSvg(out.svg);
          setRenderError(null);
        }
      } catch (e) {
        if (!cancelled) setRenderError(e instanceof Error ? e.message.split("\n").slice(0, 3).join("\n") : String(e));
      }
    }, map ? 150 : 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [code, renderId, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    // A wide map is not shrunk below 60% of its size (labels stay readable): the preview scrolls,
    // from the map's start (the right in Persian: the box overflows at the page's end side).
    const box = drawnRef.current;
    const width = box?.querySelector("svg")?.viewBox?.baseVal?.width;
    if (box && width) box.style.minInlineSize = `${Math.round(width * 0.6)}px`;
  }, [svg]);

  const applyTemplate = (definition: string) => {
    const area = textareaRef.current;
    if (!area) return;
    if (area.value.trim() && !window.confirm(t("diagram.replaceConfirm"))) return;
    area.value = definition;
    fromCode(definition);
    onEdit();
  };

  const startInBuilder = () => {
    const area = textareaRef.current;
    if (!area) return;
    if (area.value.trim() && !window.confirm(t("processMap.startOverConfirm"))) return;
    fromBuilder(emptyProcessMap());
  };

  const reason = !read.ok ? t(`processMap.unsupported.${read.reason}`, { line: read.line ? localDigits(read.line, lang) : "" }) : "";

  return (
    <div className="diagram-editor">
      <div className="diagram-templates" role="group" aria-label={t("diagram.templates")}>
        <span className="label">{t("diagram.templates")}:</span>
        {item.templates.map((tpl) => (
          <button key={tpl.id} type="button" className="button small ghost" onClick={() => applyTemplate(typeof tpl.definition === "string" ? tpl.definition : tpl.definition[lang])}>
            {loc(tpl.label, lang)}
          </button>
        ))}
      </div>
      <div className="diagram-panes">
        <div className="diagram-builder-pane">
          {map ? (
            <ProcessBuilder map={map} onChange={fromBuilder} idPrefix={id} />
          ) : (
            <div className="process-unsupported" role="status" data-testid="builder-unsupported">
              <p>{t("processMap.unsupportedNote", { reason })}</p>
              <button type="button" className="button small ghost" onClick={startInBuilder}>{t("processMap.startOver")}</button>
            </div>
          )}
        </div>
        <figure className="diagram-preview" aria-live="polite">
          <figcaption className="label">{t("diagram.preview")}</figcaption>
          {renderError ? (
            <p className="field-error">{t("diagram.error")}: <code dir="ltr">{renderError}</code></p>
          ) : svg ? (
            <div ref={drawnRef} className="diagram-svg" data-testid="diagram-drawn" dangerouslySetInnerHTML={{ __html: svg }} />
          ) : (
            <p className="muted">{code.trim() ? t("diagram.rendering") : t("diagram.empty")}</p>
          )}
        </figure>
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <details className="diagram-code" open={codeOpen} onToggle={(e) => setCodeOpen(e.currentTarget.open)}>
        <summary id={codeHeading}>{t("processMap.code")}</summary>
        <p className="field-hint">{t("processMap.codeHint")}</p>
        {code ? <CodeLines code={code} labelledBy={codeHeading} /> : null}
        <div className={`field${error ? " has-error" : ""}`}>
          <label htmlFor={id} className="field-label">{t("diagram.definition")}</label>
          <textarea
            ref={textareaRef}
            id={id}
            name="definition"
            dir="ltr"
            className="input code"
            rows={10}
            spellCheck={false}
            defaultValue={initial}
            onInput={(e) => fromCode(e.currentTarget.value)}
            aria-invalid={!!error || undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <p className="field-hint">{t("diagram.hint")}</p>
        </div>
      </details>
    </div>
  );
}
