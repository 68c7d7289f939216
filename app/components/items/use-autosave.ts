/**
 * Saves a form as the user types: debounced, one request at a time (a newer
 * edit waits for the one in flight instead of aborting it, which would lose the
 * version it produced), with a copy of unsaved text in localStorage so that a
 * reload or a lost connection loses nothing.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { FetcherWithComponents } from "react-router";
import type { StepActionResult } from "#app/domain/step.server.ts";
import { isTextField, takeEarlyInput } from "#app/early-input.ts";

export type SaveStatus = "saved" | "dirty" | "saving" | "invalid" | "conflict" | "offline" | "restored";

const CONTROL_FIELDS = new Set(["intent", "itemId", "rowId", "version", "suggestion", "direction"]);
const DRAFT_PREFIX = "gambegam:draft:";

function entriesOf(form: HTMLFormElement): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of new FormData(form).entries()) if (!CONTROL_FIELDS.has(k) && typeof v === "string") out.push([k, v]);
  return out;
}

export function serializeForm(form: HTMLFormElement): string {
  return JSON.stringify(entriesOf(form));
}

type Draft = { entries: Array<[string, string]>; baseVersion: number; at: string };

function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(DRAFT_PREFIX + key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

/** Whether unsaved text is kept for this form (a row then opens its form at once to offer it back). */
export function hasDraft(key: string): boolean {
  return readDraft(key) !== null;
}

function writeDraft(key: string, draft: Draft | null) {
  try {
    if (draft) window.localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
    else window.localStorage.removeItem(DRAFT_PREFIX + key);
  } catch {
    // Storage full or disabled: the server save still happens.
  }
}

/** Puts saved entries back into a form's controls. */
export function restoreEntries(form: HTMLFormElement, entries: Array<[string, string]>) {
  const byName = new Map<string, string[]>();
  for (const [k, v] of entries) byName.set(k, [...(byName.get(k) ?? []), v]);
  for (const el of Array.from(form.elements) as Array<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) {
    if (!el.name || CONTROL_FIELDS.has(el.name)) continue;
    const values = byName.get(el.name) ?? [];
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) el.checked = values.includes(el.value);
    else if (values[0] !== undefined) el.value = values[0];
  }
}

export function useAutosave({
  fetcher,
  draftKey,
  version,
  autosave = true,
  delayMs = 1000,
  formKey = 0,
}: {
  fetcher: FetcherWithComponents<StepActionResult>;
  draftKey: string;
  /** The version the user's edits are based on. */
  version: number;
  autosave?: boolean;
  delayMs?: number;
  /** Changes when the form is re-rendered with another stored value (it re-reads what is saved). */
  formKey?: number;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const versionRef = useRef(version);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queued = useRef(false);
  const lastSubmitted = useRef<string | null>(null);
  const savedSnapshot = useRef<string | null>(null);
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [restoredAt, setRestoredAt] = useState<string | null>(null);

  useEffect(() => {
    versionRef.current = version;
  }, [version]);

  const submitNow = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    clearTimeout(timer.current);
    if (fetcher.state !== "idle") {
      queued.current = true;
      return;
    }
    const fd = new FormData(form);
    if (fd.has("version")) fd.set("version", String(versionRef.current));
    lastSubmitted.current = serializeForm(form);
    setStatus("saving");
    void fetcher.submit(fd, { method: "post", action: form.getAttribute("action") ?? undefined });
  }, [fetcher]);

  /** Call from onInput/onChange: marks unsaved, keeps a draft, schedules a save. */
  const onEdit = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    const snapshot = serializeForm(form);
    if (snapshot === savedSnapshot.current) {
      writeDraft(draftKey, null);
      setStatus("saved");
      clearTimeout(timer.current);
      return;
    }
    writeDraft(draftKey, { entries: entriesOf(form), baseVersion: versionRef.current, at: new Date().toISOString() });
    setStatus("dirty");
    if (!autosave) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(submitNow, delayMs);
  }, [autosave, delayMs, draftKey, submitNow]);

  // On mount: remember what the server holds, and bring back an unsaved draft.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    // Text typed before the page became interactive is in the fields but not yet
    // known: measure what the server sent (the fields' defaults), then treat the
    // typed text as an edit, so it is kept as a draft and saved.
    const fields = (Array.from(form.elements) as Element[]).filter(isTextField).filter((el) => Boolean(el.name) && !CONTROL_FIELDS.has(el.name));
    for (const el of fields) {
      const early = el.id ? takeEarlyInput(el.id) : undefined;
      if (early !== undefined) el.value = early;
    }
    const typedEarly = fields.filter((el) => el.value !== el.defaultValue);
    const typed = typedEarly.map((el) => el.value);
    typedEarly.forEach((el) => (el.value = el.defaultValue));
    savedSnapshot.current = serializeForm(form);
    typedEarly.forEach((el, i) => (el.value = typed[i]!));
    if (typedEarly.length) {
      // What was just typed is newer than any stored draft.
      onEdit();
      return;
    }
    const draft = readDraft(draftKey);
    if (!draft) return;
    if (JSON.stringify(draft.entries) === savedSnapshot.current) {
      writeDraft(draftKey, null);
      return;
    }
    restoreEntries(form, draft.entries);
    setRestoredAt(draft.at);
    setStatus("restored");
    if (autosave) timer.current = setTimeout(submitNow, delayMs);
    // Only on mount / remount with a new key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftKey, formKey]);

  // A response arrived. (Without autosave the form's owner sends it and reads the answer:
  // this hook then only keeps the draft, and never sends the form by itself.)
  useEffect(() => {
    if (!autosave || fetcher.state !== "idle" || !fetcher.data) return;
    const result = fetcher.data;
    const form = formRef.current;
    if (result.ok) {
      if (typeof result.version === "number") versionRef.current = result.version;
      if (lastSubmitted.current !== null) savedSnapshot.current = lastSubmitted.current;
      const current = form ? serializeForm(form) : null;
      if (current === savedSnapshot.current) {
        writeDraft(draftKey, null);
        setStatus("saved");
      } else {
        setStatus("dirty");
        if (queued.current || autosave) submitNow();
      }
    } else if (result.offline) {
      setStatus("offline");
      clearTimeout(timer.current);
      timer.current = setTimeout(submitNow, 5000);
    } else if (result.conflict) {
      setStatus("conflict");
    } else {
      setStatus("invalid");
    }
    queued.current = false;
  }, [fetcher.state, fetcher.data, draftKey, autosave, submitNow]);

  // Saving paused (e.g. someone else saved this form's item while the user was typing, and the
  // user has not chosen yet): a save already scheduled does not go.
  useEffect(() => {
    if (!autosave) clearTimeout(timer.current);
  }, [autosave]);

  // The request failed without an answer (lost connection): keep the draft, retry later.
  useEffect(() => {
    const retry = () => {
      if (autosave && (status === "offline" || status === "dirty")) submitNow();
    };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [autosave, status, submitNow]);

  const discardDraft = useCallback(() => writeDraft(draftKey, null), [draftKey]);
  const markOffline = useCallback(() => setStatus("offline"), []);

  /** After the user resolves a conflict: base the next save on their version. */
  const rebase = useCallback((newVersion: number) => {
    versionRef.current = newVersion;
  }, []);

  return { formRef, status, onEdit, submitNow, restoredAt, discardDraft, rebase, versionRef, markOffline, setStatus };
}
