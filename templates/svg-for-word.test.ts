import { describe, expect, it } from "vitest";
import { cleanCss, svgForWord } from "./svg-for-word.ts";

const wrap = (inner: string, attrs = "") => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${inner}</svg>`;
const clean = (svg: string) => svgForWord(svg)?.toString("utf8") ?? null;

describe("svgForWord", () => {
  it("sees through CSS escapes and entity-encoded URLs", () => {
    expect(cleanCss(".a { background: u\\72l(http://x.example/a.png) }")).not.toContain("x.example");
    expect(cleanCss("@\\69mport 'http://x.example/a.css'; .a{fill:red}")).toBe(" .a{fill:red}");
    expect(cleanCss(".a{fill:url( '#g' )} .b{fill:url(data:image/png;base64,AA)} .c{fill:url(HTTP://x.example)}")).toBe(".a{fill:url( '#g' )} .b{fill:url(data:image/png;base64,AA)} .c{fill:none}");
    expect(cleanCss(".a{background:image-set('http://x.example/a.png' 1x)}")).toBeNull();
    const out = clean(wrap(`<use href="&#104;ttp://x.example/s.svg#a"/><use xlink:href="&#x6A;avascript:alert(1)"/><rect style="fill:&#117;rl(http://x.example/a)"/>`))!;
    expect(out).not.toContain("x.example");
    expect(out).not.toMatch(/javascript/i);
  });

  it("drops anything in another namespace's clothes, comments and processing instructions", () => {
    const out = clean(wrap(`<!-- <image href="http://x.example"/> --><?xml-stylesheet href="http://x.example/a.css"?><svg:image xmlns:svg="http://www.w3.org/2000/svg" href="http://x.example/1"/><g xmlns="http://www.w3.org/1999/xhtml" xmlns:h="http://www.w3.org/1999/xlink" h:href="http://x.example/2"><text>kept</text></g>`))!;
    expect(out).toBe(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><g><text>kept</text></g></svg>`);
  });

  it("refuses what is not one well-formed SVG document, and document types (entity bombs)", () => {
    expect(svgForWord("<svg><g></svg>")).toBeNull();
    expect(svgForWord('<!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')).toBeNull();
    expect(svgForWord("<html><body/></html>")).toBeNull();
    expect(svgForWord("")).toBeNull();
  });

  it("keeps text exactly, escaped again, with a no-break space read from Chromium's HTML serialisation", () => {
    const out = clean(wrap(`<text x="1" y="2">R&amp;D &lt;team&gt; مشتری&nbsp;۱</text><a xlink:href="http://x.example" class="node" transform="translate(1 2)"><rect width="4" height="4"/></a>`))!;
    expect(out).toContain(`<text x="1" y="2">R&amp;D &lt;team&gt; مشتری\u00a0۱</text>`);
    expect(out).toContain(`<g class="node" transform="translate(1 2)"><rect width="4" height="4"/></g>`);
  });
});
