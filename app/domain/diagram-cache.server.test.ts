import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDiskCache, createMemoryCache } from "./diagram-cache.server.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-cache-unit-"));
  dirs.push(d);
  return d;
};
const key = (i: number) => i.toString(16).padStart(64, "0");
const picture = (bytes: number) => ({ svg: Buffer.alloc(bytes / 2, 7), png: Buffer.alloc(bytes / 2, 8), width: 10, height: 10 });
const folderBytes = (dir: string) => fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);

describe("the diagram caches (no browser needed)", () => {
  it("a folder filled far beyond its bounds stays within them, keeping what was used last", () => {
    const dir = tempDir();
    const cache = createDiskCache(dir, { entries: 10, bytes: 100_000 });
    for (let i = 0; i < 200; i++) {
      cache.write(key(i), picture(8_000));
      if (i % 5 === 0) cache.read(key(0));
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".json")).length).toBeLessThanOrEqual(10);
      expect(folderBytes(dir)).toBeLessThanOrEqual(100_000 + 10 * 30);
    }
    expect(cache.read(key(0))).not.toBeNull();
    expect(cache.read(key(199))).not.toBeNull();
    expect(cache.read(key(100))).toBeNull();
  });

  it("writes nothing larger than the whole folder may hold, and leaves others' files and fresh temporary files alone", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "README"), "x");
    fs.writeFileSync(path.join(dir, `${key(1)}.png.123.tmp`), "being written");
    const cache = createDiskCache(dir, { entries: 1, bytes: 10_000 });
    cache.write(key(2), picture(20_000));
    expect(cache.read(key(2))).toBeNull();
    cache.write(key(3), picture(2_000));
    cache.write(key(4), picture(2_000));
    expect(fs.readdirSync(dir).sort()).toEqual([`${key(1)}.png.123.tmp`, `${key(4)}.json`, `${key(4)}.png`, `${key(4)}.svg`, "README"].sort());
  });

  it("memory forgets the least recently used beyond its entries or bytes", () => {
    const memory = createMemoryCache({ entries: 3, bytes: 10_000 });
    for (let i = 0; i < 3; i++) memory.set(key(i), picture(2_000));
    memory.get(key(0));
    memory.set(key(3), picture(2_000));
    expect(memory.get(key(1))).toBeUndefined();
    expect(memory.get(key(0))).toBeDefined();
    for (let i = 10; i < 20; i++) memory.set(key(i), picture(2_400));
    expect(memory.usage().bytes).toBeLessThanOrEqual(10_000);
    memory.set(key(99), picture(9_000));
    expect(memory.get(key(99))).toBeUndefined();
  });
});
