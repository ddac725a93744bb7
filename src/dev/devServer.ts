/**
 * The dev server behind `npm start`: a small node:http static server for the output folder, with live reload.
 * It replaces @11ty/eleventy-dev-server, which cannot be made safe by configuration: it always listens on every
 * interface, crashes on a malformed request (an uncaught error in an async handler), checks containment with a
 * string prefix (a sibling folder `<output>-secret/` passed), follows symlinks out of the folder, serves
 * passthrough aliases from the project, and pushes rebuilt pages (drafts included) over a WebSocket any web page
 * can open. This one listens on 127.0.0.1 unless told otherwise, answers anything odd with 400, and serves only
 * regular files whose real path is inside the real output folder.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { decodeRequestPath, encodePath } from "./requestPath.ts";

export interface DevServerOptions {
  /** The output folder to serve. */
  root: string;
  /** Address to listen on: `127.0.0.1` unless the user opened it with `--host`. */
  host: string;
  port: number;
  /** Path prefix the site was built for (`--pathprefix`), `/` by default. */
  pathPrefix?: string;
}

/** Server-sent events: a plain GET the browser's same-origin policy covers (a WebSocket it would not). */
export const RELOAD_PATH = "/.dev-server/events";
const RELOAD_SCRIPT = `<script>new EventSource(${JSON.stringify(RELOAD_PATH)}).addEventListener("reload", () => location.reload());</script>`;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".conf": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
  ".webmanifest": "application/manifest+json",
  // `_redirects`: the Netlify rules file, text.
  "": "text/plain; charset=utf-8",
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Whether an address (or a Host header's name) stays on this machine: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(address: string): boolean {
  const name = address.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  const v4 = /^::ffff:(.+)$/.exec(name)?.[1] ?? name;
  if (net.isIPv4(v4)) return v4.startsWith("127.");
  return name === "::1";
}

/** The line printed when the server is reachable from other machines; undefined when it is not. */
export function networkWarning(boundAddress: string): string | undefined {
  if (isLoopback(boundAddress)) return undefined;
  return (
    `Warning: the dev server listens on ${boundAddress}, so it is visible to the network: anyone who can reach this ` +
    "machine can read drafts and embargoed articles. Leave out --host to keep it on 127.0.0.1."
  );
}

function hostForUrl(address: string): string {
  return net.isIPv6(address) ? `[${address}]` : address;
}

function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/** `candidate` is `root` or lies under it: compared at a separator, never as a bare string prefix. */
export function isInside(root: string, candidate: string): boolean {
  const withSep = root.endsWith(path.sep) ? root : root + path.sep;
  return candidate === root || candidate.startsWith(withSep);
}

type Located = { kind: "file"; file: string } | { kind: "folder" } | { kind: "missing" };

/** Finds a site path (decoded, prefix removed) in the output folder, through real paths only. */
async function locate(root: string, sitePath: string): Promise<Located> {
  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(root);
  } catch {
    return { kind: "missing" };
  }
  const candidate = path.resolve(realRoot, `.${sitePath}`);
  if (!isInside(realRoot, candidate)) return { kind: "missing" };
  const target = await realFile(realRoot, candidate);
  if (target.kind !== "folder") {
    // `/site.css/` names a folder; nginx answers 404 as well.
    return target.kind === "file" && sitePath.endsWith("/") ? { kind: "missing" } : target;
  }
  if (!sitePath.endsWith("/")) return { kind: "folder" };
  const index = await realFile(realRoot, path.join(candidate, "index.html"));
  return index.kind === "file" ? index : { kind: "missing" };
}

/** Resolves symlinks and refuses a result outside the real root; only regular files and folders count. */
async function realFile(realRoot: string, candidate: string): Promise<Located> {
  try {
    const real = await fs.promises.realpath(candidate);
    // A symlink in the output folder that leads elsewhere is treated as absent.
    if (!isInside(realRoot, real)) return { kind: "missing" };
    const stat = await fs.promises.stat(real);
    if (stat.isFile()) return { kind: "file", file: real };
    if (stat.isDirectory()) return { kind: "folder" };
    return { kind: "missing" };
  } catch {
    return { kind: "missing" };
  }
}

function injectReload(html: string): string {
  const at = html.toLowerCase().lastIndexOf("</body>");
  return at === -1 ? html + RELOAD_SCRIPT : html.slice(0, at) + RELOAD_SCRIPT + html.slice(at);
}

export class DevServer {
  readonly #root: string;
  readonly #host: string;
  readonly #port: number;
  readonly #prefix: string;
  readonly #server: http.Server;
  readonly #listeners = new Set<http.ServerResponse>();
  #boundAddress = "";

