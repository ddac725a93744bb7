/** Bad photos: each a `file:line: field:` diagnostic, never a stack trace; results cached by the photo's hash. */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../../src/views/archive.ts";
import { checkPhotos } from "../../../src/photos/checkPhotos.ts";
import { formatDiagnostic, type Diagnostic } from "../../../src/model/diagnostics.ts";
import { createFixtureArchive, makeTempDir } from "../../support/fixtureArchive.ts";

const PHOTOS = path.resolve(import.meta.dirname, "../../../../shared/fixtures/photos");

/** A PNG that declares 20,000 × 20,000 pixels in 80 bytes: sharp reads its header, nothing allocates it. */
function hugePng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20000, 0);
  header.writeUInt32BE(20000, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(Buffer.alloc(10))), chunk("IEND", Buffer.alloc(0))]);
}

const article = (name: string, image: string, body = "Text.\n") => ({
  path: `2024/01/${name}.md`,
  frontMatter: `title: ${name}\ndate: 2024-01-10T09:00:00Z\nsection: news\n${image}`,
  body,
});

async function messagesOf(root: string, cacheDir = path.join(makeTempDir("photo-cache"), "photos")): Promise<{ messages: string[]; decoded: number }> {
  const loaded = loadArchive(root, { now: Date.parse("2024-06-01T00:00:00Z") });
  let diagnostics: Diagnostic[];
  let decoded = 0;
  if (!loaded.ok) diagnostics = loaded.diagnostics;
  else {
    const checked = await checkPhotos(root, loaded.archive.articles, cacheDir);
    diagnostics = checked.diagnostics;
    decoded = checked.decoded;
  }
  return { messages: diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d)).sort(), decoded };
}

