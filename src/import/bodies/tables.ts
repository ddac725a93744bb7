/**
 * Which tables GFM can write without loss. The GFM plugin writes the rows and cells (and the divider after a
 * heading row, by the same test as isHeadingRow here); the others stay HTML.
 */
import { childElements, closest, isElement } from "./dom.ts";

const TABLE = new Set(["TABLE"]);
const CELL = new Set(["TD", "TH"]);
/** Content that cannot sit in a GFM table cell. */
const NOT_IN_CELL = ["ul", "ol", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "figure", "img", "iframe", "aside", "table"];

/** The rows of a table itself (not of a table inside it), and the cells of a row. */
function rowsOf(table: HTMLElement): HTMLElement[] {
  const rows = Array.from(table.querySelectorAll("tr"));
  return rows.filter((row) => closest(row, TABLE) === table);
}

const cellsOf = (row: HTMLElement): HTMLElement[] => childElements(row).filter((cell) => CELL.has(cell.nodeName));
const spans = (cell: HTMLElement): boolean => ["colspan", "rowspan"].some((name) => Number(cell.getAttribute(name) ?? "1") > 1);

/**
 * A table GFM can write without loss: one heading row, first; no spanning cells; no row wider than the heading;
 * only inline content in cells. (The same heading-row test as the GFM plugin's, which writes the divider.)
 */
export function isGfmTable(table: HTMLElement): boolean {
  const rows = rowsOf(table);
  const head = rows[0];
  if (!head || (rows.length === 1 && cellsOf(head).length <= 1)) return false;
  if (table.querySelector(NOT_IN_CELL.join(","))) return false;
  if (rows.some((row) => cellsOf(row).some(spans))) return false;
  if (rows.some((row) => cellsOf(row).length > cellsOf(head).length)) return false;
  return rows.filter(isHeadingRow).length === 1 && isHeadingRow(head);
}

function isHeadingRow(row: HTMLElement): boolean {
  const section = row.parentNode;
  if (!isElement(section)) return false;
  if (section.nodeName === "THEAD") return true;
  const firstSection = section.nodeName === "TABLE" || (section.nodeName === "TBODY" && isFirstBody(section));
  return section.firstChild === row && firstSection && Array.from(row.childNodes).every((cell) => cell.nodeName === "TH");
}

function isFirstBody(body: HTMLElement): boolean {
  const before = body.previousSibling;
  return !before || (before.nodeName === "THEAD" && (before.textContent ?? "").trim() === "");
}

