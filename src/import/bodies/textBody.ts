/** A plain-text body: blank lines separate paragraphs, a single newline is a space, every character is text. */
import { escapeMarkdownText } from "./markdownText.ts";

export function textToMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, " ").trim())
    .filter((paragraph) => paragraph !== "")
    .map(escapeMarkdownText)
    .join("\n\n");
}
