// Preloaded into a test server (`node --import ./tests/setup/smuggle-script.mjs server.js`):
// stands for any bug that lets a member's text reach a page as markup. Every
// document React renders gets an inline script element at the start of its
// <main>, where the project's content is, after React has rendered it. The
// Content-Security-Policy must not allow it: only the framework's own inline
// scripts may run (tests/integration/hardening.test.ts).
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";

export const SMUGGLED = `<script>document.documentElement.dataset.smuggled = "ran"</script>`;

const require = createRequire(import.meta.url);
// The same module instance the server build imports: patched before it loads.
const server = require("react-dom/server");
const render = server.renderToPipeableStream;
server.renderToPipeableStream = (children, options) => {
  const rendering = render(children, options);
  return {
    abort: rendering.abort,
    pipe(destination) {
      const chunks = [];
      const collect = new PassThrough();
      collect.on("data", (c) => chunks.push(c));
      collect.on("end", () => destination.end(Buffer.concat(chunks).toString("utf8").replace(/(<main\b[^>]*>)/, `$1${SMUGGLED}`)));
      rendering.pipe(collect);
      return destination;
    },
  };
};
