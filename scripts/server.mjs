// The web server of `npm start`, `npm run dev` and the e2e tests: remix-serve's Express
// setup, plus what sign-in hardening needs from the socket (ADR 007):
// - every request's load context carries the peer address and the raw X-Forwarded-For,
//   from which app/utils/client-address.server.ts picks the client (TRUST_PROXY hops);
// - every response carries the security headers; pages replace the fixed policy with
//   their own nonce-bearing Content-Security-Policy (app/entry.server.tsx); a response
//   that says nothing of caching (API, downloads, redirects) gets Cache-Control: no-store;
// - the request log shows no one-time links: /join/<token> and /reset-password/<token>
//   are logged without the token, and query strings are never logged.
// With NODE_ENV=development (`npm run dev`, under `remix dev --manual`) it re-imports the
// build whenever the compiler rewrites it and tells the compiler it is ready, as
// remix-serve does: dev and production answer through the same middleware.
//
// WEB_CONCURRENCY=N (N > 1, production only) runs N web processes on the one port
// (node:cluster; `npm start` asks for one per core, ADR 150): this process then only
// starts them, passes SIGTERM/SIGINT on, and stops them all when one ends.
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

const dev = process.env.NODE_ENV === "development";
const webProcesses = dev ? 1 : Math.max(1, Number.parseInt(process.env.WEB_CONCURRENCY ?? "1", 10) || 1);

if (cluster.isPrimary && webProcesses > 1) startWebProcesses(webProcesses);
else await serve();

/** The primary of WEB_CONCURRENCY web processes: they share the port; one ending (crash or signal) ends all. */
function startWebProcesses(count) {
  let stopping = false;
  const stopAll = (signal) => {
    if (stopping) return;
    stopping = true;
    const alive = () => Object.values(cluster.workers ?? {}).filter((child) => child && !child.isDead());
    for (const child of alive()) child.process.kill(signal);
    // One that does not finish its requests within 10 s is ended.
    setTimeout(() => alive().forEach((child) => child.process.kill("SIGKILL")), 10_000).unref();
  };
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (child, code, signal) => {
    if (!stopping) console.error(`[parkbridge] web process ${child.process.pid} ended (${signal ?? code}); stopping the others`);
    process.exitCode ||= code ?? 0;
    stopAll("SIGTERM");
  });
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stopAll(signal));
}

/** One web process: the build behind Express, on PORT. */
async function serve() {
  const buildPath = path.resolve(process.argv[2] ?? "build/index.js");

  /** The server build; in development a fresh import (cache-busted by its time) after every rebuild. */
  async function importBuild() {
    const href = url.pathToFileURL(buildPath).href;
    return import(dev ? `${href}?t=${fs.statSync(buildPath).mtimeMs}` : href);
  }

  let build = await importBuild();
  installGlobals({ nativeFetch: build.future.v3_singleFetch });

  if (dev) {
    // The compiler writes version.txt beside the build last: re-import then, and say so.
    const buildDir = path.dirname(buildPath);
    let lastVersion = "";
    fs.watch(buildDir, (_event, file) => {
      if (file !== "version.txt") return;
      let version;
      try {
        version = fs.readFileSync(path.join(buildDir, "version.txt"), "utf8");
      } catch {
        return;
      }
      if (version === lastVersion) return;
      lastVersion = version;
      importBuild()
        .then((fresh) => {
          build = fresh;
          return broadcastDevReady(build);
        })
        .catch((error) => console.error("[parkbridge] reloading the build failed:", error));
    });
  }

  const FIXED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
  const FIXED_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  // Filled in just before the head is written, and only where the response has none:
  // Remix's adapter appends the headers a page sets itself, so setting them up front
  // would send each of them twice.
  function securityHeaders(_req, res, next) {
    const writeHead = res.writeHead;
    res.writeHead = function writeHeadWithPolicy(...args) {
      for (const [name, value] of Object.entries(FIXED_HEADERS)) if (!res.hasHeader(name)) res.setHeader(name, value);
      if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", FIXED_POLICY);
      // API answers, downloads and redirects are personal too; assets set their own caching.
      if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      return writeHead.apply(this, args);
    };
    next();
  }

  /**
   * Remix answers a method a route does not handle (POST to a route without an action,
   * GET to one without a loader) with 405 and an English text; pages show the Chinese
   * error page themselves, every other 405 gets a Chinese body here (JSON for the API,
   * in its `{ error: { code, message } }` shape).
   */
  function chineseMethodNotAllowed(req, res, next) {
    const write = res.write;
    const end = res.end;
    const api = req.path.startsWith("/api/");
    let replaced = false;
    const replace = () => {
      if (replaced || res.statusCode !== 405 || res.headersSent) return false;
      if (String(res.getHeader("Content-Type") ?? "").includes("text/html")) return false;
      replaced = true;
      const message = `此地址不支持 ${req.method} 请求`;
      res.removeHeader("Content-Length");
      res.setHeader("Content-Type", api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
      end.call(res, api ? JSON.stringify({ error: { code: "method_not_allowed", message } }) : message);
      return true;
    };
    res.write = function writeUnlessReplaced(...args) {
      return replaced || replace() ? true : write.apply(this, args);
    };
    res.end = function endUnlessReplaced(...args) {
      return replaced || replace() ? this : end.apply(this, args);
    };
    next();
  }

  morgan.token("safe-path", (req) => {
    const pathOnly = (req.originalUrl ?? req.url ?? "").split("?")[0];
    return pathOnly.replace(/^\/(join|reset-password)\/[^/]+/, "/$1/…");
  });

  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  app.use(compression());
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(morgan(":method :safe-path :status :res[content-length] - :response-time ms"));
  app.use(chineseMethodNotAllowed);
  const getLoadContext = (req) => ({
    socketAddress: req.socket.remoteAddress ?? null,
    forwardedFor: req.get("X-Forwarded-For") ?? null,
  });
  const mode = process.env.NODE_ENV;
  const handler = createRequestHandler({ build, mode, getLoadContext });
  // In development the handler is made per request, so every request sees the latest build.
  app.all("*", dev ? (req, res, next) => createRequestHandler({ build, mode, getLoadContext })(req, res, next) : handler);

  const port = Number(process.env.PORT ?? 3000);
  const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
  function onListen() {
    console.log(`[parkbridge] http://localhost:${port}${dev ? " (development)" : ""}`);
    if (dev) void broadcastDevReady(build);
  }
  // A web process of several also holds its channel to the primary: disconnecting closes the server, then the channel.
  const stop = () => (cluster.isWorker ? cluster.worker.disconnect() : server.close((error) => error && console.error(error)));
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, stop);
}
