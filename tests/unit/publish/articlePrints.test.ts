/**
 * A dev-server session fingerprints the article pages of an archive assembled again (after a new tag, a new or a
 * deleted article) with the last build's prints at hand (`SitePages.articlePrints`): a page whose inputs are the
 * same objects keeps its print. The prints must be exactly those made from scratch, whatever moved.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources, type LoadOptions, type SourceStats } from "../../../src/content/loadSources.ts";
import { assembled, type Archive } from "../../../src/views/archive.ts";
import { pageFingerprints } from "../../../src/publish/fingerprints.ts";
import { writeSyntheticArchive } from "../../../tools/bench/syntheticArchive.ts";
import { createFixtureArchive, makeTempDir, writeArticle, type FixtureArticle } from "../../support/fixtureArchive.ts";

/** As the dev server reads: drafts and articles dated later shown with their banners. */
const PREVIEW: LoadOptions = { includeDrafts: true, includeFuture: true };
const NOW = Date.UTC(2025, 0, 1);

/** The archive as a session's build reads it: the same stats, so unchanged files keep their parsed objects. */
function archiveOf(root: string, stats: SourceStats, now: number): Archive {
  const read = readSources(root, { ...PREVIEW, now, sourceStats: stats });
  const loaded = assembled(read, { ...PREVIEW, now });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.archive;
}

const articleFiles = (root: string): string[] =>
  (fs.readdirSync(path.join(root, "articles"), { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).sort().map((f) => path.join(root, "articles", f));

const tagsOf = (text: string): string[] => JSON.parse(/^tags: (\[.*\])$/m.exec(text)?.[1] ?? "[]") as string[];

describe("article page prints kept between a session's builds", () => {
  it("equal the prints made from scratch after a new tag, a new article and a deleted one; unmoved pages keep theirs", () => {
    const root = makeTempDir("article-prints");
    writeSyntheticArchive(root, { articles: 300, endDate: "2024-12-31" });
    const stats: SourceStats = new Map();
    const first = pageFingerprints(archiveOf(root, stats, NOW), "key", undefined, { last: undefined });
    expect(first.articlePrints?.byPath.size).toBeGreaterThan(250);

    const files = articleFiles(root);
    // A tag another article has: the retagged article moves into that tag's related reading, both ways.
    const retagged = files[150] as string;
    const donorTags = files.slice(0, 150).map((file) => tagsOf(fs.readFileSync(file, "utf8"))).find((tags) => tags.length > 0) ?? [];
    const text = fs.readFileSync(retagged, "utf8");
    const newTags = [...new Set([...tagsOf(text), ...donorTags])];
    fs.writeFileSync(retagged, /^tags: /m.test(text) ? text.replace(/^tags: .*$/m, `tags: ${JSON.stringify(newTags)}`) : text.replace(/^section: .*$/m, (line) => `${line}\ntags: ${JSON.stringify(newTags)}`));
    // A new article in the middle of the archive, with the same tags; one deleted.
    fs.writeFileSync(
      path.join(root, "articles", "2015", "06", "prints-new-article.md"),
      `---\ntitle: A new article among the others\ndate: 2015-06-10T09:00:00+05:00\nsection: news\nauthor: Bench Writer\ntags: ${JSON.stringify(donorTags)}\n---\nNew.\n`,
    );
    fs.rmSync(files[40] as string);

    const archive = archiveOf(root, stats, NOW + 60_000);
    const kept = pageFingerprints(archive, "key", undefined, { last: first.articlePrints });
    const fresh = pageFingerprints(archive, "key");
    expect([...(kept.fingerprints ?? [])].sort()).toEqual([...fresh.fingerprints].sort());
    // Most pages kept their print (the same entry), the moved ones were made again.
    const reused = [...(kept.articlePrints?.byPath ?? new Map()).entries()].filter(([sourcePath, print]) => first.articlePrints?.byPath.get(sourcePath) === print).length;
    expect(reused).toBeGreaterThan(archive.articles.length / 2);
    expect(reused).toBeLessThan(archive.articles.length - 2);
  });

  it("make again the pages whose only change is a neighbour, a tag link whose address moved, or the article itself", () => {
    const article = (file: string, date: string, section: string, tags: string[]): FixtureArticle => ({
      path: file,
      frontMatter: `title: ${path.basename(file, ".md")}\ndate: ${date}T09:00:00+05:00\nsection: ${section}\nauthor: Ines Duarte${tags.length > 0 ? `\ntags: ${JSON.stringify(tags)}` : ""}`,
    });
    // Sport: five earlier articles tagged "ferry" fill the related reading of the last, so a new untagged article
    // before it changes its older neighbour and nothing else.
    const ferries = [1, 2, 3, 4, 5].map((n) => article(`2019/0${n}/ferry-${n}.md`, `2019-0${n}-10`, "sport", ["ferry"]));
    // News: "harbour" articles, whose tag address moves when a new article brings the tag "Harbour" (which sorts
    // first and takes the address /tags/harbour/).
    const harbours = [1, 2, 3].map((n) => article(`2020/0${n}/harbour-${n}.md`, `2020-0${n}-10`, "news", ["harbour"]));
    // Editorial: one article alone, whose body is edited (no other page shows its body).
    const lone = article("2018/01/lone.md", "2018-01-10", "editorial", []);
    const root = createFixtureArchive({ articles: [...ferries, article("2024/01/ferry-last.md", "2024-01-10", "sport", ["ferry"]), ...harbours, lone] });
    const stats: SourceStats = new Map();
    const first = pageFingerprints(archiveOf(root, stats, NOW), "key", undefined, { last: undefined });

    writeArticle(root, article("2023/06/untagged.md", "2023-06-10", "sport", []));
    writeArticle(root, article("2023/07/big-harbour.md", "2023-07-10", "news", ["Harbour"]));
    // A new body: the same related reading, neighbours and links, another article.
    fs.appendFileSync(path.join(root, "articles/2018/01/lone.md"), "\nA second paragraph.\n");
    const archive = archiveOf(root, stats, NOW + 60_000);
    const kept = pageFingerprints(archive, "key", undefined, { last: first.articlePrints });
    const fresh = pageFingerprints(archive, "key");
    expect([...kept.fingerprints].sort()).toEqual([...fresh.fingerprints].sort());
    // Another render key (a template edited): every print is made again.
    const rekeyed = pageFingerprints(archive, "another key", undefined, { last: kept.articlePrints });
    expect([...rekeyed.fingerprints].sort()).toEqual([...pageFingerprints(archive, "another key").fingerprints].sort());
    // Changed: the edited article, the last ferry article (its older neighbour), the one before the new article (its
    // newer one), and the harbour articles (their tag link).
    const changed = [...fresh.articleByFile.keys()].filter((file) => first.fingerprints.has(file) && first.fingerprints.get(file) !== fresh.fingerprints.get(file));
    expect(changed.sort()).toEqual([
      "2018/01/10/lone/index.html",
      "2019/05/10/ferry-5/index.html",
      "2020/01/10/harbour-1/index.html",
      "2020/02/10/harbour-2/index.html",
      "2020/03/10/harbour-3/index.html",
      "2024/01/10/ferry-last/index.html",
    ]);
  });
});
