/** Plain text of a Markdown body, for the search index: what a reader sees, without markup. */
import type { MarkdownIt } from "markdown-it";
import { inlineText } from "../model/markdown.ts";

export function markdownToText(markdown: MarkdownIt, body: string): string {
  const parts: string[] = [];
  for (const token of markdown.parse(body, {})) {
    if (token.type !== "inline") continue;
    const line = inlineText(token).trim();
    if (line) parts.push(line);
  }
  return parts.join("\n");
}
