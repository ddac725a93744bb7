/**
 * `npm start` stays private and up: it listens on 127.0.0.1 unless `--host` says otherwise, answers malformed
 * requests with 400 and keeps serving, and serves nothing from outside its output folder. Requests go out through
 * node:http with the path exactly as written (fetch and URL would normalise `..` before sending it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInside, isLoopback, networkWarning } from "../../src/dev/devServer.ts";
import { decodeRequestPath } from "../../src/dev/requestPath.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createGazetteArchive } from "../support/gazetteFixture.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";

const SECRET = "dev-server-secret-4f1c";

interface Served {
  child: ChildProcess;
  port: number;
  log: () => string;
}

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** One request with the path sent as given; `host` is the address connected to. */
function request(port: number, rawPath: string, options: { host?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: options.host ?? "127.0.0.1", port, path: rawPath, method: "GET", headers: options.headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`timed out: ${rawPath}`)));
    req.on("error", reject);
    req.end();
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function startServer(root: string, output: string, extraArgs: string[], probeHost: string): Promise<Served> {
  const port = await freePort();
  let log = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(PROJECT_ROOT, "src/cli/serve.ts"), "--root", root, "--port", String(port), "--output", output, ...extraArgs],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d) => (log += String(d)));
  child.stderr?.on("data", (d) => (log += String(d)));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The dev server exited (${child.exitCode}):\n${log}`);
    const home = await request(port, "/", { host: probeHost }).catch(() => undefined);
    if (home?.status === 200) return { child, port, log: () => log };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for the dev server:\n${log}`);
}

let temp: string;
let output: string;
let local: Served;
let opened: Served;

beforeAll(async () => {
  const root = createGazetteArchive();
  temp = makeTempDir("dev-security");
  output = path.join(temp, "dev-site");
  // A sibling whose name starts with the output folder's name: a string-prefix containment check lets it through.
  fs.mkdirSync(path.join(temp, "dev-site-secret"), { recursive: true });
  fs.writeFileSync(path.join(temp, "dev-site-secret", "secret.txt"), `${SECRET}\n`);
  // 127.0.0.2 is loopback too (Linux routes all of 127/8 to lo): opening the server there stays on this machine.
  [local, opened] = await Promise.all([
    startServer(root, output, [], "127.0.0.1"),
    startServer(root, path.join(temp, "opened-site"), ["--host", "127.0.0.2"], "127.0.0.2"),
  ]);
}, 180_000);

afterAll(() => {
  local?.child.kill("SIGTERM");
  opened?.child.kill("SIGTERM");
});

describe("dev server: malformed requests", () => {
  it.each(["/%E0%A4%A", "/..%2f..%2fetc%2fpasswd", "/%c0%ae%c0%ae/", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/a%00b", "/..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd", "/%"])(
    "answers %s with 400 and keeps serving",
    async (rawPath) => {
      const answer = await request(local.port, rawPath);
      expect(answer.status, local.log()).toBe(400);
      expect(answer.body).not.toContain("root:");
      expect((await request(local.port, "/")).status, local.log()).toBe(200);
      expect(local.child.exitCode).toBeNull();
    },
  );
});

describe("dev server: nothing outside the output folder", () => {
  it.each(["/..%2fdev-site-secret%2fsecret.txt", "/../dev-site-secret/secret.txt", "/%2e%2e/dev-site-secret/secret.txt", "/%2E%2E%2Fdev-site-secret/secret.txt", "//..%2fdev-site-secret/secret.txt"])(
    "does not serve the sibling folder's file for %s",
    async (rawPath) => {
      const answer = await request(local.port, rawPath);
      expect(answer.status).not.toBe(200);
      expect(answer.body).not.toContain(SECRET);
      expect((await request(local.port, "/")).status).toBe(200);
    },
  );

  it("refuses symlinks inside the output folder that lead outside it", async () => {
    // Made after the first build (a rebuild would clear them); a file link and a folder link.
    fs.symlinkSync(path.join(temp, "dev-site-secret", "secret.txt"), path.join(output, "leak.txt"));
    fs.symlinkSync(path.join(temp, "dev-site-secret"), path.join(output, "leak"));
    for (const rawPath of ["/leak.txt", "/leak/secret.txt", "/leak/"]) {
      const answer = await request(local.port, rawPath);
      expect(answer.status, rawPath).toBe(404);
      expect(answer.body).not.toContain(SECRET);
    }
  });

  it("still serves ordinary pages, assets and the 404 page", async () => {
    const home = await request(local.port, "/");
    expect(home.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(home.body).toContain("<html");
    const css = await request(local.port, "/assets/site.css");
    expect(css.status).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await request(local.port, "/assets/search.js")).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await request(local.port, "/2023/12/09/harbour-vote/")).status).toBe(200);
    const folder = await request(local.port, "/2023/12/09/harbour-vote");
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe("/2023/12/09/harbour-vote/");
    const missing = await request(local.port, "/no/such/page/");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("<html");
  });
});

