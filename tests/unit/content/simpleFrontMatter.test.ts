/**
 * The fast front matter reader (src/content/simpleFrontMatter.ts) must give exactly what the full YAML reader
 * gives, or step aside: each case is read both ways and compared, data and key lines.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../../src/content/frontMatter.ts";
import { parseSimpleFrontMatter } from "../../../src/content/simpleFrontMatter.ts";
import { writeSyntheticArchive } from "../../../tools/bench/syntheticArchive.ts";
import { makeTempDir } from "../../support/fixtureArchive.ts";
import { SAMPLE_ROOT } from "../../support/sampleFixture.ts";

const file = (yaml: string): string => `---\n${yaml}---\nBody text.\n`;
const both = (source: string) => [parseFrontMatter(source), parseFrontMatter(source, { fullYaml: true })] as const;
const TYPED = new Set(["draft"]);

function articleFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".md")).map((f) => path.join(dir, f));
}

describe("the fast front matter reader", () => {
  const simple = [
    'title: Harbour vote\ndate: 2023-12-09T03:30:00+05:00\nsection: news\n',
    'title: "Post Format: Gallery (Tiled)"\nauthor: Theme Buster\n',
    "title: 'Single: quoted'\n",
    "title: 007\nexcerpt: True\nslug: 1.10\ndateline: 0x1F\nsection: .inf\n",
    "title: It's a \"quote\" inside, and [brackets] {braces}, commas\n",
    "title: A#hash without a space\n",
    'tags: ["ferry", "transport"]\nauthor: []\n',
    "tags:\n  - ferry\n  - '2023'\n  - \"x: y\"\n",
    "tags:\n- column zero\n- items\nsection: news\n",
    "image:\n  src: harbour.jpg\n  alt: \"The quay: at dawn\"\n  caption: Boats, at rest\n",
    "draft: true\n",
    'tags: ["a", "b, c"]\n',
    "author: [Leena Karim, Zubair Fenn]\ntags: [ferry, 2023, true]\n",
    'image: { src: "a b.jpg", alt: "A photo, with a comma", caption: Plain words }\nempty: {}\n',
    "draft: false\ntitle: Tail spaces   \n",
    "title:    leading spaces\n",
    "true: key that looks like a boolean\n",
    "",
    "title: Café, naïve, 東京\n",
  ];
  it.each(simple)("reads %j as the full reader does, without it", (yaml) => {
    const [fast, full] = both(file(yaml));
    expect(fast).toEqual(full);
    const yamlText = yaml;
    expect(parseSimpleFrontMatter(yamlText, TYPED)).toBeDefined();
  });

  const other = [
    "title: null\n",
    "title: ~\n",
    "title:\nsection: news\n",
    "title: a: b\n",
    "title: text # a comment\n",
    "# a comment\ntitle: x\n",
    "title: \"escaped \\\" quote\"\n",
    "title: 'it''s'\n",
    "title: &anchor x\nexcerpt: *anchor\n",
    "title: x\ntitle: y\n",
    "title: a\n  continued on the next line\n",
    "title: |\n  a block\n",
    "draft: yes\n",
    "draft: True\n",
    "tags: [null, x]\n",
    "tags: [a: b]\n",
    "image: { src: 'a.jpg' }\n",
    "image: { src: a.jpg, src: b.jpg }\n",
    'image: { alt: "unclosed }\n',
    "image:\n  src: a.jpg\n   alt: deeper\n",
    "corrections:\n  - date: 2024-01-02\n    text: Fixed.\n",
    "title: x\r\n",
    "title:\tx\n",
    "__proto__: x\n",
    "title: x\n\nsection: news\n",
    "title: -5\n",
    "title: [unclosed\n",
  ];
  it.each(other)("leaves %j to the full reader, which reads it as before", (yaml) => {
    expect(parseSimpleFrontMatter(yaml, TYPED)).toBeUndefined();
    const [fast, full] = both(file(yaml));
    expect(fast).toEqual(full);
  });

  it("agrees with the full reader on every file of the sample archive and of a synthetic one", () => {
    const synthetic = makeTempDir("simple-front-matter");
    writeSyntheticArchive(synthetic, { articles: 400 });
    let fastPath = 0;
    const files = [...articleFiles(path.join(SAMPLE_ROOT, "articles")), ...articleFiles(path.join(synthetic, "articles"))];
    for (const name of files) {
      const source = fs.readFileSync(name, "utf8");
      const [fast, full] = both(source);
      expect(fast, name).toEqual(full);
      const yamlText = source.slice(source.indexOf("\n") + 1, source.indexOf("\n---", 3) + 1);
      if (parseSimpleFrontMatter(yamlText, TYPED)) fastPath++;
    }
    expect(files.length).toBeGreaterThan(400);
    // Most articles take the fast path (otherwise it is not doing its job).
    expect(fastPath / files.length).toBeGreaterThan(0.8);
  });
});
