import { useEffect, useId, useRef, useState } from "react";
import { loc, useTranslation } from "#app/i18n.ts";
import type { DiagramItem, Language } from "#methodology/schema.ts";
import type { DiagramValue } from "#methodology/values.ts";
import { FieldError } from "#app/components/field.tsx";
import { loadMermaid } from "#app/components/mermaid.ts";
import { inReadingDirection } from "#app/views/diagram-direction.ts";


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
  const [code, setCode] = useState(value?.definition ?? "");
  const [svg, setSvg] = useState<string | null>(null);
  const [renderError, setRenderError] = useState<string | null>(null);
  const renderId = `mmd-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;

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
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [code, renderId, lang]);

  const applyTemplate = (definition: string) => {
    const area = textareaRef.current;
    if (!area) return;
    if (area.value.trim() && !window.confirm(t("diagram.replaceConfirm"))) return;
    area.value = definition;
    setCode(definition);
    onEdit();
  };

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
        <div className={`field${error ? " has-error" : ""}`}>
          <label htmlFor={id} className="field-label">{t("diagram.definition")}</label>
          <textarea
            ref={textareaRef}
            id={id}
            name="definition"
            dir="ltr"
            className="input code"
            rows={12}
            spellCheck={false}
            defaultValue={value?.definition ?? ""}
            onInput={(e) => setCode(e.currentTarget.value)}
            aria-invalid={!!error || undefined}
          />
          <FieldError id={`${id}-error`} message={error} />
          <p className="field-hint">{t("diagram.hint")}</p>
        </div>
        <figure className="diagram-preview" aria-live="polite">
          <figcaption className="label">{t("diagram.preview")}</figcaption>
          {renderError ? (
            <p className="field-error">{t("diagram.error")}: <code dir="ltr">{renderError}</code></p>
          ) : svg ? (
            <div className="diagram-svg" dangerouslySetInnerHTML={{ __html: svg }} />
          ) : (
            <p className="muted">{code.trim() ? t("diagram.rendering") : t("diagram.empty")}</p>
          )}
        </figure>
      </div>
    </div>
  );
}
