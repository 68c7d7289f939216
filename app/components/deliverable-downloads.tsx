import { useRef, useState, type FormEvent } from "react";
import { useRevalidator } from "react-router";
import { useTranslation } from "#app/i18n.ts";

/**
 * The download buttons of one Word deliverable, one per language; the first is
 * the primary one. One form that posts, each button sending its language (a
 * download records the document's version, so it is never a link: decision
 * 018); the browser saves the answer as a file and the page stays, with or
 * without JavaScript. With `draftChoice`, a checkbox asks for a draft with the
 * open items shown in place (decision 028); it applies to either button. Its
 * explanation is written once on the page (`draftChoice.hintId`), not per document.
 *
 * With JavaScript the form is sent by fetch (decision 043): while the document
 * is being made (a large one takes seconds) the pressed button says so and every
 * button of the form is disabled, so it cannot be asked for twice; the answer is
 * then saved as the file the server named, and the page's version line is
 * brought up to date.
 */
export function DeliverableDownloads({ projectId, id, label, languages = ["fa", "en"], small = false, draftChoice }: { projectId: number; id: string; label?: string; languages?: ReadonlyArray<"fa" | "en">; small?: boolean; draftChoice?: { hintId: string } }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [making, setMaking] = useState<"fa" | "en" | null>(null);
  const [failed, setFailed] = useState(false);
  // A second click can arrive before React has drawn the disabled buttons.
  const busy = useRef(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    if (busy.current) {
      e.preventDefault();
      return;
    }
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const lang = submitter instanceof HTMLButtonElement ? (submitter.value as "fa" | "en") : null;
    if (!lang || typeof URL.createObjectURL !== "function") return; // the browser posts the form itself
    e.preventDefault();
    busy.current = true;
    setMaking(lang);
    setFailed(false);
    const form = e.currentTarget;
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === "string") body.append(k, v);
    body.set("lang", lang);
    try {
      const response = await fetch(form.action, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      saveFile(await response.blob(), fileNameOf(response.headers.get("Content-Disposition")) ?? `${id}-${lang}.docx`);
      void revalidator.revalidate();
    } catch {
      setFailed(true);
    } finally {
      busy.current = false;
      setMaking(null);
    }
  }

  return (
    <form method="post" action={`/projects/${projectId}/documents/${id}/download`} className="deliverable-download-form" onSubmit={onSubmit} aria-busy={making ? true : undefined}>
      <input type="hidden" name="intent" value="download" />
      {draftChoice ? (
        <p className="draft-choice">
          <label>
            <input type="checkbox" name="draft" value="true" aria-describedby={draftChoice.hintId} /> {t("sendCheck.draft")}
          </label>
        </p>
      ) : null}
      <div className="form-actions deliverable-downloads" role={label ? "group" : undefined} aria-label={label}>
        {label ? <span className="label">{label}</span> : null}
        {languages.map((l, i) => (
          <button key={l} type="submit" name="lang" value={l} className={`button${small ? " small" : ""}${i === 0 ? " primary" : ""}${making === l ? " making" : ""}`} data-lang={l} disabled={making !== null}>
            {making === l ? <span className="making-spinner" aria-hidden="true" /> : null}
            {making === l ? t(`documents.making.${l}`) : t(`documents.download.${l}`)}
          </button>
        ))}
      </div>
      <p className={failed ? "download-status download-failed" : "download-status"} role="status" data-testid="download-status">
        {making ? t("documents.making.wait") : failed ? t("documents.making.failed") : ""}
      </p>
    </form>
  );
}

/** The file name from a Content-Disposition header: the UTF-8 one (RFC 5987) when given, else the plain one. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has the file once the click is handled; the memory is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
