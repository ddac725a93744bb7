/** Plain text of a Markdown body, for the search index: what a reader sees, without markup. */
import type { MarkdownIt } from "markdown-it";
import { inlineText } from "../model/markdown.ts";
import { htmlToText } from "../model/safeHtml.ts";

export function markdownToText(markdown: MarkdownIt, body: string): string {
  const parts: string[] = [];
  for (const token of markdown.parse(body, {})) {
    // Raw HTML gives the text of what the sanitiser keeps (a table's cells), never a script's.
    const line = token.type === "inline" ? inlineText(token).trim() : token.type === "html_block" ? htmlToText(token.content) : "";
    if (line) parts.push(line);
  }
  return parts.join("\n");
}
