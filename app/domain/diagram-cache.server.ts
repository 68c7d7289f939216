/**
 * The diagram renderer's caches, both bounded.
 *
 * On disk an entry is three files named by its key (`<sha256>.svg`, `.png`
 * and `.json`, the .json written last and marking it complete). The folder
 * may be shared by the server and the command line, so its own listing is the
 * truth: after each write the folder is read, and the least recently used
 * entries (by the .json's modification time, renewed on every use) are
 * removed until it is within its entries and bytes. Only files with the
 * cache's own names are ever removed. In memory, a Map in use order, bounded
 * by entries and bytes.
 */
import fs from "node:fs";
import path from "node:path";

export type CachedDiagram = { svg: Buffer; png: Buffer; width: number; height: number };

export const CACHE_DEFAULTS = { diskEntries: 2_000, diskBytes: 200 * 1024 * 1024, memoryEntries: 200, memoryBytes: 64 * 1024 * 1024 } as const;

const ENTRY_FILE = /^([0-9a-f]{64})\.(svg|png|json)$/;
const TEMP_FILE = /^([0-9a-f]{64})\.(svg|png|json)\.\d+\.tmp$/;
/** A temporary file this old was left by a process that died while writing it. */
const STALE_TEMP_MS = 10 * 60 * 1000;

const sizeOf = (d: CachedDiagram) => d.svg.length + d.png.length;

export function createMemoryCache(limits: { entries: number; bytes: number }) {
  const entries = new Map<string, CachedDiagram>();
  let bytes = 0;
  const forget = (key: string) => {
    const d = entries.get(key);
    if (d) bytes -= sizeOf(d);
    entries.delete(key);
  };
  return {
    get(key: string): CachedDiagram | undefined {
      const d = entries.get(key);
      if (d) {
        entries.delete(key);
        entries.set(key, d);
      }
      return d;
    },
    set(key: string, d: CachedDiagram) {
      forget(key);
      // One picture larger than a quarter of the budget would push out everything else.
      if (sizeOf(d) > limits.bytes / 4) return;
      entries.set(key, d);
      bytes += sizeOf(d);
      while (entries.size > limits.entries || bytes > limits.bytes) forget(entries.keys().next().value!);
    },
    usage: () => ({ entries: entries.size, bytes }),
  };
}

export function createDiskCache(dir: string, limits: { entries: number; bytes: number }) {
  const file = (key: string, ext: string) => path.join(dir, `${key}.${ext}`);

  const touch = (key: string) => {
    try {
      const now = new Date();
      fs.utimesSync(file(key, "json"), now, now);
    } catch {
      // Gone meanwhile: nothing to renew.
    }
  };

  /** Reads the folder and removes the least recently used entries until it is within its limits. */
  const trim = () => {
    const byKey = new Map<string, { bytes: number; used: number; complete: boolean }>();
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      const entry = ENTRY_FILE.exec(name);
      const temp = entry ? null : TEMP_FILE.exec(name);
      if (!entry && !temp) continue;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path.join(dir, name));
      } catch {
        continue;
      }
      if (temp) {
        if (now - stat.mtimeMs > STALE_TEMP_MS) fs.rmSync(path.join(dir, name), { force: true });
        continue;
      }
      const [, key, ext] = entry!;
      const e = byKey.get(key!) ?? { bytes: 0, used: 0, complete: false };
      e.bytes += stat.size;
      if (ext === "json") {
        e.complete = true;
        e.used = stat.mtimeMs;
      } else e.used = Math.max(e.used, e.complete ? 0 : stat.mtimeMs);
      byKey.set(key!, e);
    }
    let entries = 0;
    let bytes = 0;
    for (const e of byKey.values()) {
      entries++;
      bytes += e.bytes;
    }
    if (entries <= limits.entries && bytes <= limits.bytes) return;
    // An entry without its .json is half written (or half removed): it goes first.
    const order = [...byKey].sort(([, a], [, b]) => Number(a.complete) - Number(b.complete) || a.used - b.used);
    for (const [key, e] of order) {
      if (entries <= limits.entries && bytes <= limits.bytes) break;
      // The .json first, so a reader never takes a half-removed entry for a whole one.
      for (const ext of ["json", "svg", "png"]) fs.rmSync(file(key, ext), { force: true });
      entries--;
      bytes -= e.bytes;
    }
  };

  return {
    read(key: string): CachedDiagram | null {
      try {
        const meta = JSON.parse(fs.readFileSync(file(key, "json"), "utf8")) as { width: number; height: number };
        const d = { svg: fs.readFileSync(file(key, "svg")), png: fs.readFileSync(file(key, "png")), width: meta.width, height: meta.height };
        touch(key);
        return d;
      } catch {
        return null;
      }
    },
    /** Marks an entry used (a hit served from memory is a use too). */
    touch,
    write(key: string, d: CachedDiagram) {
      try {
        if (sizeOf(d) > limits.bytes) return;
        fs.mkdirSync(dir, { recursive: true });
        // Data files first, the .json (which marks the entry complete) last; each written then renamed.
        const write = (ext: string, data: Buffer | string) => {
          const tmp = `${file(key, ext)}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, data);
          fs.renameSync(tmp, file(key, ext));
        };
        write("svg", d.svg);
        write("png", d.png);
        write("json", JSON.stringify({ width: d.width, height: d.height }));
        trim();
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
