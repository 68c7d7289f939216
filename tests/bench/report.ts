/**
 * The benchmark's figures: each one a value with its unit and, when it has
 * one, a target. Printed as a table, then as exactly one JSON line.
 */
import os from "node:os";
import fs from "node:fs";

export type Figure = {
  /** Stable key in the JSON line. */
  key: string;
  /** What the table calls it. */
  name: string;
  value: number;
  unit: string;
  target?: { value: number; better: "lower" | "higher" };
  /** Shown after the value (which route, which file, …). */
  note?: string;
};

export function met(f: Figure): boolean | null {
  if (!f.target) return null;
  return f.target.better === "lower" ? f.value <= f.target.value : f.value >= f.target.value;
}

export function machine() {
  const cpus = os.cpus();
  let model = cpus[0]?.model?.trim() ?? "unknown";
  // Some virtual machines report a bare family name; /proc/cpuinfo may say more.
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) model = line.split(":")[1]!.trim() || model;
  } catch {
    /* not Linux */
  }
  return {
    cpu: model,
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export function printTable(sections: Array<{ title: string; figures: Figure[] }>): number {
  let missed = 0;
  const w = Math.max(48, ...sections.flatMap((s) => s.figures.map((f) => f.name.length)));
  for (const s of sections) {
    if (!s.figures.length) continue;
    console.log(`\n${s.title}`);
    console.log(`  ${"figure".padEnd(w)} ${"value".padStart(16)} ${"target".padStart(14)}  `);
    for (const f of s.figures) {
      const ok = met(f);
      if (ok === false) missed++;
      const target = f.target ? `${f.target.better === "lower" ? "≤" : "≥"} ${f.target.value} ${f.unit}` : "";
      const verdict = ok === null ? "" : ok ? "ok" : "MISSED";
      console.log(`  ${f.name.padEnd(w)} ${`${fmt(f.value)} ${f.unit}`.padStart(16)} ${target.padStart(14)}  ${verdict.padEnd(6)}${f.note ? ` ${f.note}` : ""}`);
    }
  }
  return missed;
}

/** One JSON object: when, where, every figure by key, and the targets missed. */
export function jsonLine(figures: Figure[], extra: Record<string, unknown>): string {
  const values: Record<string, number> = {};
  for (const f of figures) values[f.key] = Math.round(f.value * 1000) / 1000;
  return JSON.stringify({
    date: new Date().toISOString(),
    machine: machine(),
    ...extra,
    figures: values,
    missed: figures.filter((f) => met(f) === false).map((f) => f.key),
  });
}
