import { describe, expect, it } from "vitest";
import { cardImage, derivativeWidths, pictureHtml, SETTINGS_KEY, srcset } from "../../../src/photos/markup.ts";

const photo = (width: number, height: number) => ({ hash: "0123456789abcdef0123456789abcdef01234567", width, height });

describe("photo markup", () => {
  it("offers the widths a photo can fill, never enlarging it nor serving a larger original", () => {
    expect(derivativeWidths(4000)).toEqual([480, 800, 1200, 1600]);
    expect(derivativeWidths(1600)).toEqual([480, 800, 1200, 1600]);
    expect(derivativeWidths(1000)).toEqual([480, 800, 1000]);
    expect(derivativeWidths(640)).toEqual([480, 640]);
    expect(derivativeWidths(451)).toEqual([451]);
  });

  it("writes srcset with the path prefix", () => {
    expect(srcset(photo(1000, 500), "webp", "/archive/")).toBe(
      `/archive/media/0123456789abcdef-${SETTINGS_KEY}-480.webp 480w, /archive/media/0123456789abcdef-${SETTINGS_KEY}-800.webp 800w, /archive/media/0123456789abcdef-${SETTINGS_KEY}-1000.webp 1000w`,
    );
  });

  it("sizes the picture to avoid layout shift; lazy in the body, eager for the lead", () => {
    const body = pictureHtml(photo(3000, 2000), { alt: 'A "quay"', pathPrefix: "/" });
    expect(body).toContain('width="1600" height="1067"');
    expect(body).toContain('alt="A &quot;quay&quot;" loading="lazy" decoding="async"');
    expect(body).toContain(`src="/media/0123456789abcdef-${SETTINGS_KEY}-800.jpg"`);
    const lead = pictureHtml(photo(3000, 2000), { alt: "", pathPrefix: "/", eager: true });
    expect(lead).toContain('alt="" fetchpriority="high"');
    expect(lead).not.toContain("loading=");
  });

  it("uses the 1200 px JPEG for social cards, or the largest there is", () => {
    expect(cardImage(photo(3000, 2000))).toEqual({ path: `/media/0123456789abcdef-${SETTINGS_KEY}-1200.jpg`, width: 1200, height: 800 });
    expect(cardImage(photo(640, 427)).width).toBe(640);
  });
});
