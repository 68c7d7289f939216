/**
 * What is stored is what is seen (decision 017).
 *
 * `stripInvisible` removes the characters that change how a text reads, or
 * hide part of it, without being seen: bidi embeddings, overrides, isolates
 * and direction marks, and the other invisible format characters (Unicode
 * category Cf). Every value is passed through it when it is saved or
 * imported, and every text put into a Word document, so the page, the
 * document, the fingerprint and the signed snapshot hold the same text.
 *
 * Kept on purpose:
 * - ZWNJ (U+200C), the Persian half-space: «می‌خواهم» needs it;
 * - ZWJ (U+200D) inside an emoji sequence (👩🏽‍💻) or next to an
 *   Arabic-script letter, where it selects a letter's joined form; elsewhere
 *   (inside a Latin word, between digits) it shows nothing and is removed;
 * - tag characters in an emoji flag sequence (🏴 + tags, e.g. Scotland's flag);
 * - the Arabic, Syriac and Kaithi number signs (U+0600–0605, U+06DD, U+070F,
 *   U+0890–0891, U+08E2, U+110BD, U+110CD): format characters that draw a sign.
 *
 * `textChangeMarks` names, for the "changed since sign-off" list, a change a
 * reader cannot see (an added zero-width character, a non-breaking space for
 * a space) and one that imitates other text (a Cyrillic «а» in a Latin word,
 * an Arabic «ي» for a Persian «ی», Arabic-Indic digits among Persian ones).
 *
 * Pure and without dependencies: the browser, the server and the Word
 * templates use the same rules.
 */

/** Always removed: bidi controls and marks, zero-width and other invisible format characters, and letters that draw nothing (Hangul fillers). */
const REMOVED =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{13430}-\u{1343F}\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}]/gu;
/** Tag characters, kept only after the black flag that starts an emoji tag sequence. */
const TAGS = /(\u{1F3F4})?([\u{E0001}\u{E0020}-\u{E007F}]+)/gu;
const ZWJ = "\u200D";
/** A quick look for anything the three passes would change (most text has none). */
const SUSPECT = /[\u00AD\u061C\u115F\u1160\u180E\u200B\u200D-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{13430}-\u{1343F}\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}]/u;
const EMOJI_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const EMOJI_AFTER = /\p{Extended_Pictographic}/u;
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

function codePointBefore(s: string, at: number): string {
  if (at <= 0) return "";
  const low = s.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? s.slice(at - 2, at) : s.slice(at - 1, at);
}

function codePointAt(s: string, at: number): string {
  const cp = s.codePointAt(at);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/**
 * A text as compared (a sheet's header, a name in a list): no invisible characters, one plain space,
 * the Persian yeh and kaf for their Arabic forms, any case. Half-spaces (ZWNJ) are kept: a caller that
 * ignores them removes them.
 */
export function comparableText(s: string): string {
  return stripInvisible(s.normalize("NFC"))
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\u064A\u0649]/g, "\u06CC")
    .replace(/\u0643/g, "\u06A9")
    .toLowerCase();
}

/** The text without the invisible characters that could make it read differently from what is signed. */
export function stripInvisible(text: string): string {
  if (!SUSPECT.test(text)) return text;
  const s = text.replace(REMOVED, "").replace(TAGS, (all, flag: string | undefined) => (flag ? all : ""));
  if (!s.includes(ZWJ)) return s;
  return s.replace(/\u200D/g, (zwj, at: number, whole: string) => {
    const before = codePointBefore(whole, at);
    const after = codePointAt(whole, at + 1);
    const inEmoji = EMOJI_BEFORE.test(before) && EMOJI_AFTER.test(after);
    return inEmoji || ARABIC_SCRIPT.test(before) || ARABIC_SCRIPT.test(after) ? zwj : "";
  });
}

/**
 * An uploaded file's name as the app shows and records it ("imported from …"): no folders, the stored-value rule
 * above, no control characters, spaces collapsed, at most 120 characters; `fallback` when nothing is left.
 */
export function uploadedFileName(raw: string | null | undefined, fallback: string): string {
  const base = (raw ?? "").split(/[\\/]/).pop()!;
  const clean = stripInvisible(base).replace(/\p{Cc}/gu, "").replace(/\s+/g, " ").trim();
  return clean ? [...clean].slice(0, 120).join("") : fallback;
}

/**
 * A copy of a JSON-like value with every string (not the keys) passed through
 * `stripInvisible`. Iterative, so a deeply nested file cannot exhaust the stack.
 */
