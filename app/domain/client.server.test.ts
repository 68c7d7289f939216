import { describe, expect, test } from "vitest";
import { clientAddress, clientIsLocal, foreignOrigin, isLoopbackAddress } from "./client.server.ts";

const facts = (over: Partial<Parameters<typeof clientIsLocal>[0]>) => ({ socketAddress: "127.0.0.1", ip: "127.0.0.1", trustProxy: false, headers: {}, ...over });

describe("who is on this computer (the published demo password works only there)", () => {
  test("loopback addresses, IPv4, IPv6 and IPv4-mapped", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "[::1]"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["10.0.0.1", "192.168.1.5", "::ffff:10.0.0.1", "fe80::1", "0.0.0.0", "127.0.0.1.evil", "", undefined, "unknown"]) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  test("a direct connection from loopback is local; from the network it is not", () => {
    expect(clientIsLocal(facts({}))).toBe(true);
    expect(clientIsLocal(facts({ socketAddress: "192.168.1.20", ip: "192.168.1.20" }))).toBe(false);
  });

  test("without TRUST_PROXY, any forwarding header means a proxy is in between: not local", () => {
    for (const h of ["x-forwarded-for", "forwarded", "x-real-ip"]) expect(clientIsLocal(facts({ headers: { [h]: "127.0.0.1" } })), h).toBe(false);
  });

  test("with TRUST_PROXY, the forwarded client must be loopback too", () => {
    expect(clientIsLocal(facts({ trustProxy: true, ip: "10.0.0.7", headers: { "x-forwarded-for": "10.0.0.7" } }))).toBe(false);
    expect(clientIsLocal(facts({ trustProxy: true, ip: "127.0.0.1", headers: { "x-forwarded-for": "127.0.0.1" } }))).toBe(true);
    // A proxy on another machine forwarding a spoofed loopback address: the socket is not loopback.
    expect(clientIsLocal(facts({ trustProxy: true, socketAddress: "10.0.0.2", ip: "127.0.0.1" }))).toBe(false);
  });

  test("the address recorded drops the IPv4-mapped prefix", () => {
    expect(clientAddress(facts({ ip: "::ffff:10.1.2.3" }))).toBe("10.1.2.3");
    expect(clientAddress(facts({ ip: undefined, socketAddress: undefined }))).toBe("unknown");
  });
});

describe("a form from another site", () => {
  const own = "http://127.0.0.1:3000";
  test("no Origin, or this site's, is not foreign", () => {
    expect(foreignOrigin(undefined, own)).toBe(false);
    expect(foreignOrigin("", own)).toBe(false);
    expect(foreignOrigin("http://127.0.0.1:3000", own)).toBe(false);
    // A proxy that ends TLS: the browser's https origin is this site.
    expect(foreignOrigin("https://127.0.0.1:3000", own)).toBe(false);
  });
  test("another host, port or scheme, 'null' or garbage is foreign", () => {
    for (const o of ["http://evil.example", "http://127.0.0.1:3001", "http://localhost:3000", "null", "not a url", "http://127.0.0.1:3000.evil.example"]) expect(foreignOrigin(o, own), o).toBe(true);
  });
});
