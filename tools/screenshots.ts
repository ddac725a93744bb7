/**
 * `npm run screenshots`: regenerates the README's screenshots (docs/screenshots/)
 * from a fresh build of the sample archive, served by nginx, in Debian's Chromium.
 */
import path from "node:path";
import { loadArchive } from "../src/views/archive.ts";
import { buildSite } from "../src/publish/buildSite.ts";
import { PROJECT_ROOT } from "../src/paths.ts";
import { launchChromium } from "../tests/browser/tools.ts";
import { makeTempDir } from "../tests/support/fixtureArchive.ts";
import { serveWithNginx } from "../tests/support/staticServer.ts";

const OUT = path.join(PROJECT_ROOT, "docs", "screenshots");
const work = makeTempDir("screenshots");
const site = path.join(work, "_site");
console.log("building the sample archive…");
await buildSite({ contentRoot: PROJECT_ROOT, outputDir: site });
const loaded = loadArchive(PROJECT_ROOT);
if (!loaded.ok) throw new Error("the sample archive does not load");
const article = loaded.archive.articles.find((a) => a.authors.length > 1 && a.dateline && a.updated && a.printDate) ?? loaded.archive.articles[0]!;

const server = await serveWithNginx([{ dir: site, pathPrefix: "/" }], path.join(work, "nginx"));
const browser = await launchChromium();
try {
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    for (const [name, pagePath] of [
      ["home", ""],
      ["article", article.url.slice(1)],
      ["search", "search/?q=harbour&sort=desc"],
    ] as const) {
      await page.goto(server.urls[0] + pagePath);
      if (name === "search") await page.waitForSelector('#search[data-state="done"]');
      const file = path.join(OUT, `${name}-${width}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
