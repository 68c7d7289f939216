/**
 * A project's method settings: its own values of the pack's thresholds
 * (decision 035). Each save is validated against the threshold's range,
 * carries the version it was based on (a stale save is refused, as for
 * answers) and writes an audit entry in the same transaction — which is also
 * what makes loadProjectData read the project afresh.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.ts";
import { writeTransaction } from "#db/client.ts";
import { projects, projectSettings, type ProjectSettingRow } from "#db/schema.ts";
import type { Pack, Threshold } from "#methodology/schema.ts";
import { msg, toLatinDigits } from "#methodology/values.ts";
import { audit, SYSTEM_ACTOR, type Actor } from "./audit.server.ts";
import { thresholdUse, type ThresholdUse } from "./thresholds.ts";
import { stripInvisibleDeep } from "./text-hygiene.ts";

export type MethodSetting = ThresholdUse & {
  /** The stored row's version (0: never set), sent back with a save. */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
};

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function storedRows(db: Db | Tx, projectId: number): ProjectSettingRow[] {
  return db.select().from(projectSettings).where(eq(projectSettings.projectId, projectId)).all();
}

/** The project's own values (only those it set), by threshold id: what loadProjectData carries. */
export function readSettings(db: Db | Tx, projectId: number): Map<string, number> {
  return new Map(storedRows(db, projectId).flatMap((r) => (r.value === null ? [] : [[r.key, r.value] as [string, number]])));
}

/** Every threshold of the pack as the project uses it, in the pack's order. */
export function methodSettings(db: Db, pack: Pack, projectId: number): MethodSetting[] {
  const rows = new Map(storedRows(db, projectId).map((r) => [r.key, r]));
  const settings = new Map([...rows].flatMap(([k, r]) => (r.value === null ? [] : [[k, r.value] as [string, number]])));
  return pack.thresholds.map((t) => {
    const row = rows.get(t.id);
    return { ...thresholdUse(pack, { settings }, t.id), version: row?.version ?? 0, updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt ?? null };
  });
}

/** A submitted value: a whole number within the threshold's range (Persian digits accepted). */
export function parseThresholdValue(t: Threshold, raw: unknown): { ok: true; value: number } | { ok: false; error: string } {
  const text = typeof raw === "string" ? toLatinDigits(String(stripInvisibleDeep(raw))).trim().replace(/[%٪]$/, "").trim() : "";
  if (!text) return { ok: false, error: msg("validation.required") };
  if (!/^[-+]?\d+(\.\d+)?$/.test(text)) return { ok: false, error: msg("validation.notANumber") };
  const n = Number(text);
  if (!Number.isInteger(n)) return { ok: false, error: msg("validation.notAnInteger") };
  if (n < t.min) return { ok: false, error: msg("validation.tooSmall", { min: t.min }) };
  if (n > t.max) return { ok: false, error: msg("validation.tooLarge", { max: t.max }) };
  return { ok: true, value: n };
}

export type SettingResult =
  | { status: "saved"; version: number }
  | { status: "invalid"; errors: { value: string } }
  | { status: "unknown" }
  | { status: "conflict"; conflict: { theirs: number | null; theirsVersion: number; yours: number | null } };

function write(db: Db, args: { projectId: number; key: string; value: number | null; baseVersion: number; by?: Actor }): SettingResult {
  return writeTransaction(db, (tx) => {
    const current = tx
      .select()
      .from(projectSettings)
      .where(and(eq(projectSettings.projectId, args.projectId), eq(projectSettings.key, args.key)))
      .get();
    const currentVersion = current?.version ?? 0;
    const before = current?.value ?? null;
    if (currentVersion !== args.baseVersion) return { status: "conflict", conflict: { theirs: before, theirsVersion: currentVersion, yours: args.value } };
    // Nothing changes (the same value again, or a reset of a default): no new version, no entry.
    if (before === args.value) return { status: "saved", version: currentVersion };
    const stamp = new Date().toISOString();
    const by = args.by ?? SYSTEM_ACTOR;
    if (current) {
      tx.update(projectSettings)
        .set({ value: args.value, version: currentVersion + 1, updatedBy: by.name, updatedAt: stamp })
        .where(and(eq(projectSettings.projectId, args.projectId), eq(projectSettings.key, args.key)))
        .run();
    } else {
      tx.insert(projectSettings).values({ projectId: args.projectId, key: args.key, value: args.value, version: 1, updatedBy: by.name, updatedAt: stamp }).run();
    }
    tx.update(projects).set({ updatedAt: stamp }).where(eq(projects.id, args.projectId)).run();
    audit(tx, by, { projectId: args.projectId, action: args.value === null ? "setting.reset" : "setting.save", subject: args.key, before, after: args.value }, stamp);
    return { status: "saved", version: currentVersion + 1 };
  });
}

export function saveThreshold(db: Db, args: { projectId: number; pack: Pack; key: string; raw: unknown; baseVersion: number; by?: Actor }): SettingResult {
  const t = args.pack.thresholds.find((x) => x.id === args.key);
  if (!t) return { status: "unknown" };
  const parsed = parseThresholdValue(t, args.raw);
  if (!parsed.ok) return { status: "invalid", errors: { value: parsed.error } };
  return write(db, { projectId: args.projectId, key: t.id, value: parsed.value, baseVersion: args.baseVersion, by: args.by });
}

/** Back to the pack's default: the row stays, with no value and a new version. */
export function resetThreshold(db: Db, args: { projectId: number; pack: Pack; key: string; baseVersion: number; by?: Actor }): SettingResult {
  if (!args.pack.thresholds.some((x) => x.id === args.key)) return { status: "unknown" };
  return write(db, { projectId: args.projectId, key: args.key, value: null, baseVersion: args.baseVersion, by: args.by });
}
