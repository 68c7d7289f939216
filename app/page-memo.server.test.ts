import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { openDatabase } from "#db/client.ts";
import { MEMO_PATTERNS, type MemoPage, PageMemo, acceptsGzip, databaseVersion, dataKey, requestKey, sendPage, wantsFreshPage } from "./page-memo.server.ts";
import { ROUTE_ACCESS, routeKey } from "./access.ts";
import zlib from "node:zlib";

const page = (bytes: number): MemoPage => ({ body: Buffer.alloc(bytes, 1), gzipped: false, csp: "" });

describe("the memo's bounds", () => {
  test("the least recently used page leaves first when the bytes run out", () => {
    const memo = new PageMemo(8 * 1_200, 100); // room for eight pages of 1,000 bytes (and their headers)
    const keys = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for (const k of keys) memo.set(k, page(1_000));
    expect(memo.size.entries).toBe(8);
    memo.get("a"); // a is now the most recently used
    memo.set("i", page(1_000));
    expect(memo.get("b")).toBeUndefined();
    for (const k of ["a", "c", "h", "i"]) expect(memo.get(k), k).toBeDefined();
    expect(memo.size.bytes).toBeLessThanOrEqual(8 * 1_200);
  });

  test("no more entries than allowed, and a page too large for its share is not kept", () => {
    const memo = new PageMemo(1_000_000, 2);
    for (const k of ["a", "b", "c"]) memo.set(k, page(10));
    expect(memo.size.entries).toBe(2);
    expect(memo.get("a")).toBeUndefined();
    memo.set("huge", page(200_000));
    expect(memo.get("huge")).toBeUndefined();
  });
});

describe("the routes answered by request and database version", () => {
  test("are routes of the app (a misspelt one would silently never be memoised), none public, and not the clock-bound members page", () => {
    for (const pattern of MEMO_PATTERNS) {
      expect(ROUTE_ACCESS[pattern], pattern).toBeDefined();
      expect(ROUTE_ACCESS[pattern]!.loader, pattern).not.toBe("public");
    }
    expect(MEMO_PATTERNS.has("/projects/:projectId/members")).toBe(false);
    expect(routeKey("projects/:projectId")).toBe("/projects/:projectId");
  });
});

describe("keys", () => {
  test("the data key changes with the URL, the data, and where the data divides", () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const base = dataKey("http://x/p", [bytes("[1,2]")]);
    expect(dataKey("http://x/p", [bytes("[1,2]")])).toBe(base);
    expect(dataKey("http://x/q", [bytes("[1,2]")])).not.toBe(base);
    expect(dataKey("http://x/p", [bytes("[1,3]")])).not.toBe(base);
    expect(dataKey("http://x/p", [bytes("[1,"), bytes("2]")])).not.toBe(base);
  });

  test("the request key changes with the cookies, the languages asked for and the database's version", () => {
    const req = (headers: Record<string, string>) => new Request("http://x/projects/1", { headers });
    const base = requestKey(req({ cookie: "s=1" }), "1.0.1");
    expect(requestKey(req({ cookie: "s=1" }), "1.0.1")).toBe(base);
    expect(requestKey(req({ cookie: "s=2" }), "1.0.1")).not.toBe(base);
    expect(requestKey(req({ cookie: "s=1", "accept-language": "en" }), "1.0.1")).not.toBe(base);
    expect(requestKey(req({ cookie: "s=1" }), "1.1.1")).not.toBe(base);
    // A data request (.data) for the same address is another answer than its document.
    const data = requestKey(req({ cookie: "s=1" }), "1.0.1", "/projects/1.data");
    expect(data).not.toBe(base);
    expect(requestKey(req({ cookie: "s=1" }), "1.0.1", "/projects/1.data")).toBe(data);
  });

  test("the database's version moves with a write on this connection and with one from another", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "memo-")), "v.sqlite");
    const db = openDatabase(file);
    const other = openDatabase(file);
    try {
      const v0 = databaseVersion(db);
      expect(databaseVersion(db)).toBe(v0);
      db.$client.exec("CREATE TABLE IF NOT EXISTS t (x)");
      db.$client.prepare("INSERT INTO t VALUES (1)").run();
      const v1 = databaseVersion(db);
      expect(v1).not.toBe(v0);
      other.$client.prepare("INSERT INTO t VALUES (2)").run();
      const v2 = databaseVersion(db);
      expect(v2).not.toBe(v1);
      // Another connection to the same file never shares a version with this one.
      expect(databaseVersion(other).split(".")[0]).not.toBe(v2.split(".")[0]);
    } finally {
      db.$client.close();
      other.$client.close();
    }
  });

  test("a hard reload asks for a fresh page; an ordinary reload does not", () => {
    const req = (headers: Record<string, string>) => new Request("http://x/", { headers });
    expect(wantsFreshPage(req({ "cache-control": "no-cache" }))).toBe(true);
    expect(wantsFreshPage(req({ pragma: "no-cache" }))).toBe(true);
    expect(wantsFreshPage(req({ "cache-control": "max-age=0" }))).toBe(false);
    expect(wantsFreshPage(req({}))).toBe(false);
  });
});

describe("sending a page", () => {
  test("compressed to a client that takes gzip, unpacked for one that does not", async () => {
    const html = Buffer.from("<!DOCTYPE html><p>سلام</p>".repeat(100));
    const packed: MemoPage = { body: zlib.gzipSync(html), gzipped: true, csp: "x" };
    const zipped = sendPage(packed, new Request("http://x/", { headers: { "accept-encoding": "gzip, br" } }), new Headers(), 200, "memo-request");
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(Number(zipped.headers.get("content-length"))).toBe(packed.body.length);
    expect(zipped.headers.get("server-timing")).toBe('page;desc="memo-request"');
    const plain = sendPage(packed, new Request("http://x/", { headers: { "accept-encoding": "gzip;q=0" } }), new Headers({ Vary: "Accept-Encoding" }), 200, "memo-data");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(Buffer.from(await plain.arrayBuffer()).equals(html)).toBe(true);
    expect(acceptsGzip("identity")).toBe(false);
  });
});
