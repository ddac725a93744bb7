/** Escaping for the places front matter text reaches: HTML text, attributes, and JSON inside `<script>`. */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON safe to place inside `<script type="application/ld+json">`: `<`, `>`, `&`
 * and the JS line separators are written as \u escapes, so no text can close the
 * script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The five XML entities (`&apos;` rather than HTML's `&#39;`, as sitemaps.org asks). */
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Characters XML 1.0 forbids even when escaped: C0 controls but tab and
 * newlines, U+FFFE/U+FFFF, unpaired surrogates. One in a headline would make a
 * whole feed or sitemap unreadable to its parser, so they are dropped.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value for XML (feeds, sitemaps): forbidden characters dropped, then escaped. */
export function escapeXml(text: string): string {
  return text.replace(XML_FORBIDDEN, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}
