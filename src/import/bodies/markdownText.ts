/**
 * Writing Markdown text: escaping source text so it stays text, link destinations, and the final clean-up every
 * converted body gets (LF, no trailing spaces, one blank line at most, one final newline).
 */

/**
 * Turndown's escapes (backslash, emphasis, code, brackets, line-start list, heading, quote and rule markers), plus
 * what markdown-it would otherwise read in text: raw HTML (`<b>`), entities (`&amp;`), `~~` strikethrough and
 * `1)` lists. Line-start rules also apply after leading spaces: a text node may start a line once joined.
 */
const ESCAPES: ReadonlyArray<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [/\\/g, "\\\\"],
  [/\*/g, "\\*"],
  [/_/g, "\\_"],
  [/`/g, "\\`"],
  [/\[/g, "\\["],
  [/\]/g, "\\]"],
  [/~~+/g, (run) => "\\~".repeat(run.length)],
  [/<(?=[A-Za-z/!?])/g, "\\<"],
  [/&(?=#?[A-Za-z0-9]+;)/g, "\\&"],
  // Every hyphen of a leading run: `\---` would still give an en dash (typographer) after the first.
  [/^(\s*)(-+)/gm, (_match, space = "", run = "") => space + "\\-".repeat(run.length)],
  [/^(\s*)([+>]|=+|#{1,6}(?=\s|$))/gm, "$1\\$2"],
  [/^(\s*\d+)([.)])(?=\s|$)/gm, "$1\\$2"],
];

/** Source text as Markdown that renders as the same text. */
export function escapeMarkdownText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of ESCAPES) {
    out = typeof replacement === "string" ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}

/** Whitespace (newlines included) collapsed to single spaces, trimmed: for alt text, captions and credits. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** A link or image destination: `<...>` when it holds spaces, else with parentheses escaped. */
export function linkDestination(url: string): string {
  const clean = url.replace(/[\r\n]/g, "");
  if (clean === "" || /[\s<>]/.test(clean)) return `<${clean.replace(/[<>]/g, (c) => encodeURIComponent(c))}>`;
  return clean.replace(/[()\\]/g, "\\$&");
}

/** An absolute web address written as a Markdown autolink when it can be; else as `[url](url)`. */
export function linkParagraph(url: string): string {
  return /^https?:\/\/[^\s<>]+$/i.test(url) ? `<${url}>` : `[${escapeMarkdownText(url)}](${linkDestination(url)})`;
}

interface Fence {
  char: string;
  length: number;
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;

function fenceOpening(line: string): Fence | undefined {
  const match = FENCE_OPEN.exec(line);
  const marks = match?.[1];
  if (!marks || (marks.startsWith("`") && (match?.[2] ?? "").includes("`"))) return undefined;
  return { char: marks.charAt(0), length: marks.length };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^\s*(`+|~+)\s*$/.exec(line);
  return match?.[1]?.charAt(0) === fence.char && (match[1]?.length ?? 0) >= fence.length;
}

export interface NormaliseOptions {
  /** From HTML: a hard break (`\`) ending a paragraph means nothing there (an HTML `<br>` before `</p>`), so it goes. */
  fromHtml: boolean;
}

/**
 * A paragraph's first line that starts with a space only because the text after a photo did (the photo became its
 * own block): outside lists, where indentation means nothing, the space goes.
 */
function startsParagraphAfterSpace(out: readonly string[], line: string): boolean {
  if (!/^ {1,3}\S/.test(line) || (out.length > 0 && out[out.length - 1] !== "")) return false;
  const previous = [...out].reverse().find((l) => l !== "");
  return previous === undefined || !/^(\s|[-*+] |\d+[.)] )/.test(previous);
}

const oddTrailingBackslashes = (line: string): boolean => ((/\\+$/.exec(line)?.[0].length ?? 0) % 2) === 1;

/**
 * LF line endings, no trailing spaces (a two-space hard break becomes `\`), at most one blank line in a row, one
 * final newline (an empty body stays empty). Inside fenced code only trailing spaces go: the code is kept as is.
 */
export function normaliseMarkdown(markdown: string, options: NormaliseOptions): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let fence: Fence | undefined;
  const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === "";
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (fence) {
      out.push(raw.trimEnd());
      if (closesFence(raw, fence)) fence = undefined;
      continue;
    }
    fence = fenceOpening(raw);
    // Markdown's two-space hard break, written as a backslash (HTML's breaks are backslashes already).
    const hardBreak = !options.fromHtml && !fence && /\S {2,}$/.test(raw) && !isBlank(lines[i + 1]);
    let line = hardBreak ? `${raw.trimEnd()}\\` : raw.trimEnd();
    if (line.trim() === "") {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
      continue;
    }
    if (options.fromHtml && !fence) {
      // A break opening or closing a paragraph breaks nothing.
      if (line.trim() === "\\" && isBlank(out[out.length - 1])) continue;
      if (oddTrailingBackslashes(line) && isBlank(lines[i + 1])) line = line.slice(0, -1).trimEnd();
      if (line.trim() === "") continue;
      if (startsParagraphAfterSpace(out, line)) line = line.trimStart();
    }
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}
