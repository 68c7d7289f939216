/**
 * The diagram browser starts in the background when the server starts
 * (decision 043), so the first document download does not wait for Chromium
 * and mermaid; without Chromium, or with one that cannot start, the server
 * starts and documents still download (diagrams as tables).
 */
import { afterEach, describe, expect, test } from "vitest";
import { signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { alive, descendants, waitFor } from "#tests/setup/processes.ts";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const chromiumsOf = (pid: number) => descendants(pid).filter((p) => /chrom/i.test(p.cmd.split(" ")[0]!));

async function downloadScope(s: RunningServer) {
  const cookie = await signIn(s.url, "s.ahmadi@mehregan.example");
  return fetch(`${s.url}/projects/1/documents/scope-document/download`, { method: "POST", body: new URLSearchParams({ intent: "download", lang: "fa" }), headers: { Cookie: cookie, Origin: s.url } });
}

describe("the diagram browser", () => {
  test("is started by the server once it listens, without a request, and stopped with it", async () => {
    server = await startServer({ GAMBEGAM_DIAGRAM_BROWSER: null });
    // The first page is served while the browser starts.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await waitFor(() => /Diagram browser ready/.test(server!.output()), 60_000)).toBe(true);
    const browsers = chromiumsOf(server.pid);
    expect(browsers.length).toBeGreaterThan(0);
    await server.stop();
    server = null;
    expect(await waitFor(() => !browsers.some((b) => alive(b.pid)), 5000)).toBe(true);
  }, 90_000);

  test("without Chromium the server starts, says so, and documents still download", async () => {
    server = await startServer({ GAMBEGAM_DIAGRAM_BROWSER: null, CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(await waitFor(() => /No Chromium here/.test(server!.output()), 10_000)).toBe(true);
    const r = await downloadScope(server);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toContain("wordprocessingml");
  }, 60_000);

  test("a Chromium that cannot start does not stop the server; documents download with diagrams as tables", async () => {
    server = await startServer({ GAMBEGAM_DIAGRAM_BROWSER: null, CHROMIUM_PATH: "/bin/false" });
    expect(await waitFor(() => /Chromium could not be started/.test(server!.output()), 30_000)).toBe(true);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const r = await downloadScope(server);
    expect(r.status).toBe(200);
    expect(alive(server.pid)).toBe(true);
  }, 60_000);
});
