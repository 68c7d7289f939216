/**
 * Who is asking, as the HTTP server (server.js) sees the connection: the
 * client's address (for sign-in throttling and the audit log), whether the
 * client is on this computer (the published demo password works only then,
 * decision 016), and whether a form comes from another site (its Origin).
 *
 * Plain functions of the connection's facts, so they are tested without a
 * socket; server.js calls them for every request.
 */

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Headers a proxy adds to say whom it forwards for. */
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip"];

export type ConnectionFacts = {
  /** The TCP peer. */
  socketAddress: string | undefined;
  /** The client's address as express works it out (X-Forwarded-For when TRUST_PROXY is set). */
  ip: string | undefined;
  /** Whether TRUST_PROXY is set. */
  trustProxy: boolean;
  headers: Record<string, string | string[] | undefined>;
};

/**
 * The client is on this computer when the connection comes from the loopback
 * address and, behind a trusted proxy, the forwarded client address is
 * loopback too. Without TRUST_PROXY, a request that names a forwarded client
 * came through a proxy — possibly one on this very computer, which would make
 * everyone "local" — so it is not taken for this computer.
 */
export function clientIsLocal(c: ConnectionFacts): boolean {
  if (!isLoopbackAddress(c.socketAddress)) return false;
  if (c.trustProxy) return isLoopbackAddress(c.ip);
  return !FORWARDING_HEADERS.some((h) => c.headers[h] !== undefined);
}

export function clientAddress(c: ConnectionFacts): string {
  return (c.ip ?? c.socketAddress ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}

/**
 * Whether a request's Origin header names another site than `ownOrigin`
 * (the host and port of the request as the server sees it). The scheme is
 * not compared: behind a proxy that ends TLS without TRUST_PROXY the app sees
 * `http` where the browser says `https`, and every form would be refused. No
 * Origin at all (curl, older browsers) is not another site; "null" (a
 * sandboxed frame, a page from a file) is.
 */
export function foreignOrigin(origin: string | undefined, ownOrigin: string): boolean {
  if (origin === undefined || origin === "") return false;
  try {
    const from = new URL(origin);
    if (from.protocol !== "http:" && from.protocol !== "https:") return true;
    return from.host !== new URL(ownOrigin).host;
  } catch {
    return true;
  }
}
