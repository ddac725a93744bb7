/**
 * Serves built sites with nginx from a private configuration on 127.0.0.1:
 * a real static server that answers 404 for a missing file (no directory
 * listings to hide broken links), the way a host would.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface HostedSite {
  /** Built `_site` folder. */
  dir: string;
  /** Sub-path the site is hosted under: `/` or `/some-prefix/`. */
  pathPrefix: string;
  /** Include the build's `_redirects.nginx.conf` maps and answer former URLs with a 301 (one site only: the maps' variables are fixed). */
  redirects?: boolean;
}

export interface RunningServer {
  /** Origin plus path prefix for each site, in the order given: `http://127.0.0.1:PORT/some-prefix/`. */
  urls: string[];
  stop(): Promise<void>;
}

const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx"];

export function findNginx(): string | undefined {
  return NGINX_CANDIDATES.find((p) => fs.existsSync(p));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function serverBlock(site: HostedSite, port: number): string {
  const dir = path.resolve(site.dir);
  // As the README tells maintainers: the maps in the http block, these lines in the server block.
  const redirect = site.redirects
    ? "if ($archive_query_redirect) { return 301 $archive_query_redirect; }\n    if ($archive_redirect) { return 301 $archive_redirect; }"
    : "";
  if (site.pathPrefix === "/") {
    return `server {
    listen 127.0.0.1:${port};
    ${redirect}
    root ${dir};
    error_page 404 /404.html;
    location / { try_files $uri $uri/ =404; }
  }`;
  }
  return `server {
    listen 127.0.0.1:${port};
    ${redirect}
    error_page 404 ${site.pathPrefix}404.html;
    location ${site.pathPrefix} {
      alias ${dir}/;
      try_files $uri $uri/ =404;
    }
    location / { return 404; }
  }`;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not open port ${port}:\n${log()}`);
}

/** Starts one nginx serving each site on its own port. */
export async function serveWithNginx(sites: HostedSite[], workDir: string): Promise<RunningServer> {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed. Install Debian's nginx: apt-get install -y nginx-light");
  fs.mkdirSync(workDir, { recursive: true });
  const ports = await Promise.all(sites.map(() => freePort()));
  const temp = (name: string) => path.join(workDir, name);
  const mimeTypes = fs.existsSync("/etc/nginx/mime.types") ? "include /etc/nginx/mime.types;" : "";
  // As root, nginx's workers would run as nobody and could not read a private temp folder.
  const user = process.getuid?.() === 0 ? "user root;" : "";
  const config = `daemon off;
${user}
worker_processes 1;
pid ${temp("nginx.pid")};
error_log ${temp("error.log")} warn;
events { worker_connections 256; }
http {
  ${mimeTypes}
  types { application/wasm wasm; }
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp("client_body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  ${sites
    .filter((site) => site.redirects)
    .map((site) => `include ${path.resolve(site.dir, "_redirects.nginx.conf")};`)
    .join("\n  ")}
  ${sites.map((site, i) => serverBlock(site, ports[i] as number)).join("\n  ")}
}
`;
  const configFile = temp("nginx.conf");
  fs.writeFileSync(configFile, config);
  const check = spawnSync(nginx, ["-t", "-q", "-c", configFile, "-p", workDir], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx configuration rejected:\n${check.stderr}`);

  let output = "";
  const child = spawn(nginx, ["-c", configFile, "-p", workDir], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const log = () => `${output}${fs.existsSync(temp("error.log")) ? fs.readFileSync(temp("error.log"), "utf8") : ""}`;
  for (const port of ports) await waitForPort(port, child, log);

  return {
    urls: sites.map((site, i) => `http://127.0.0.1:${ports[i]}${site.pathPrefix}`),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT");
      }),
  };
}
