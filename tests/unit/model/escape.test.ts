/** Escaping front matter text for HTML, JSON inside <script>, and XML. */
import { describe, expect, it } from "vitest";
import { escapeHtml, escapeXml, jsonForScript } from "../../../src/model/escape.ts";

describe("escapeHtml", () => {
  it("escapes the five characters of HTML text and attributes, and nothing else", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    expect(escapeHtml("Café Zürich — 港口 🚢")).toBe("Café Zürich — 港口 🚢");
    expect(escapeHtml("")).toBe("");
  });

  it("escapes an ampersand that already starts an entity, so the text shows as written", () => {
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("jsonForScript", () => {
  const hostile = { headline: "</script><script>alert(1)</script> <!-- & \u2028\u2029 end" };

  it("cannot close the script element, open a comment or break a line in old parsers", () => {
    const json = jsonForScript(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain("\\u003c/script\\u003e");
  });

  it("is JSON that reads back to the same value", () => {
    expect(JSON.parse(jsonForScript(hostile))).toEqual(hostile);
    expect(JSON.parse(jsonForScript([1, "a", null, { b: true }]))).toEqual([1, "a", null, { b: true }]);
  });
});

describe("escapeXml", () => {
  it("uses &apos; for the apostrophe, as sitemaps.org asks", () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
  });

  it("drops characters XML 1.0 cannot carry, keeps tab, newlines and paired surrogates", () => {
    expect(escapeXml("bell\u0007 nul\u0000 ff\u000c tab\t nl\n cr\r")).toBe("bell nul ff tab\t nl\n cr\r");
    expect(escapeXml("ship 🚢 lone\uD800 low\uDC00 \uFFFE\uFFFF")).toBe("ship 🚢 lone low ");
  });
});
