/**
 * Text typed before the page became interactive. React, when it takes over
 * the server-rendered page, puts a textarea's server text back, so what was
 * typed is noted here first (entry.client) and handed to the autosave hook.
 */
const early = new Map<string, string>();

const TEXT_TYPES = new Set(["text", "search", "email", "url", "tel", "number", ""]);

export function isTextField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type));
}

/** Notes every text field whose content differs from what the server sent. */
export function recordEarlyInput(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll("textarea, input"))) {
    if (isTextField(el) && el.id && el.value !== el.defaultValue) early.set(el.id, el.value);
  }
}

/** What was typed early into this field, once. */
export function takeEarlyInput(id: string): string | undefined {
  const value = early.get(id);
  early.delete(id);
  return value;
}
