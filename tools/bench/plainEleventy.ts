/**
 * The baseline of issue 14's "a site of a few dozen articles should build as fast as a plain Eleventy site of the
 * same size": the bench's articles as a plain Eleventy 3 site (one page per article through one Nunjucks layout
 * with its headline, date, byline and body, and a home page listing them all), built by Eleventy's own command,
 * then indexed by Pagefind's own command, each timed as a new user would run them. What the archive adds (section,
 * author, tag and date listings, feeds, sitemaps, redirects, the print line, validation, the staging and swap) has
 * no counterpart here: the comparison is of the fixed costs a small site pays.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseFrontMatter } from "../../src/content/frontMatter.ts";
import { listArticleFiles } from "../../src/content/parseArticle.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";

export interface PlainEleventyResult {
  /** `npx @11ty/eleventy` over the articles: wall time of the whole command. */
  eleventySeconds: number;
  /** `npx pagefind --site` over Eleventy's output. */
  pagefindSeconds: number;
  pages: number;
}

const LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }} | The Bench Courier</title></head>
<body>
<header><a href="/">The Bench Courier</a></header>
<main data-pagefind-body>
<h1>{{ title }}</h1>
<p><time datetime="{{ page.date.toISOString() }}">{{ page.date.toDateString() }}</time>{% if author %} · By {{ author }}{% endif %}</p>
{{ content | safe }}
</main>
</body>
</html>
`;

const HOME = `---
layout: article.njk
title: Every article
---
<ul>
{%- for item in collections.article | reverse %}
<li><a href="{{ item.url }}">{{ item.data.title }}</a> ({{ item.date.toDateString() }})</li>
{%- endfor %}
</ul>
`;

const CONFIG = `export default function () {
  return { dir: { input: "src", includes: "_includes", output: "_site" }, markdownTemplateEngine: false };
}
`;

/** Writes the plain site of the corpus in `corpusDir` into `plainDir` (replaced), builds and indexes it. */
export function runPlainEleventy(corpusDir: string, plainDir: string): PlainEleventyResult {
  fs.rmSync(plainDir, { recursive: true, force: true });
  const src = path.join(plainDir, "src");
  fs.mkdirSync(path.join(src, "_includes"), { recursive: true });
  fs.writeFileSync(path.join(plainDir, "eleventy.config.mjs"), CONFIG);
  fs.writeFileSync(path.join(src, "_includes", "article.njk"), LAYOUT);
  fs.writeFileSync(path.join(src, "index.njk"), HOME);
  for (const file of listArticleFiles(corpusDir)) {
    const parsed = parseFrontMatter(fs.readFileSync(path.join(corpusDir, file), "utf8"));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    const { title, date, author } = parsed.data as { title?: unknown; date?: unknown; author?: unknown };
    if (parsed.data.draft === true) continue;
    const byline = Array.isArray(author) ? author.join(" and ") : typeof author === "string" ? author : "";
    const when = date instanceof Date ? date.toISOString() : String(date);
    const front = ["---", "layout: article.njk", "tags: article", `title: ${JSON.stringify(String(title))}`, `date: ${JSON.stringify(when)}`];
    if (byline) front.push(`author: ${JSON.stringify(byline)}`);
    const target = path.join(src, file.replace(/^articles[\\/]/, ""));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${front.join("\n")}\n---\n${parsed.body}`);
  }
  const eleventySeconds = timed(path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), ["--quiet"], plainDir);
  const pagefindSeconds = timed(path.join(PROJECT_ROOT, "node_modules/pagefind/lib/runner/bin.cjs"), ["--site", "_site", "--silent"], plainDir);
  const pages = countHtml(path.join(plainDir, "_site"));
  fs.rmSync(plainDir, { recursive: true, force: true });
  return { eleventySeconds, pagefindSeconds, pages };
}

function timed(script: string, args: string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(script)} ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}`);
  return (performance.now() - start) / 1000;
}

function countHtml(dir: string): number {
  let pages = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith(".html")) pages++;
  return pages;
}