describe("photo validation", () => {
  it("reports each bad photo with file, line and field", async () => {
    const root = createFixtureArchive({
      articles: [
        article("missing", "image: { src: gone.jpg, alt: Gone }"),
        article("text", "image: { src: notes.jpg, alt: Notes }"),
        article("truncated", "image: { src: truncated.jpg, alt: Broken }"),
        article("huge", "image: { src: huge.png, alt: Huge }"),
        article("body", "", "Intro.\n\n![](coffee.png)\n\n![Gone](nowhere.png)\n"),
        article("outside", "image: { src: ../../../../etc/passwd, alt: x }"),
      ],
    });
    const dir = path.join(root, "articles/2024/01");
    fs.writeFileSync(path.join(dir, "notes.jpg"), "these are notes, not a photo\n");
    fs.copyFileSync(path.join(PHOTOS, "truncated.jpg"), path.join(dir, "truncated.jpg"));
    fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(dir, "coffee.png"));
    fs.writeFileSync(path.join(dir, "huge.png"), hugePng());
    // Parse errors first (they stop the load), then, once fixed, the files.
    const parsed = await messagesOf(root);
    expect(parsed.messages).toEqual([
      expect.stringMatching(/^articles\/2024\/01\/body\.md:9: body: the photo "coffee\.png" has no alt text/),
      expect.stringMatching(/^articles\/2024\/01\/outside\.md:5: image\.src: "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" points outside the archive/),
    ]);
    fs.rmSync(path.join(dir, "outside.md"));
    fs.writeFileSync(path.join(dir, "body.md"), "---\ntitle: body\ndate: 2024-01-10T09:00:00Z\nsection: news\n---\nIntro.\n\n![A cup](coffee.png)\n\n![Gone](nowhere.png)\n");
    const { messages } = await messagesOf(root);
    expect(messages).toEqual([
      "articles/2024/01/body.md:10: body: photo articles/2024/01/nowhere.png does not exist",
      expect.stringMatching(/^articles\/2024\/01\/huge\.md:5: image: photo articles\/2024\/01\/huge\.png is 20000 × 20000 pixels \(400 megapixels\), over the 100 megapixel limit/),
      "articles/2024/01/missing.md:5: image: photo articles/2024/01/gone.jpg does not exist",
      expect.stringMatching(/^articles\/2024\/01\/text\.md:5: image: photo articles\/2024\/01\/notes\.jpg is not an image/),
      expect.stringMatching(/^articles\/2024\/01\/truncated\.md:5: image: photo articles\/2024\/01\/truncated\.jpg is damaged or truncated/),
    ]);
  });

  it("requires alt, and takes an explicit empty alt as decorative", async () => {
    const root = createFixtureArchive({ articles: [article("noalt", "image:\n  src: coffee.png\n  caption: A cup"), article("decorative", 'image: { src: coffee.png, alt: "" }')] });
    fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(root, "articles/2024/01/coffee.png"));
    const { messages } = await messagesOf(root);
    expect(messages).toEqual([expect.stringMatching(/^articles\/2024\/01\/noalt\.md:5: image\.alt: is missing: describe the photo/)]);
  });

  it("refuses a photo reached through a symbolic link", async () => {
    const root = createFixtureArchive({ articles: [article("link", "image: { src: link.png, alt: A cup }")] });
    fs.symlinkSync(path.join(PHOTOS, "coffee.png"), path.join(root, "articles/2024/01/link.png"));
    const { messages } = await messagesOf(root);
    expect(messages).toEqual([expect.stringMatching(/link\.md:5: image: photo articles\/2024\/01\/link\.png is (a|reached through a) symbolic link/)]);
  });

  it("decodes a photo once, and again when its bytes change", async () => {
    const root = createFixtureArchive({ articles: [article("cup", "image: { src: cup.png, alt: A cup }")] });
    const photo = path.join(root, "articles/2024/01/cup.png");
    fs.copyFileSync(path.join(PHOTOS, "coffee.png"), photo);
    const cacheDir = path.join(makeTempDir("photo-cache"), "photos");
    expect((await messagesOf(root, cacheDir)).decoded).toBe(1);
    expect((await messagesOf(root, cacheDir)).decoded).toBe(0);
    fs.copyFileSync(path.join(PHOTOS, "truncated.jpg"), photo);
    const changed = await messagesOf(root, cacheDir);
    expect(changed.decoded).toBe(1);
    expect(changed.messages).toHaveLength(1);
  });

  it("keeps a checked photo's hash by its file stamp, and checks it again when the file or the way to it changes", async () => {
    const root = createFixtureArchive({ articles: [article("cup", "image: { src: cup.png, alt: A cup }")] });
    const photo = path.join(root, "articles/2024/01/cup.png");
    fs.copyFileSync(path.join(PHOTOS, "coffee.png"), photo);
    const cacheDir = path.join(makeTempDir("photo-cache"), "photos");
    const check = async () => {
      const loaded = loadArchive(root, { now: Date.parse("2024-06-01T00:00:00Z") });
      if (!loaded.ok) throw new Error("fixture does not load");
      return checkPhotos(root, loaded.archive.articles, cacheDir);
    };
    const first = await check();
    const stamps = JSON.parse(fs.readFileSync(path.join(cacheDir, "stamps.json"), "utf8")) as Record<string, { hash: string }>;
    expect(stamps["articles/2024/01/cup.png"]?.hash).toBe(first.photos.get("articles/2024/01/cup.png")?.hash);
    // The per-hash results are gone: a photo with the same stamp needs neither them nor its bytes.
    fs.rmSync(path.join(cacheDir, "meta"), { recursive: true });
    const again = await check();
    expect([again.decoded, again.photos]).toEqual([0, first.photos]);
    expect(fs.existsSync(path.join(cacheDir, "meta"))).toBe(false);
    // The file replaced by a link to the same bytes: another stamp, and the link is refused.
    fs.rmSync(photo);
    fs.symlinkSync(path.join(PHOTOS, "coffee.png"), photo);
    expect((await check()).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/symbolic link/)]);
  });

  it("checks a stamped photo again when a folder on the way to it becomes a symbolic link", async () => {
    const root = createFixtureArchive({ articles: [article("shared", "image: { src: ../../../photos/cup.png, alt: A cup }")] });
    fs.mkdirSync(path.join(root, "photos"));
    fs.copyFileSync(path.join(PHOTOS, "coffee.png"), path.join(root, "photos/cup.png"));
    const cacheDir = path.join(makeTempDir("photo-cache"), "photos");
    expect((await messagesOf(root, cacheDir)).messages).toEqual([]);
    // The folder moved elsewhere and linked back: the file (same inode, same times) has the stamp it was checked with.
    const elsewhere = path.join(makeTempDir("photo-elsewhere"), "photos");
    fs.renameSync(path.join(root, "photos"), elsewhere);
    fs.symlinkSync(elsewhere, path.join(root, "photos"));
    expect((await messagesOf(root, cacheDir)).messages).toEqual([expect.stringMatching(/shared\.md:5: image: photo photos\/cup\.png is reached through a symbolic link/)]);
  });

  it("reads the displayed size of a photo turned by EXIF orientation", async () => {
    const root = createFixtureArchive({ articles: [article("turned", "image: { src: turned.jpg, alt: Turned }")] });
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#357" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    fs.writeFileSync(path.join(root, "articles/2024/01/turned.jpg"), jpeg);
    const loaded = loadArchive(root, { now: Date.parse("2024-06-01T00:00:00Z") });
    if (!loaded.ok) throw new Error("load failed");
    const checked = await checkPhotos(root, loaded.archive.articles, path.join(makeTempDir("photo-cache"), "photos"));
    expect(checked.photos.get("articles/2024/01/turned.jpg")).toMatchObject({ width: 200, height: 300 });
  });
});