  constructor(options: DevServerOptions) {
    this.#root = path.resolve(options.root);
    this.#host = options.host;
    this.#port = options.port;
    this.#prefix = normalizePrefix(options.pathPrefix);
    this.#server = http.createServer((req, res) => {
      // Never let one request take the server down: whatever fails answers 500 and the server keeps serving.
      this.#handle(req, res).catch((error: unknown) => {
        console.error(`Dev server: ${req.method} ${JSON.stringify(req.url)} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) this.#text(res, 500, "Internal server error");
        else res.destroy();
      });
    });
  }

  /** Starts listening; resolves with the URL it serves on. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: NodeJS.ErrnoException) => {
        const why = error.code === "EADDRINUSE" ? `port ${this.#port} is in use (choose another with --port N)` : error.message;
        reject(new Error(`The dev server cannot listen on ${this.#host}:${this.#port}: ${why}`, { cause: error }));
      };
      this.#server.once("error", fail);
      this.#server.listen({ host: this.#host, port: this.#port }, () => {
        this.#server.off("error", fail);
        resolve();
      });
    });
    const address = this.#server.address();
    this.#boundAddress = typeof address === "object" && address ? address.address : this.#host;
    const port = typeof address === "object" && address ? address.port : this.#port;
    return `http://${hostForUrl(this.#boundAddress)}:${port}${this.#prefix}`;
  }

  /** The address actually bound (after `listen`). */
  get boundAddress(): string {
    return this.#boundAddress;
  }

  /** Tells every open page to reload. */
  reload(): void {
    for (const res of this.#listeners) res.write("event: reload\ndata: \n\n");
  }

  async close(): Promise<void> {
    for (const res of this.#listeners) res.end();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Bound to loopback, only names of this machine are accepted: a page on another site that rebinds its own
    // DNS name to 127.0.0.1 must not be able to read drafts through the reader's browser.
    if (isLoopback(this.#boundAddress)) {
      const hostName = (req.headers.host ?? "").replace(/:\d*$/, "");
      if (hostName !== "" && !isLoopback(hostName) && hostName.toLowerCase() !== this.#host.toLowerCase()) {
        return this.#text(res, 403, "Forbidden: this dev server answers only requests for localhost or 127.0.0.1.");
      }
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return this.#text(res, 405, "Method not allowed");
    }
    const decoded = decodeRequestPath(req.url ?? "");
    if (!decoded.ok) return this.#text(res, 400, `Bad request: ${decoded.reason}.`);
    const requested = decoded.path;

    if (requested === RELOAD_PATH) return this.#subscribe(res);

    let sitePath: string;
    if (this.#prefix === "/") {
      sitePath = requested;
    } else if (requested === "/" || `${requested}/` === this.#prefix) {
      return this.#redirect(res, 302, this.#prefix);
    } else if (requested.startsWith(this.#prefix)) {
      sitePath = requested.slice(this.#prefix.length - 1);
    } else {
      return this.#notFound(req, res);
    }

    const found = await locate(this.#root, sitePath);
    if (found.kind === "folder") return this.#redirect(res, 301, `${encodePath(requested)}/`);
    if (found.kind === "missing") return this.#notFound(req, res);
    return this.#sendFile(req, res, 200, found.file);
  }

  #subscribe(res: http.ServerResponse): void {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
    res.write(": connected\n\n");
    this.#listeners.add(res);
    res.on("close", () => this.#listeners.delete(res));
  }

  async #notFound(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const page = await locate(this.#root, "/404.html");
    if (page.kind === "file") return this.#sendFile(req, res, 404, page.file);
    return this.#text(res, 404, "Not found");
  }

  async #sendFile(req: http.IncomingMessage, res: http.ServerResponse, status: number, file: string): Promise<void> {
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      // Deleted by a rebuild between the lookup and the read.
      return this.#text(res, 404, "Not found");
    }
    const type = contentType(file);
    // Fetches from the page's scripts (`Sec-Fetch-Mode: cors`) get the file as built; navigations get live reload.
    const mode = req.headers["sec-fetch-mode"];
    if (type.startsWith("text/html") && (mode === undefined || mode === "navigate")) {
      body = Buffer.from(injectReload(body.toString("utf8")));
    }
    res.writeHead(status, {
      "Content-Type": type,
      "Content-Length": body.length,
      // Drafts and embargoed pages: never kept by a cache.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  #redirect(res: http.ServerResponse, status: number, location: string): void {
    res.writeHead(status, { Location: location, "Content-Length": 0, "Cache-Control": "no-store" });
    res.end();
  }

  #text(res: http.ServerResponse, status: number, message: string): void {
    const body = `${message}\n`;
    res.writeHead(status, {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(body);
  }
}
