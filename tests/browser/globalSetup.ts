/**
 * Builds the sample archive (its copy in tests/fixtures/sample/) twice (at the root and under /some-prefix/), serves
 * both with nginx, and hands the URLs to the browser tests. Missing system tools
 * fail the suite with the command that installs them: these tests never pass
 * by being skipped.
 */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite } from "../../src/publish/buildSite.ts";
import { makeTempDir } from "../support/fixtureArchive.ts";
import { SAMPLE_ROOT } from "../support/sampleFixture.ts";
import { findNginx, serveWithNginx, type RunningServer } from "../support/staticServer.ts";
import { CHROMIUM_PATH, JAVA_PATH } from "./tools.ts";

declare module "vitest" {
  export interface ProvidedContext {
    rootUrl: string;
    prefixUrl: string;
    rootSite: string;
    prefixSite: string;
  }
}

export const PREFIX = "/some-prefix/";
let server: RunningServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = [
    fs.existsSync(CHROMIUM_PATH) ? undefined : `chromium (${CHROMIUM_PATH})`,
    findNginx() ? undefined : "nginx (/usr/sbin/nginx)",
    fs.existsSync(JAVA_PATH) ? undefined : `a Java runtime (${JAVA_PATH})`,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(
      `The browser tests need ${missing.join(", ")}, from Debian's packages:\n` +
        "  apt-get update && apt-get install -y chromium nginx-light default-jre-headless",
    );
  }
  const work = makeTempDir("browser-suite");
  const rootSite = path.join(work, "root", "_site");
  const prefixSite = path.join(work, "prefixed", "_site");
  await buildSite({ contentRoot: SAMPLE_ROOT, outputDir: rootSite });
  await buildSite({ contentRoot: SAMPLE_ROOT, outputDir: prefixSite, pathPrefix: PREFIX });
  server = await serveWithNginx(
    [
      { dir: rootSite, pathPrefix: "/", redirects: true },
      { dir: prefixSite, pathPrefix: PREFIX },
    ],
    path.join(work, "nginx"),
  );
  const [rootUrl, prefixUrl] = server.urls as [string, string];
  project.provide("rootUrl", rootUrl);
  project.provide("prefixUrl", prefixUrl);
  project.provide("rootSite", rootSite);
  project.provide("prefixSite", prefixSite);
  return async () => {
    await server?.stop();
  };
}
