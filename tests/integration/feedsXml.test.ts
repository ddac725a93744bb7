/**
 * Feeds stay valid XML whatever text the archive holds: control characters
 * XML 1.0 forbids (U+0001 to U+001F but tab and newlines, U+FFFE, U+FFFF) in a
 * title, an author, a section description or a body's first paragraph are
 * dropped, the way the sitemaps drop them. xmllint, not our own reading,
 * decides whether a file is well-formed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/publish/buildSite.ts";
import { DEFAULT_SECTIONS, createFixtureArchive, makeTempDir } from "../support/fixtureArchive.ts";

/** Every character XML 1.0 cannot carry, even escaped, that front matter and Markdown let through. */
const FORBIDDEN = [...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x00), 0xfffe, 0xffff];
const yamlEscapes = FORBIDDEN.map((c) => (c > 0xff ? `\\u${c.toString(16).toUpperCase()}` : `\\x${c.toString(16).padStart(2, "0")}`)).join("");

let site: string;

beforeAll(async () => {
  const root = createFixtureArchive({
    site: { outlet: "The Gullhaven\u0007 Gazette" },
    sections: DEFAULT_SECTIONS.map((s) => (s.slug === "news" ? { ...s, description: "Harbour\u0001 news & more" } : s)),
    articles: [
      {
        path: "2024/03/bell.md",
        // YAML double quotes spell control characters as escapes; the file itself holds none there.
        frontMatter: `title: "Harbour bell${yamlEscapes} rings <again> & again"\ndate: 2024-03-15T09:00:00+05:00\nsection: news\nauthor: ["Mira\\x0bHolt", "Tobias\\x1fFenn"]`,
        // Raw control characters in the body's first paragraph, which becomes the derived excerpt (the summary).
        body: `The bell\u0001 rang at\u0008 dawn\u000b, said the keeper\u001f.\uFFFE\uFFFF Tab\tstays.\n\nSecond paragraph.\n`,
      },
      {
        path: "2024/03/plain.md",
        frontMatter: "title: A plain headline\ndate: 2024-03-14T09:00:00+05:00\nsection: opinion\nauthor: Anouk Ferrer\nexcerpt: \"Written\\x02 excerpt,\\twith a tab\"",
      },
    ],
  });
  site = path.join(makeTempDir("feeds-xml-site"), "_site");
  await buildSite({ contentRoot: root, outputDir: site, now: Date.UTC(2024, 2, 16) });
});

function xmllint(file: string): { status: number; stderr: string } {
  const run = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
  if (run.error) throw new Error(`xmllint is needed by this test (${run.error.message}): apt-get install -y libxml2-utils`);
  return { status: run.status ?? -1, stderr: run.stderr };
}

const FEEDS = ["feed.xml", "news/feed.xml", "opinion/feed.xml"];

describe("feeds with control characters in the archive's text", () => {
  it("are well-formed XML (xmllint)", () => {
    for (const feed of FEEDS) {
      const run = xmllint(path.join(site, feed));
      expect(run.stderr, feed).toBe("");
      expect(run.status, feed).toBe(0);
    }
  });

  it("keep the text around the dropped characters, escaped, with tabs kept", () => {
    const feed = parseFeed(fs.readFileSync(path.join(site, "feed.xml"), "utf8"));
    expect(feed.title).toBe("The Gullhaven Gazette");
    const bell = feed.items.find((item) => item.url?.endsWith("/bell/"));
    expect(bell?.title).toBe("Harbour bell rings <again> & again");
    expect(bell?.authors.map((a) => a.name)).toEqual(["MiraHolt", "TobiasFenn"]);
    // The derived excerpt folds whitespace (the vertical tab too) into spaces.
    expect(bell?.description).toBe("The bell rang at dawn , said the keeper. Tab stays.");
    const plain = feed.items.find((item) => item.url?.endsWith("/plain/"));
    expect(plain?.description).toBe("Written excerpt,\twith a tab");
    const news = parseFeed(fs.readFileSync(path.join(site, "news/feed.xml"), "utf8"));
    expect(news.description).toBe("Harbour news & more");
  });

  it("leave no forbidden character in any feed", () => {
    for (const feed of FEEDS) {
      const text = fs.readFileSync(path.join(site, feed), "utf8");
      expect(text, feed).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    }
  });
});
