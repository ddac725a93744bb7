const listFormat = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** A byline: "A", "A and B", "A, B and C" (newspapers write it without the serial comma). */
export function joinNames(names: readonly string[]): string {
  return listFormat.format(names).replace(/, and /g, " and ");
}