export function stripInvisibleDeep<T>(value: T): T {
  if (typeof value === "string") return stripInvisible(value) as T;
  if (!value || typeof value !== "object") return value;
  const copy = (v: object): Record<string, unknown> | unknown[] => (Array.isArray(v) ? [] : {});
  const root = copy(value);
  const work: Array<[Record<string, unknown>, Record<string, unknown>]> = [[value as Record<string, unknown>, root as Record<string, unknown>]];
  while (work.length) {
    const [from, to] = work.pop()!;
    for (const key of Object.keys(from)) {
      const v = from[key];
      let out: unknown = v;
      if (typeof v === "string") out = stripInvisible(v);
      else if (v && typeof v === "object") {
        out = copy(v);
        work.push([v as Record<string, unknown>, out as Record<string, unknown>]);
      }
      // An own "__proto__" key (JSON.parse makes one) stays a key, never the copy's prototype.
      if (key === "__proto__") Object.defineProperty(to, key, { value: out, enumerable: true, writable: true, configurable: true });
      else to[key] = out;
    }
  }
  return root as T;
}

// --- marks for the sign-off diff ------------------------------------------------

export type InvisibleKind = "zero-width" | "half-space" | "joiner" | "nbsp" | "direction";
export type ScriptName = "latin" | "cyrillic" | "greek" | "arabic" | "persian";
export type TextMark =
  /** Before and after look the same once invisible characters are set aside. */
  | { kind: "invisible"; what: InvisibleKind; change: "added" | "removed" | "moved" }
  /** A word of the new text mixes scripts (or Arabic letters in Persian text, or digit systems). */
  | { kind: "mixed-script"; char: string; script: ScriptName; word: string }
  /** Before and after look alike, but a character was swapped for a look-alike of another script. */
  | { kind: "look-alike"; before: string; beforeScript: ScriptName; after: string; afterScript: ScriptName };

const REMOVED_ONE = new RegExp(REMOVED.source, "u");

function invisibleKind(ch: string): InvisibleKind | null {
  const cp = ch.codePointAt(0)!;
  if (cp < 0xa0) return null;
  if (cp === 0x200c) return "half-space";
  if (cp === 0x200d) return "joiner";
  if (cp === 0xa0 || cp === 0x202f || cp === 0x2007) return "nbsp";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x61c) return "direction";
  return REMOVED_ONE.test(ch) || cp === 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f) ? "zero-width" : null;
}

const INVISIBLE_KINDS: InvisibleKind[] = ["direction", "zero-width", "half-space", "joiner", "nbsp"];

/** Anything `invisibleKind` names (most text has none). */
const ANY_INVISIBLE =
  /[\u00A0\u00AD\u061C\u115F\u1160\u180E\u2007\u200B-\u200F\u202A-\u202F\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{13430}-\u{1343F}\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}]/u;

/** The text as it looks: invisible characters dropped, non-breaking spaces as spaces. */
function looks(text: string): string {
  if (!ANY_INVISIBLE.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const kind = invisibleKind(ch);
    out += kind === null ? ch : kind === "nbsp" ? " " : "";
  }
  return out;
}

function invisibleSequence(text: string, kind: InvisibleKind): number[] {
  const at: number[] = [];
  if (!ANY_INVISIBLE.test(text)) return at;
  let visible = 0;
  for (const ch of text) {
    const k = invisibleKind(ch);
    if (k === kind) at.push(visible);
    if (k === null || k === "nbsp") visible++;
  }
  return at;
}

function invisibleMarks(before: string, after: string): TextMark[] {
  if (before === after || looks(before) !== looks(after)) return [];
  const marks: TextMark[] = [];
  for (const what of INVISIBLE_KINDS) {
    const b = invisibleSequence(before, what);
    const a = invisibleSequence(after, what);
    if (a.length > b.length) marks.push({ kind: "invisible", what, change: "added" });
    else if (a.length < b.length) marks.push({ kind: "invisible", what, change: "removed" });
    else if (a.join() !== b.join()) marks.push({ kind: "invisible", what, change: "moved" });
  }
  return marks;
}

// Letters of other scripts that look like Latin ones (and the reverse), for the "looks the same" test.
const LATIN_LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: "a", в: "B", е: "e", ѕ: "s", і: "i", ј: "j", о: "o", р: "p", с: "c", у: "y", х: "x", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w",
  А: "A", В: "B", Е: "E", Ѕ: "S", І: "I", Ј: "J", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", Х: "X", Ү: "Y",
  // Greek
  α: "a", ο: "o", ρ: "p", ν: "v", ι: "i", κ: "k", τ: "t", υ: "u", χ: "x",
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
};
const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

function fold(ch: string): string {
  if (ch === "ي" || ch === "ى") return "ی";
  if (ch === "ك") return "ک";
  const p = PERSIAN_DIGITS.indexOf(ch);
  if (p >= 0) return String(p);
  const a = ARABIC_DIGITS.indexOf(ch);
  if (a >= 0) return String(a);
  return LATIN_LOOKALIKES[ch] ?? ch;
}

