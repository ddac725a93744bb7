import { describe, expect, it } from "vitest";
import { cardImage, crops, derivativeNames, SETTINGS_KEY, structuredDataImages } from "../../../src/photos/markup.ts";

const photo = (width: number, height: number) => ({ hash: "0123456789abcdef0123456789abcdef01234567", width, height });
const sizes = (width: number, height: number) => crops(photo(width, height)).map((c) => [c.ratio, c.width, c.height]);

describe("structured-data crops", () => {
  it("takes the largest crop at each exact ratio that fits a 640 × 427 photo", () => {
    expect(sizes(640, 427)).toEqual([
      ["16x9", 640, 360],
      ["4x3", 568, 426],
      ["1x1", 427, 427],
    ]);
  });

  it("crops a square 512 × 512 photo", () => {
    expect(sizes(512, 512)).toEqual([
      ["16x9", 512, 288],
      ["4x3", 512, 384],
      ["1x1", 512, 512],
    ]);
  });

  it("stops at 1200 px wide for a 3000 × 2000 photo", () => {
    expect(sizes(3000, 2000)).toEqual([
      ["16x9", 1200, 675],
      ["4x3", 1200, 900],
      ["1x1", 1200, 1200],
    ]);
  });

  it("names crops apart from the other derivatives and lists them among them", () => {
    const p = photo(640, 427);
    const names = crops(p).map((c) => c.name);
    expect(names).toEqual([`0123456789abcdef-${SETTINGS_KEY}-16x9-640.jpg`, `0123456789abcdef-${SETTINGS_KEY}-4x3-568.jpg`, `0123456789abcdef-${SETTINGS_KEY}-1x1-427.jpg`]);
    expect(derivativeNames(p)).toEqual(expect.arrayContaining(names));
    expect(new Set(derivativeNames(p)).size).toBe(derivativeNames(p).length);
    expect(structuredDataImages(p)).toEqual(names.map((n) => `/media/${n}`));
  });

  it("leaves out crops under 50,000 pixels, and falls back to the card image when none is left", () => {
    // 16x9: 256 × 144 = 36,864; 4x3: 200 × 150 = 30,000; 1x1: 150 × 150 = 22,500.
    expect(crops(photo(300, 150))).toEqual([]);
    expect(structuredDataImages(photo(300, 150))).toEqual([cardImage(photo(300, 150)).path]);
    // A tall narrow photo keeps only the crops that reach the minimum: 16x9 would be 288 × 162 = 46,656.
    expect(sizes(300, 1000)).toEqual([
      ["4x3", 300, 225],
      ["1x1", 300, 300],
    ]);
  });
});
