/**
 * The history page's entries as the reader sees them: each value before and
 * after a change written out as text in the reader's language, on the server.
 *
 * The page used to send every entry's raw stored values to the browser and
 * write them out there: with long answers a page of 100 entries weighed 1.4 MB.
 * A value longer than SHORTEN_AT characters is cut (at a space near the
 * limit) and says how long it is; `?full=<entry id>` shows that entry whole.
 */
import { quoted } from "./quote.ts";
import type { TFunction } from "i18next";
import { loc } from "#app/i18n.ts";
import { characterCount, clip, displayCell, displayValue, type RefOptions } from "#app/views/display.ts";
import { localDigits } from "#app/views/format.ts";
import type { AuditRow } from "#db/schema.ts";
import type { Item, Language, Localized, RegisterItem } from "#methodology/schema.ts";

export const SHORTEN_AT = 280;

/** A value written out: `whole` is its length when `text` is only its beginning. */
export type Shown = { text: string; whole: number | null };

export type HistoryLine = {
  id: number;
  at: string;
  actorName: string;
  /** For an entry imported from a file: where it came from (shown as "imported from …, not verified here"). */
  importedFrom: string | null;
  /** A register row written by a spreadsheet import: the file's name (decision 045). */
  fromSheet: string | null;
  action: string;
  /** What changed: an item's title, a phase, a document… (may be empty). */
  what: string;
  before: Shown | null;
  after: Shown | null;
  /** What the doer did, as the rest of a sentence that starts with their name. */
  predicate: HistoryPredicate;
};

/** A value written out whole, or its beginning (cut at a word) with its whole length. */
export function shorten(text: string, limit = SHORTEN_AT): Shown {
  if (text.length <= limit) return { text, whole: null };
  const length = characterCount(text);
  return length <= limit ? { text, whole: null } : { text: clip(text, limit), whole: length };
}

/** Whether the reader may see this member's email (as on People: whoever manages members, and everyone their own). */
export type EmailShown = (email: string) => boolean;

function valueText(e: AuditRow, v: unknown, item: Item | undefined, lang: Language, t: TFunction, refOptions: RefOptions, emailShown: EmailShown): string {
  if (v === null || v === undefined) return "";
  // A workshop's entries say it all in their sentence (the votes); the adopted values have their own entries.
  if (e.action.startsWith("workshop.")) return "";
  if (typeof v === "number" && e.action.startsWith("setting.")) return localDigits(v, lang);
  if (item && e.action === "answer.save") return displayValue(item, v, lang, t);
  if (e.action === "selection.import") return vendorSheetText(v as Record<string, unknown>, lang, t);
  if (item && item.kind === "register" && e.action !== "row.move") {
    return (item as RegisterItem).columns
      .map((c) => displayCell(c, (v as Record<string, unknown>)[c.id], lang, refOptions))
      .filter(Boolean)
      .join(" · ");
  }
  const o = v as Record<string, unknown>;
  if (e.action === "row.move") return t("history.place", { n: String(o.place) });
  const parts: string[] = [];
  if (typeof o.role === "string") parts.push(t(`roles.${o.role}`));
  if (typeof o.user === "string" && emailShown(o.user)) parts.push(o.user);
  if (typeof o.status === "string") parts.push(t(`gate.status.${o.status}`));
  if (typeof o.comment === "string") parts.push(quoted(o.comment, lang));
  if (typeof o.note === "string" && o.note) parts.push(o.note);
  if (typeof o.name === "string") parts.push(o.name);
  if (typeof o.version === "number") parts.push(t("history.version", { n: localDigits(o.version, lang) }));
  if (typeof o.firmName === "string") parts.push(o.firmName);
  if (typeof o.primaryColor === "string") parts.push(`#${o.primaryColor}`);
  if (typeof o.fingerprint === "string") parts.push(`SHA-256 ${o.fingerprint.slice(0, 12)}…`);
  if (e.action === "project.import" && o.source && typeof (o.source as Record<string, unknown>).file === "string") parts.push(t("history.fromFile", { file: (o.source as Record<string, unknown>).file }));
  // Imports before decision 015 said who had no account here; later ones list everyone the file names, to be invited.
  if (Array.isArray(o.unlinked) && o.unlinked.length) parts.push(t("history.unlinked", { names: o.unlinked.join(lang === "fa" ? "، " : ", ") }));
  if (Array.isArray(o.toInvite) && o.toInvite.length) parts.push(t("history.toInvite", { names: o.toInvite.join(lang === "fa" ? "، " : ", ") }));
  return parts.join(" · ");
}

