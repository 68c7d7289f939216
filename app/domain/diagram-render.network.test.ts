/**
 * A diagram definition is user text. Whatever it asks for — an <img> in a
 * label, a click link, a style url(), a theme stylesheet @import — the
 * headless browser that draws it must not reach the network. A listener on
 * 127.0.0.1 counts every TCP connection (not only HTTP requests) while such
 * definitions are drawn.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiagramRenderer, findChromium } from "./diagram-render.server.ts";

const hasChromium = Boolean(findChromium());
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-net-"));
const renderer = createDiagramRenderer({ cacheDir });
const seen: string[] = [];
let server: net.Server;
let base = "";

beforeAll(async () => {
  server = net.createServer((socket) => {
    seen.push("connection");
    socket.once("data", (chunk) => seen.push(chunk.toString("latin1").split("\r\n")[0]!));
    socket.on("error", () => undefined);
    socket.end("HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await renderer.close();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

const definitions = (u: string) => [
  `flowchart LR\n  a["<img src='${u}/label-img.png'> customer"] --> b["<img src=${u}/label-img2.png>"]`,
  `flowchart LR\n  a["markdown \`![x](${u}/md.png)\`"] --> b\n  click a href "${u}/click" _blank\n  click b "${u}/click2"`,
  `flowchart LR\n  a --> b\n  classDef remote fill:url(${u}/classdef.png),stroke:#333\n  class a remote\n  style b fill:url(${u}/style.png)`,
  `%%{init: {"themeCSS": "@import url(${u}/theme-import.css); .node rect { fill: url(${u}/theme-fill.png) }"}}%%\nflowchart LR\n  a --> b`,
  `%%{init: {"fontFamily": "x; } @import url(${u}/font-import.css); .a {", "themeVariables": {"fontFamily": "url(${u}/tv-font)"}}}%%\nflowchart LR\n  a --> b`,
  `%%{init: {"htmlLabels": true, "flowchart": {"htmlLabels": true}, "securityLevel": "loose"}}%%\nflowchart LR\n  a["<img src=${u}/html-label.png><link rel=stylesheet href=${u}/link.css><iframe src=${u}/frame></iframe>"] --> b`,
  `sequenceDiagram\n  Alice->>Bob: <img src=${u}/seq.png>\n  link Alice: Site @ ${u}/seq-link`,
];

describe("the diagram renderer never reaches the network", () => {
  it.skipIf(!hasChromium)("draws definitions naming a local server's URLs without a single connection to it", async () => {
    for (const d of definitions(base)) await renderer.render(d);
    // A chart's SVG is placed in the same page: it must not load anything either.
    await renderer.rasterise(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50"><style>@import url(${base}/svg-import.css); rect { fill: url(${base}/svg-fill.png) }</style><image href="${base}/svg-image.png" width="10" height="10"/><image xlink:href="${base}/svg-xlink.png" width="10" height="10"/><foreignObject width="50" height="50"><img xmlns="http://www.w3.org/1999/xhtml" src="${base}/fo-img.png"/></foreignObject><rect width="10" height="10"/></svg>`,
    );
    // Give a late request (a lazy image, a font) time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([]);
  });
});

describe("a definition's %%{init}%% directive cannot undo the renderer's settings", () => {
  it.skipIf(!hasChromium)("keeps labels as SVG text and keeps the definition's CSS out of the diagram's stylesheet", async () => {
    const r = await renderer.render(
      `%%{init: {"htmlLabels": true, "flowchart": {"htmlLabels": true}, "themeCSS": ".node rect { fill: url(${base}/t.png) }", "fontFamily": "x; } .node { fill: url(${base}/f.png) } .a {"}}%%\nflowchart LR\n  a["Customers"] --> b["Orders"]`,
    );
    if (!r.ok) throw new Error(r.message);
    const svg = r.diagram.svg.toString("utf8");
    expect(svg).not.toContain("<foreignObject");
    expect(svg).toContain("Customers");
    expect(svg).not.toContain(base);
  });
});
