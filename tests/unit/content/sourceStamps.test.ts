/**
 * The article files' stamps taken in a thread while the parse cache is read (src/content/loadSources.ts): the same
 * stamp `statStamp` gives each article file, for the files `listArticleFiles` lists and for no symbolic link.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stampSourcesInBackground, statStamp } from "../../../src/content/loadSources.ts";
import { listArticleFiles } from "../../../src/content/parseArticle.ts";
import { makeTempDir } from "../../support/fixtureArchive.ts";

function writeFile(root: string, relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), text);
}

describe("article files stamped in the background", () => {
  it("gives statStamp's stamp for every listed article file, and none for links or other files", async () => {
    const root = makeTempDir("stamps-");
    writeFile(root, "articles/2024/01/one.md", "---\ntitle: One\n---\nBody.\n");
    writeFile(root, "articles/2024/02/two.md", "---\ntitle: Two\n---\nAnother body.\n");
    writeFile(root, "articles/2024/02/notes.txt", "not an article\n");
    writeFile(root, "articles/.drafts/hidden.md", "---\ntitle: Hidden\n---\n");
    fs.symlinkSync(path.join(root, "articles/2024/01/one.md"), path.join(root, "articles/2024/02/link.md"));
    fs.symlinkSync(path.join(root, "articles/2024/01"), path.join(root, "articles/linked-folder"));

    const stamps = await stampSourcesInBackground(root);
    const listed = listArticleFiles(root);
    expect(listed).toEqual(["articles/2024/01/one.md", "articles/2024/02/two.md"]);
    expect([...stamps.keys()].sort()).toEqual(listed);
    for (const file of listed) expect(stamps.get(file)).toBe(statStamp(path.join(root, file)));
  });

  it("answers an empty map for an archive without articles", async () => {
    const root = makeTempDir("stamps-empty-");
    expect((await stampSourcesInBackground(root)).size).toBe(0);
  });
});
