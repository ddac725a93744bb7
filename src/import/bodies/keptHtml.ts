/**
 * Elements Markdown cannot say without loss stay as HTML in the Markdown (already sanitised by the site's policy,
 * which sanitises them again when the page renders). Serialised here so that they pass that policy unchanged: photo
 * placeholders become the local photo (or a link to the old address), the policy's own card markup becomes its
 * link or quotation, classes go, and a blank line (which would end Markdown's HTML block) never appears.
 */
import { closest, photoIndexOf, photosIn, replaceNode } from "./dom.ts";
import type { PhotoBook, ResolvedPhoto } from "./photoBook.ts";

const LINK = new Set(["A"]);

function photoElement(photo: ResolvedPhoto, document: Document, insideLink: boolean): Node {
  const { ref, local } = photo;
  if (local) {
    const img = document.createElement("img");
    img.setAttribute("src", local.src);
    img.setAttribute("alt", ref.alt);
    return img;
  }
  const label = ref.alt ? `Photo: ${ref.alt}` : "Photo";
  if (insideLink) return document.createTextNode(label);
  const link = document.createElement("a");
  link.setAttribute("href", ref.url);
  link.textContent = label;
  return link;
}

const hasClass = (element: Element, name: string): boolean => (element.getAttribute("class") ?? "").split(/\s+/).includes(name);

/** A card of the policy (`<aside class="embed-card">`): its quotation, or its link. */
function unwrapCard(card: Element): void {
  const quotation = Array.from(card.querySelectorAll("blockquote"))[0];
  const links = Array.from(card.querySelectorAll("a"));
  replaceNode(card, quotation ?? links[links.length - 1]);
}

export function keptHtml(node: HTMLElement, book: PhotoBook): string {
  const clone = node.cloneNode(true) as HTMLElement;
  const document = clone.ownerDocument;
  for (const img of photosIn(clone)) {
    const index = photoIndexOf(img);
    const photo = index === undefined ? undefined : book.resolve(index);
    replaceNode(img, photo ? photoElement(photo, document, closest(img, LINK) !== undefined) : undefined);
  }
  for (const element of Array.from(clone.querySelectorAll("*"))) if (hasClass(element, "embed-card-source")) replaceNode(element, undefined);
  for (const element of Array.from(clone.querySelectorAll("*"))) if (hasClass(element, "embed-card")) unwrapCard(element);
  for (const element of [clone, ...Array.from(clone.querySelectorAll("*"))]) element.removeAttribute("class");
  // A newline character reference keeps the text (inside <pre>) without a blank line.
  return clone.outerHTML.replace(/\n[ \t]*\n/g, "\n&#10;");
}
