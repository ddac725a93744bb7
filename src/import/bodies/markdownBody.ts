/**
 * A Markdown body is kept as written; only its photos change: each `![alt](url)` (outside code) is asked for its
 * local copy and points at it, or becomes a link to the old address when there is none. A photo alone on its line
 * followed by `Caption:`/`Credit:` lines (the archive's figure syntax) passes them on in its reference.
 */
import type { PhotoReference } from "../importRecord.ts";
import type { BodyOptions } from "./convertBody.ts";
import { escapeMarkdownText, linkDestination, oneLine } from "./markdownText.ts";
import type { NoteList } from "./notes.ts";
import { decorativePhotoHtml, missingAltNote, type ResolvedPhoto } from "./photoBook.ts";

/** `![alt](destination "title")`: alt with one level of nested brackets, destination bare or in `<>`. */
const IMAGE =
  /!\[((?:\\.|[^\\[\]]|\[(?:\\.|[^\\[\]])*\])*)\]\(\s*(<[^<>\n]*>|(?:\\.|[^\s()\\]|\((?:\\.|[^\s()\\])*\))+)(?:\s+("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\((?:\\.|[^()\\])*\)))?\s*\)/g;
const CODE_SPAN = /(`+)[\s\S]*?(?<!`)\1(?!`)/g;
const FIGURE_LINE = /^(caption|credit):[ \t]*(.*)$/i;

const unescapeMarkdown = (text: string): string => text.replace(/\\([!-/:-@[-`{-~])/g, "$1");

/** `Caption:` and `Credit:` lines right after a photo alone on its line. */
function figureLines(text: string, start: number, end: number): { caption?: string; credit?: string } {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  if (text.slice(lineStart, start).trim() !== "" || text.slice(end, lineEnd === -1 ? undefined : lineEnd).trim() !== "" || lineEnd === -1) return {};
  const found: { caption?: string; credit?: string } = {};
  for (const line of text.slice(lineEnd + 1).split("\n")) {
    const match = FIGURE_LINE.exec(line.trim());
    if (!match) break;
    const value = oneLine(unescapeMarkdown(match[2] ?? ""));
    if (value) found[(match[1] ?? "").toLowerCase() === "caption" ? "caption" : "credit"] = value;
  }
  return found;
}

class MarkdownPhotos {
  readonly photos: ResolvedPhoto[] = [];
  constructor(
    private readonly options: BodyOptions,
    private readonly notes: NoteList,
  ) {}

  /** The images of a run of text without code. */
  rewrite(text: string): string {
    return text.replace(IMAGE, (whole: string, alt: string, destination: string, title: string | undefined, offset: number) => {
      const url = unescapeMarkdown(destination.startsWith("<") ? destination.slice(1, -1) : destination);
      const lines = figureLines(text, offset, offset + whole.length);
      const ref: PhotoReference = { url, alt: oneLine(unescapeMarkdown(alt)) || oneLine(lines.caption ?? ""), ...lines };
      const local = this.options.resolvePhoto(ref);
      this.photos.push(local ? { ref, local } : { ref });
      if (local && ref.alt === "") {
        this.notes.add(missingAltNote(url));
        return decorativePhotoHtml(local.src);
      }
      if (local) return `![${alt.trim() ? alt : escapeMarkdownText(ref.alt)}](${linkDestination(local.src)}${title ? ` ${title}` : ""})`;
      this.notes.add(`photo not found in --media: ${url}`);
      return `[${alt ? `Photo: ${alt}` : "Photo"}](${destination})`;
    });
  }

  /** A run of lines outside fenced code: code spans are left alone. */
  rewriteOutsideCode(text: string): string {
    let out = "";
    let last = 0;
    for (const span of text.matchAll(CODE_SPAN)) {
      out += this.rewrite(text.slice(last, span.index)) + span[0];
      last = span.index + span[0].length;
    }
    return out + this.rewrite(text.slice(last));
  }
}

/** Markdown as runs of lines, each in fenced code or not. */
function splitFences(markdown: string): Array<{ code: boolean; lines: string[] }> {
  const runs: Array<{ code: boolean; lines: string[] }> = [];
  let fence: string | undefined;
  const add = (line: string, code: boolean): void => {
    const last = runs[runs.length - 1];
    if (last && last.code === code) last.lines.push(line);
    else runs.push({ code, lines: [line] });
  };
  for (const line of markdown.split("\n")) {
    const marks = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined) {
      if (marks !== undefined) fence = marks;
      add(line, fence !== undefined);
    } else {
      add(line, true);
      if (marks !== undefined && marks[0] === fence[0] && marks.length >= fence.length && line.trim() === marks) fence = undefined;
    }
  }
  return runs;
}

export function rewriteMarkdownPhotos(markdown: string, options: BodyOptions, notes: NoteList): { markdown: string; photos: ResolvedPhoto[] } {
  const photos = new MarkdownPhotos(options, notes);
  const runs = splitFences(markdown.replace(/\r\n?/g, "\n"));
  const rewritten = runs.map((run) => (run.code ? run.lines.join("\n") : photos.rewriteOutsideCode(run.lines.join("\n"))));
  return { markdown: rewritten.join("\n"), photos: photos.photos };
}
