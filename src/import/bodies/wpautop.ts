/**
 * WordPress's wpautop, the essential rules (read from wp-includes/formatting.php, written anew): a classic-editor
 * body is text whose blank lines separate paragraphs and whose single newlines are line breaks.
 *
 * - `<pre>` (and script, style, svg, math, textarea) content is never touched;
 * - two `<br>` in a row separate paragraphs;
 * - block-level elements start and end paragraphs and are never wrapped in `<p>`; text inside one that only holds
 *   phrasing content (a heading, `<li>`, `<td>`, `<figcaption>`...) is not wrapped either;
 * - a newline inside a paragraph becomes `<br />` (one already after a `<br>` stays as it is), except next to a
 *   block tag;
 * - newlines inside tags (a long attribute) are not breaks;
 * - a `<figcaption>` stays next to its image.
 */

/** WordPress's list of block-level elements for autop. */
const BLOCK_NAMES =
  "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)";
const BLOCK_OPEN = new RegExp(`(<${BLOCK_NAMES}[\\s/>])`, "gi");
const BLOCK_CLOSE = new RegExp(`(</${BLOCK_NAMES}>)`, "gi");
const BLOCK_TAG = `</?${BLOCK_NAMES}(?:[\\s/][^>]*)?>`;
const LEADING_BLOCK_TAGS = new RegExp(`^(?:\\s*${BLOCK_TAG})+\\s*`, "i");
const TRAILING_BLOCK_TAGS = new RegExp(`(?:\\s*${BLOCK_TAG})+\\s*$`, "i");
const ANY_BLOCK_TAG = new RegExp(BLOCK_TAG, "i");
/** Elements whose text is phrasing content: not wrapped in `<p>`. */
const NO_PARAGRAPH = /^(?:h[1-6]|p|li|dt|dd|td|th|caption|figcaption|summary|legend|address|pre)$/i;
/** Elements whose content autop leaves alone. */
const UNTOUCHED = /<(pre|script|style|svg|math|textarea)\b[\s\S]*?<\/\1\s*>/gi;
/** Stands for a newline inside a tag while paragraphs are made. */
const TAG_NEWLINE = "\uE000";

export function wpautop(input: string): string {
  if (input.trim() === "") return "";
  const kept: string[] = [];
  let text = `${input.replace(/\uE000/g, "")}\n`.replace(/\r\n?/g, "\n");
  text = text.replace(UNTOUCHED, (element) => `<pre data-autop="${kept.push(element) - 1}"></pre>`);
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, "\n\n");
  text = text.replace(BLOCK_OPEN, "\n\n$1").replace(BLOCK_CLOSE, "$1\n\n").replace(/(<hr\s*\/?>)/gi, "$1\n\n");
  text = text.replace(/<!--[\s\S]*?-->|<[^>]*>/g, (tag) => tag.replace(/\n/g, TAG_NEWLINE));
  text = text.replace(/\s*(<figcaption\b[^>]*>)/gi, "$1").replace(/(<\/figcaption>)\s*/gi, "$1");
  const paragraphs = text
    .split(/\n\s*\n/)
    .filter((chunk) => chunk.trim() !== "")
    .map(paragraphOf);
  return paragraphs
    .join("\n")
    .replace(new RegExp(TAG_NEWLINE, "g"), "\n")
    .replace(/<pre data-autop="(\d+)"><\/pre>/g, (_m, index: string) => kept[Number(index)] ?? "");
}

/** The name of the last tag of a run of block tags when it opens an element. */
function lastOpened(tags: string): string | undefined {
  const all = [...tags.matchAll(/<(\/?)([a-z0-9]+)/gi)];
  const last = all[all.length - 1];
  return last && last[1] === "" ? last[2] : undefined;
}

/** One blank-line-separated chunk: its text wrapped in `<p>` unless it is block markup or phrasing-only content. */
function paragraphOf(chunk: string): string {
  const trimmed = chunk.trim();
  const lead = LEADING_BLOCK_TAGS.exec(trimmed)?.[0] ?? "";
  const rest = trimmed.slice(lead.length);
  const trail = TRAILING_BLOCK_TAGS.exec(rest)?.[0] ?? "";
  const middle = rest.slice(0, rest.length - trail.length).trim();
  const open = lead.trim();
  const close = trail.trim();
  if (middle === "") return open + close;
  const phrasing = lineBreaks(middle);
  if (ANY_BLOCK_TAG.test(middle) || NO_PARAGRAPH.test(lastOpened(open) ?? "")) return open + phrasing + close;
  return `${open}<p>${phrasing}</p>${close}`;
}

/** Newlines in a paragraph as `<br />`, unless a `<br>` already ends the line. */
function lineBreaks(text: string): string {
  return text.replace(/(<br\s*\/?>)?[ \t]*\n/gi, (line, br: string | undefined) => (br ? line : "<br />\n"));
}