describe("dev server: who can reach it", () => {
  it("listens on 127.0.0.1 only by default, and says where", async () => {
    expect(await accepts("127.0.0.1", local.port)).toBe(true);
    // Bound to every interface, the server would accept this other loopback address as well.
    expect(await accepts("127.0.0.2", local.port)).toBe(false);
    expect(local.log()).toContain(`http://127.0.0.1:${local.port}/`);
    expect(local.log()).not.toMatch(/visible to the network/i);
  });

  it("listens where --host says", async () => {
    expect(await accepts("127.0.0.2", opened.port)).toBe(true);
    expect(await accepts("127.0.0.1", opened.port)).toBe(false);
    expect(opened.log()).toContain(`http://127.0.0.2:${opened.port}/`);
  });

  it("refuses requests naming another host (DNS rebinding: a web page's script reaching a loopback server)", async () => {
    const answer = await request(local.port, "/", { headers: { Host: `attacker.example:${local.port}` } });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain("<html");
    expect((await request(local.port, "/", { headers: { Host: `localhost:${local.port}` } })).status).toBe(200);
  });
});

describe("dev server: the rules, without a server", () => {
  it("warns when --host opens the server beyond this machine, and only then", () => {
    // Tests bind loopback addresses only, so the warning for an open address is checked here.
    expect(networkWarning("0.0.0.0")).toMatch(/visible to the network.*drafts and embargoed articles/);
    expect(networkWarning("::")).toMatch(/visible to the network/);
    expect(networkWarning("192.168.1.20")).toMatch(/visible to the network/);
    for (const address of ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1", "localhost"]) expect(networkWarning(address)).toBeUndefined();
    expect(isLoopback("[::1]")).toBe(true);
    expect(isLoopback("localhost.attacker.example")).toBe(false);
  });

  it("decodes a request path once and refuses what no link of the site produces", () => {
    expect(decodeRequestPath("/2023/12/09/harbour-vote/?q=1")).toEqual({ ok: true, path: "/2023/12/09/harbour-vote/" });
    expect(decodeRequestPath("/tags/caf%C3%A9/")).toEqual({ ok: true, path: "/tags/café/" });
    // Decoded once: `%252e` is the text "%2e", not a dot.
    expect(decodeRequestPath("/%252e%252e/x")).toEqual({ ok: true, path: "/%2e%2e/x" });
    expect(decodeRequestPath("//a///b/")).toEqual({ ok: true, path: "/a/b/" });
    for (const target of ["/%E0%A4%A", "/%zz", "/%c0%ae%c0%ae/", "/%ed%a0%80", "/%00", "/a%0ab", "/%5c", "/a\\b", "/./a", "/a/..", "/%2e%2e/", "*", "http://evil.example/", "/a b"]) {
      expect(decodeRequestPath(target).ok, target).toBe(false);
    }
  });

  it("checks containment at a path separator, not as a string prefix", () => {
    expect(isInside("/tmp/x/dev-site", "/tmp/x/dev-site")).toBe(true);
    expect(isInside("/tmp/x/dev-site", "/tmp/x/dev-site/a.html")).toBe(true);
    expect(isInside("/tmp/x/dev-site", "/tmp/x/dev-site-secret/secret.txt")).toBe(false);
    expect(isInside("/", "/etc/passwd")).toBe(true);
  });
});
