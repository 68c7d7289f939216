// Production server: express in front of the React Router build.
// Start-up checks the methodology packs and migrates the database before listening.
// This is the production server (the development server is `npm run dev`): it runs
// as one unless told otherwise, so `npm start` gets React's production build, the
// Content-Security-Policy and the page memo. The modules are loaded after this line.
process.env.NODE_ENV ??= "production";
const { default: compression } = await import("compression");
const { default: express } = await import("express");
const { createRequestHandler } = await import("@react-router/express");
const { RouterContextProvider } = await import("react-router");

const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const MAX_BODY_BYTES = 1024 * 1024;
// The project import page receives a whole project file: up to 20 MB (IMPORT_MAX_BYTES in
// app/domain/project-transfer.server.ts) plus room for the form around it.
const LARGER_BODIES = new Map([["/projects/import", 20 * 1024 * 1024 + 64 * 1024]]);
// The selection page receives a vendor's filled response sheet, the import page a register's spreadsheet: up to 5 MB
// (MAX_WORKBOOK_UPLOAD_BYTES in app/domain/workbook-safety.server.ts) plus room for the form around it
// (UPLOAD_ENVELOPE_BYTES in app/http.server.ts).
const LARGER_BODY_PATTERNS = [
  [/^\/projects\/\d+\/selection(?:\.data)?$/, 5 * 1024 * 1024 + 64 * 1024],
  [/^\/projects\/\d+\/registers\/[^/]+\/import(?:\.data)?$/, 5 * 1024 * 1024 + 64 * 1024],
];
const bodyLimit = (path) => LARGER_BODIES.get(path) ?? LARGER_BODY_PATTERNS.find(([re]) => re.test(path))?.[1] ?? MAX_BODY_BYTES;

const build = await import("./build/server/index.js");
try {
  const ready = await build.entry.module.prepareServer({ seedDemo: process.env.GAMBEGAM_DEMO !== "off" });
  console.log(`Methodology packs: ${ready.packs.join(", ")}`);
  if (ready.demoProjectId) console.log(`Created the demo projects: Mehregan (id ${ready.demoProjectId}, Persian, part-way) and Alder & Finch (English, completed).`);
  if (ready.mailLine) console.log(ready.mailLine);
  if (ready.setupCode) {
    console.log(`\nNo administrator yet. The set-up page asks for this one-time code:\n\n    ${ready.setupCode.code}\n\n(also in ${ready.setupCode.file}, readable only by this account)\n`);
  }
} catch (error) {
  console.error(`\nGambegam cannot start:\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : process.env.TRUST_PROXY);
app.use(compression());

// Bodies over the limit are refused before anyone reads them; a body without a
// declared length (chunked) is refused too, since forms always declare it.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = req.headers["content-length"];
  const message = (fa, en) => `<!doctype html><meta charset="utf-8"><p lang="fa" dir="rtl">${fa}</p><p lang="en">${en}</p>`;
  if (length === undefined && req.headers["transfer-encoding"]) {
    res.status(411).type("html").send(message("درخواست بدون طول مشخص پذیرفته نمی‌شود.", "A request body must declare its length."));
    return;
  }
  const limit = bodyLimit(req.path);
  if (Number(length) > limit) {
    const mb = Math.floor(limit / 1024 / 1024);
    res.status(413).type("html").send(message(`حجم داده ارسالی بیش از حد مجاز است (${mb.toLocaleString("fa-IR")} مگابایت).`, `The submitted data is too large (limit ${mb} MB).`));
    return;
  }
  next();
});

// A form posted from another site is refused before anything reads it (React
// Router would refuse it too, with a bare 400): sign-in, set-up, a password
// reset and accepting an invitation must come from this site's own pages.
// No Origin header at all (curl, older browsers) is let through.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  // The origin the request was made to, read as React Router reads it.
  const host = (app.enabled("trust proxy") && req.get("X-Forwarded-Host")?.split(",")[0]?.trim()) || req.get("host");
  const own = `${req.protocol}://${host}`;
  if (!build.entry.module.foreignOrigin(req.headers.origin, own)) return next();
  res
    .status(403)
    .type("html")
    .send(
      `<!doctype html><meta charset="utf-8"><title>403</title><p lang="fa" dir="rtl">این فرم از وبگاه دیگری فرستاده شده و پذیرفته نشد. صفحه را از همین نشانی باز کنید و دوباره بفرستید.</p><p lang="en">This form was sent from another site and was refused. Open the page at this address and send it again.</p>`,
    );
});

// Static files get the same protective headers as pages (React Router's
// responses get theirs from the app: the root middleware and entry.server).
const staticHeaders = (res) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
};
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", setHeaders: staticHeaders }));
// The other files of build/client (the icon): only a path that names a file
// (an extension, not a page's data) is looked for on disk, so a page request
// costs no file-system lookup and no "not found" error inside express.
const staticFiles = express.static("build/client", { maxAge: "1h", setHeaders: staticHeaders });
app.use((req, res, next) => (/\.\w+$/.test(req.path) && !req.path.endsWith(".data") ? staticFiles(req, res, next) : next()));
app.all(
  "/{*splat}",
  createRequestHandler({
    build,
    // The client's address, for sign-in throttling and the audit log. Behind a
    // reverse proxy set TRUST_PROXY=1 so that X-Forwarded-For is used.
    getLoadContext(req) {
      const context = new RouterContextProvider();
      const facts = { socketAddress: req.socket.remoteAddress, ip: req.ip, trustProxy: Boolean(process.env.TRUST_PROXY), headers: req.headers };
      context.set(build.entry.module.clientAddressContext, build.entry.module.clientAddress(facts));
      // The published demo password works only from this computer (decision 016).
      context.set(build.entry.module.clientIsLocalContext, build.entry.module.clientIsLocal(facts));
      // A document or a data request (".data"): the page memo answers documents only.
      context.set(build.entry.module.receivedPathContext, req.path);
      return context;
    },
  }),
);

app.use((error, req, res, _next) => {
  console.error(error);
  res.status(500).type("text").send("Internal error");
});

const server = app.listen(PORT, HOST, () => {
  console.log(`Gambegam is ready on http://localhost:${server.address().port}`);
  // The diagram browser starts now, in the background: the first page does not wait for
  // it, the first document download does not pay for it, and without Chromium nothing fails.
  void build.entry.module.startDiagramBrowser();
});

// Stopping (Ctrl+C, a service manager's SIGTERM): stop taking connections, let the
// requests under way finish for up to 5 s, stop the diagram browser, then exit
// normally (the database connection is closed on the way out rather than dropped
// by a signal).
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections?.();
    Promise.all([closed, build.entry.module.stopDiagramBrowser().catch(() => undefined)]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