function scriptOf(ch: string): ScriptName | null {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a) ? "latin" : null;
  if ((cp >= 0x6f0 && cp <= 0x6f9) || cp === 0x6cc || cp === 0x6a9) return "persian";
  if ((cp >= 0x660 && cp <= 0x669) || cp === 0x64a || cp === 0x649 || cp === 0x643) return "arabic";
  if (ARABIC_SCRIPT.test(ch)) return "arabic";
  if (/\p{Script=Latin}/u.test(ch)) return "latin";
  if (/\p{Script=Cyrillic}/u.test(ch)) return "cyrillic";
  if (/\p{Script=Greek}/u.test(ch)) return "greek";
  return null;
}

function lookAlikeMarks(before: string, after: string): TextMark[] {
  const b = [...looks(before)];
  const a = [...looks(after)];
  if (b.length !== a.length || b.join("") === a.join("")) return [];
  for (let i = 0; i < a.length; i++) if (fold(b[i]!) !== fold(a[i]!)) return [];
  const i = a.findIndex((ch, k) => ch !== b[k]);
  return [{ kind: "look-alike", before: b[i]!, beforeScript: scriptOf(b[i]!) ?? "latin", after: a[i]!, afterScript: scriptOf(a[i]!) ?? "latin" }];
}

/** Persian text: letters only Persian writes with (پ چ ژ گ and the Persian ی ک). */
const PERSIAN_LETTERS = /[پچژگیک]/;
const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;
const DIGIT_RUN = /[0-9۰-۹٠-٩]+/g;

type Letter = { ch: string; script: ScriptName | "arabic-script" };

function lettersOf(word: string): Letter[] {
  const out: Letter[] = [];
  for (const ch of word) {
    if (/\p{Nd}/u.test(ch)) continue;
    const s = scriptOf(ch);
    if (s === null) continue;
    // Within a word, Persian and Arabic letters are one script; yeh and kaf are looked at over the whole text.
    out.push({ ch, script: s === "arabic" || s === "persian" ? "arabic-script" : s });
  }
  return out;
}

/** The least used script's first character in a word that mixes scripts, or null. */
function oddOneOut(chars: Array<{ ch: string; script: string }>): { ch: string; script: string } | null {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c.script, (counts.get(c.script) ?? 0) + 1);
  if (counts.size < 2) return null;
  const fewest = [...counts.entries()].reduce((m, e) => (e[1] < m[1] ? e : m))[0];
  return chars.find((c) => c.script === fewest)!;
}

/** The words of a text that mix scripts, each named once (by its first odd character). */
function mixedWords(text: string): TextMark[] {
  const marks = new Map<string, TextMark>();
  const visible = looks(text);
  const persianText = PERSIAN_LETTERS.test(visible);
  for (const [word] of visible.matchAll(WORD)) {
    if (marks.has(word)) continue;
    const odd = oddOneOut(lettersOf(word));
    if (odd) {
      const script = (odd.script === "arabic-script" ? "arabic" : odd.script) as ScriptName;
      marks.set(word, { kind: "mixed-script", char: odd.ch, script, word });
      continue;
    }
    for (const [run] of word.matchAll(DIGIT_RUN)) {
      const digit = oddOneOut([...run].map((ch) => ({ ch, script: scriptOf(ch)! })));
      if (digit) {
        marks.set(word, { kind: "mixed-script", char: digit.ch, script: digit.script as ScriptName, word });
        break;
      }
    }
    // Arabic yeh and kaf, and Arabic-Indic digits, in Persian text look like the Persian ones.
    const arabic = persianText && !marks.has(word) ? [...word].find((ch) => ch === "ي" || ch === "ى" || ch === "ك" || ARABIC_DIGITS.includes(ch)) : undefined;
    if (arabic) marks.set(word, { kind: "mixed-script", char: arabic, script: "arabic", word });
  }
  return [...marks.values()];
}

function strings(value: unknown, path: string, out: Map<string, string>) {
  if (typeof value === "string") out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
}

const markKey = (m: TextMark) => JSON.stringify(m);

/**
 * What a reader of the diff could not see for themselves in the change from
 * `before` to `after` (strings, or values holding strings: a checklist task,
 * a register row's cells). `before` undefined: the value is new.
 */
export function textChangeMarks(before: unknown, after: unknown): TextMark[] {
  const was = new Map<string, string>();
  const now = new Map<string, string>();
  strings(before, "", was);
  strings(after, "", now);
  const marks = new Map<string, TextMark>();
  for (const [path, a] of now) {
    const b = was.get(path) ?? "";
    if (a === b) continue;
    const old = new Set(mixedWords(b).map(markKey));
    for (const m of [...invisibleMarks(b, a), ...lookAlikeMarks(b, a), ...mixedWords(a).filter((m) => !old.has(markKey(m)))]) marks.set(markKey(m), m);
  }
  return [...marks.values()];
}