/** A vendor's response sheet imported on the selection page: whose, which file, what it changed. */
function vendorSheetText(o: Record<string, unknown>, lang: Language, t: TFunction): string {
  const source = (o.source ?? {}) as Record<string, unknown>;
  const n = (k: string) => localDigits(typeof o[k] === "number" ? (o[k] as number) : 0, lang);
  return t("selection.history.imported", { vendor: String(source.vendor ?? ""), file: String(source.file ?? ""), added: n("added"), updated: n("updated"), removed: n("removed") });
}

export function historyLines(
  entries: AuditRow[],
  ctx: {
    lang: Language;
    t: TFunction;
    items: Record<string, Item>;
    refOptions: RefOptions;
    phaseTitle: (phaseId: string) => Localized | undefined;
    /** The entry shown whole (`?full=`). */
    full?: number;
    /** Members' emails (in member and invitation entries) the reader may see; the others are left out. */
    emailShown: EmailShown;
    /** The pack's thresholds' titles, for method-settings entries (their subject is the threshold's id). */
    thresholds?: Record<string, Localized>;
  },
): HistoryLine[] {
  const { lang, t, items, refOptions } = ctx;
  return entries.map((e) => {
    const item = e.itemId ? items[e.itemId] : undefined;
    const phaseTitle = e.phaseId ? ctx.phaseTitle(e.phaseId) : undefined;
    const what = e.action === "workshop.adopt" && !item
      ? t(`workshop.history.${e.subject}`, { defaultValue: "" })
      : item
      ? loc("title" in item ? item.title : undefined, lang)
      : phaseTitle
        ? loc(phaseTitle, lang)
        : e.action === "document.version"
          ? t(`documents.items.${e.subject}.title`, { defaultValue: e.subject ?? "" })
          : e.action.startsWith("branding.")
            ? ""
            : e.action.startsWith("setting.") && e.subject && ctx.thresholds?.[e.subject]
              ? loc(ctx.thresholds[e.subject], lang)
              : (e.subject ?? "");
    const shown = (v: unknown): Shown | null => {
      const text = valueText(e, v, item, lang, t, refOptions, ctx.emailShown);
      if (!text) return null;
      return e.id === ctx.full ? { text, whole: null } : shorten(text);
    };
    return { id: e.id, at: e.at, actorName: e.actorName, importedFrom: e.importedFrom, fromSheet: (e.action === "row.add" || e.action === "row.update") && e.subject ? e.subject : null, action: e.action, what, before: shown(e.before), after: shown(e.after), predicate: historyPredicate(e.action, what, t, workshopParams(e, lang, t)) };
  });
}

/** A workshop adoption's line says how many voted, or how many people sent the ideas (decision 038). */
function workshopParams(e: AuditRow, lang: Language, t: TFunction): Record<string, string> | undefined {
  if (e.action !== "workshop.adopt") return undefined;
  const votes = (e.after as Record<string, unknown> | null)?.votes;
  const n = typeof votes === "number" ? votes : 0;
  // Ideas are not votes: their line counts the people who sent them.
  return { votes: t(e.subject === "ideas" ? "workshop.history.ideaPeople" : "workshop.history.votes", { count: n, n: localDigits(n, lang) }) };
}

/** The predicate of a history line, said after the doer's name: `lead`, then the object (`what`, shown isolated), then `tail`. */
export type HistoryPredicate = { lead: string; what: string | null; tail: string };

const OBJECT = "\u0000";

/**
 * A whole predicate, so that the line reads as a sentence with the doer first:
 * «سارا احمدی به «چرا CRM» پاسخ داد», "Sara Ahmadi answered “Why CRM”". In
 * Persian the object comes before the verb, so the object's place is taken
 * from the translated sentence (`history.did`), never assumed; with no object
 * the line is the doer and `history.actions`.
 */
export function historyPredicate(action: string, what: string, t: TFunction, params: Record<string, string> = {}): HistoryPredicate {
  const key = action.replace(".", "-");
  if (what) {
    const sentence = t(`history.did.${key}`, { ...params, what: OBJECT, defaultValue: "" });
    const at = sentence.indexOf(OBJECT);
    if (at >= 0) return { lead: sentence.slice(0, at), what, tail: sentence.slice(at + OBJECT.length) };
  }
  return { lead: t(`history.actions.${key}`), what: null, tail: "" };
}
