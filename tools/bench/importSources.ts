/**
 * Deterministic sources for the import benchmark: JSON Lines records and a WordPress export (WXR) of synthetic
 * posts, 600 to 900 words of HTML each, over 20 years. The same count and seed always give the same bytes.
 */
import fs from "node:fs";
import { FIRST, LAST, paragraph, pick, seededRandom, SYNTHETIC_SECTIONS, WORDS } from "./syntheticArchive.ts";

interface SyntheticPost {
  id: number;
  title: string;
  /** UTC, `YYYY-MM-DD HH:mm:ss`. */
  utc: string;
  section: string;
  author: string;
  tags: string[];
  html: string;
}

const YEARS = 20;
const START = Date.UTC(2006, 0, 1);

function* posts(count: number, seed: number): Generator<SyntheticPost> {
  const random = seededRandom(seed);
  const span = YEARS * 365 * 86_400_000;
  for (let i = 0; i < count; i++) {
    const words = 600 + Math.floor(random() * 301);
    const paragraphs: string[] = [];
    for (let left = words; left > 0; ) {
      const n = Math.min(left, 40 + Math.floor(random() * 60));
      paragraphs.push(`<p>${paragraph(random, n)}</p>`);
      left -= n;
    }
    if (random() < 0.3) paragraphs.splice(2, 0, `<h2>${paragraph(random, 4).replace(/\.$/, "")}</h2>`);
    if (random() < 0.2) paragraphs.splice(4, 0, `<ul><li>${pick(random, WORDS)}</li><li>${pick(random, WORDS)}</li></ul>`);
    const utc = new Date(START + Math.floor((i / count) * span) + Math.floor(random() * 3_600_000)).toISOString().slice(0, 19).replace("T", " ");
    const weights = SYNTHETIC_SECTIONS.reduce((sum, s) => sum + s.weight, 0);
    let roll = random() * weights;
    const section = SYNTHETIC_SECTIONS.find((s) => (roll -= s.weight) < 0) ?? SYNTHETIC_SECTIONS[0];
    yield {
      id: 1000 + i,
      title: `${paragraph(random, 6 + Math.floor(random() * 6)).replace(/\.$/, "")} ${i}`,
      utc,
      section: section?.name ?? "News",
      author: `${pick(random, FIRST)} ${pick(random, LAST)}`,
      tags: [pick(random, WORDS), pick(random, WORDS)],
      html: paragraphs.join("\n"),
    };
  }
}

/** Writes through one stream with backpressure: a 500 MB source is never held in memory. */
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export async function writeJsonLines(file: string, count: number, seed = 13): Promise<void> {
  await writeLines(file, (function* () {
    for (const post of posts(count, seed)) {
      yield `${JSON.stringify({ id: post.id, title: post.title, published_at: `${post.utc.replace(" ", "T")}Z`, category: post.section, author: post.author, tags: post.tags, body: post.html, url: `https://old.example/story/${post.id}` })}\n`;
    }
  })());
}

const cdata = (text: string): string => `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

export async function writeWxr(file: string, count: number, seed = 17): Promise<void> {
  await writeLines(file, (function* () {
    yield `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Synthetic Courier</title>
<link>https://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<wp:base_blog_url>https://old.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>${cdata("desk")}</wp:author_login><wp:author_display_name>${cdata("News Desk")}</wp:author_display_name></wp:author>
`;
    for (const post of posts(count, seed)) {
      const slug = post.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      const [date, time] = post.utc.split(" ");
      const [y, m, d] = (date ?? "").split("-");
      yield `<item>
<title>${cdata(post.title)}</title>
<link>https://old.example/${y}/${m}/${d}/${slug}/</link>
<dc:creator>${cdata("desk")}</dc:creator>
<guid isPermaLink="false">https://old.example/?p=${post.id}</guid>
<content:encoded>${cdata(post.html.replaceAll("<p>", "").replaceAll("</p>", "\n"))}</content:encoded>
<excerpt:encoded>${cdata("")}</excerpt:encoded>
<wp:post_id>${post.id}</wp:post_id>
<wp:post_date>${cdata(`${date} ${time}`)}</wp:post_date>
<wp:post_date_gmt>${cdata(`${date} ${time}`)}</wp:post_date_gmt>
<wp:post_name>${cdata(slug)}</wp:post_name>
<wp:status>${cdata("publish")}</wp:status>
<wp:post_type>${cdata("post")}</wp:post_type>
<category domain="category" nicename="${post.section.toLowerCase()}">${cdata(post.section)}</category>
${post.tags.map((t) => `<category domain="post_tag" nicename="${t}">${cdata(t)}</category>`).join("\n")}
</item>
`;
    }
    yield "</channel>\n</rss>\n";
  })());
}
