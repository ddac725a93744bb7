/** Plain text of a Markdown body, for the search index: what a reader sees, without markup. */
import type { MarkdownIt } from "markdown-it";

export function markdownToText(markdown: MarkdownIt, body: string): string {
  const parts: string[] = [];
  for (const token of markdown.parse(body, {})) {
    if (token.type !== "inline") continue;
    let line = "";
    for (const child of token.children ?? []) {
      if (child.type === "text" || child.type === "code_inline") line += child.content;
      else if (child.type === "softbreak" || child.type === "hardbreak") line += " ";
    }
    if (line.trim()) parts.push(line.trim());
  }
  return parts.join("\n");
}
