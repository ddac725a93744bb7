/**
 * One small piece of XML (a WXR item, or the channel header) as a tree, by
 * saxes, a strict streaming parser. Namespace prefixes are kept in the names
 * (`wp:post_id`): WXR's prefixes are fixed by WordPress, and an item parsed on
 * its own has no root to declare them.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, concatenated. */
  text: string;
}

/** saxes starts its messages with `line:column: `; the caller gives the file's own line. */
const SAXES_POSITION = /^(?:[^:\s]*:)?\d+:\d+: /;

export type ParsedXml = { ok: true; root: XmlElement } | { ok: false; message: string; line: number };

/**
 * Parses `xml`. `complete: false` reads a fragment whose open elements are
 * never closed (the header: `<rss><channel>...` up to the first item).
 */
export function parseXml(xml: string, complete = true): ParsedXml {
  const parser = new SaxesParser({ xmlns: false, fragment: true, position: true });
  const root: XmlElement = { name: "#root", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  let failure: { message: string; line: number } | undefined;
  parser.on("error", (error) => {
    failure ??= { message: error.message.replace(SAXES_POSITION, ""), line: parser.line };
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: "" };
    stack[stack.length - 1]?.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  const addText = (text: string): void => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  try {
    parser.write(xml);
    if (complete && !failure) parser.close();
  } catch (error) {
    failure ??= { message: (error as Error).message.replace(SAXES_POSITION, ""), line: parser.line };
  }
  if (failure) return { ok: false, ...failure };
  return { ok: true, root };
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The text of a child element, trimmed only when asked (bodies keep their whitespace). */
export function childText(element: XmlElement, name: string, trim = true): string {
  const text = child(element, name)?.text ?? "";
  return trim ? text.trim() : text;
}
