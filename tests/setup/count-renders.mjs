// Preloaded into a test server (`node --import ./tests/setup/count-renders.mjs server.js`):
// writes one line "react-render <n>" to the server's output each time React
// renders a document, so a test can tell how many renders one page cost
// (tests/integration/page-memo.test.ts).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// The same module instance the server build imports: patched before it loads.
const server = require("react-dom/server");
const render = server.renderToPipeableStream;
let n = 0;
server.renderToPipeableStream = (children, options) => {
  process.stdout.write(`react-render ${++n}\n`);
  return render(children, options);
};
