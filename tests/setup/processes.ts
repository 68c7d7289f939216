/** The processes a test started, as the system sees them (for "nothing is left running" checks). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** Whether a process exists and is not a zombie (a dead child not yet reaped holds nothing). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    return stat.slice(close + 2, close + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Every process below `pid`, with its command line. */
export function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const rows = spawnSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
    .stdout.split("\n")
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), cmd: m[3]! }));
  const out: Array<{ pid: number; cmd: string }> = [];
  const walk = (p: number) => {
    for (const r of rows.filter((x) => x.ppid === p)) {
      out.push({ pid: r.pid, cmd: r.cmd });
      walk(r.pid);
    }
  };
  walk(pid);
  return out;
}

/** Waits until `check` holds, up to `ms`; returns whether it did. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (check()) return true;
  return check();
}
