/** Small DOM helpers over the tree turndown builds (domino), by node name: the sanitised HTML keeps no classes. */
import { placeholderIndex } from "./photoMarkers.ts";

export const isElement = (node: Node | null | undefined): node is HTMLElement => node?.nodeType === 1;

/** The nearest ancestor (not the node itself) named one of `names` (upper case), if any. */
export function closest(node: Node, names: ReadonlySet<string>): HTMLElement | undefined {
  for (let parent = node.parentNode; isElement(parent); parent = parent.parentNode) {
    if (names.has(parent.nodeName)) return parent;
  }
  return undefined;
}

export const childElements = (node: Node): HTMLElement[] => Array.from(node.childNodes).filter(isElement);

/** The photo placeholders under `root`, in document order. */
export function photosIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll("img")).filter((img) => placeholderIndex(img.getAttribute("src")) !== undefined);
}

export const photoIndexOf = (img: HTMLElement): number | undefined => placeholderIndex(img.getAttribute("src"));

/** Text of `node` outside the elements named in `skip`. */
export function textOutside(node: Node, skip: ReadonlySet<string>): string {
  let text = "";
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) text += child.nodeValue ?? "";
    else if (isElement(child) && !skip.has(child.nodeName)) text += textOutside(child, skip);
  }
  return text;
}

/** The text of a `<pre>` as shown: `<br>` is a newline there. */
export function preformattedText(node: Node): string {
  let text = "";
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) text += child.nodeValue ?? "";
    else if (child.nodeName === "BR") text += "\n";
    else if (isElement(child)) text += preformattedText(child);
  }
  return text;
}

export function replaceNode(old: Node, replacement: Node | undefined): void {
  const parent = old.parentNode;
  if (!parent) return;
  if (replacement) parent.replaceChild(replacement, old);
  else parent.removeChild(old);
}
