/**
 * Small readers for raw HTML handled as text before it is parsed (shortcodes, media tags, bare URLs): attribute
 * values and the few entities found in addresses.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Character references as a browser reads them in an attribute (the named ones addresses use, and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The value of one attribute in a tag's attribute text (`src="a.mp3" controls`), decoded; undefined when absent. */
export function attributeValue(attributes: string, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i");
  const match = pattern.exec(attributes);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? "");
}

/** The last path segment of an address, decoded when it can be (`St%20Louis.mp3` gives `St Louis.mp3`). */
export function fileNameOf(url: string): string {
  const path = url.split(/[?#]/)[0] ?? "";
  const name = path.split("/").filter(Boolean).pop() ?? url;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** An http(s) address, a protocol-relative one (made https), or undefined. */
export function webAddress(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith("//")) return `https:${trimmed}`;
  return /^https?:\/\/\S+$/i.test(trimmed) ? trimmed : undefined;
}
