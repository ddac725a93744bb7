/** Raw HTML in a body, as the loader reports it: one warning per removal, on the file's line, only for bodies with HTML. */
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../../src/views/archive.ts";
import { formatDiagnostic } from "../../../src/model/diagnostics.ts";
import { createFixtureArchive, type FixtureArticle } from "../../support/fixtureArchive.ts";

const FRONT = 'title: "Tables and embeds"\ndate: 2023-12-08T10:00:00+05:00\nsection: news';

function warnings(body: string, site: Record<string, unknown> = {}): string[] {
  const article: FixtureArticle = { path: "2023/12/html.md", frontMatter: FRONT, body };
  const result = loadArchive(createFixtureArchive({ site, articles: [article] }));
  expect(result.ok).toBe(true);
  return result.ok ? result.archive.diagnostics.map(formatDiagnostic) : [];
}

describe("HTML in a body, at parse time", () => {
  // The body starts on line 6 (after three front matter lines and two fences).
  it("warns about each removal with the file and the line where the element starts", () => {
    const body = [
      "A paragraph with <span onclick=\"steal()\">a handler</span>.", // 6
      "",
      "<table>", // 8
      "<tr><td style=\"color:red\">1</td></tr>", // 9
      "</table>",
      "",
      "<script>alert(1)</script>", // 12
      "",
      "<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>", // 14
      "",
      "<p><a href=\"javascript:alert(1)\">x</a> <img src=\"https://old-cms.example/a.jpg\" alt=\"A\"> <img src=\"quay.jpg\" alt=\"Q\"></p>", // 16
    ].join("\n");
    const f = "articles/2023/12/html.md";
    expect(warnings(body)).toEqual([
      `${f}:6: warning: body: onclick attribute of <span> removed (scripts never run in the archive)`,
      `${f}:9: warning: body: style attribute of <td> removed (the archive's stylesheet styles every article)`,
      `${f}:12: warning: body: <script> removed (scripts never run in the archive)`,
      `${f}:14: warning: body: <iframe> from www.youtube.com shown as a link (add the host to embedHosts in _data/site.json to embed it)`,
      `${f}:16: warning: body: href of <a> removed: javascript: addresses are not allowed (only http:, https:, mailto:, tel: and paths)`,
      `${f}:16: warning: body: <img> from old-cms.example shown as a link (remote images are never fetched: save the photo beside the article and use Markdown ![alt](src))`,
    ]);
  });

  it("collects a local <img> as a photo of the article at its line, and refuses one without alt or outside the archive", () => {
    const body = ["Text.", "", '<figure><img src="quay.jpg" alt="The quay"><figcaption>Q</figcaption></figure>', "", '<p>a <img src="pier.jpg"> <img src="../../../../x.jpg" alt="X"></p>'].join("\n");
    const root = createFixtureArchive({ articles: [{ path: "2023/12/html.md", frontMatter: FRONT, body }] });
    const result = loadArchive(root);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics.map(formatDiagnostic)).toEqual([
        'articles/2023/12/html.md:10: body: the photo <img src="pier.jpg"> has no alt attribute: describe it for readers who cannot see it (alt="..."), or write alt="" for a decorative one',
        'articles/2023/12/html.md:10: body: photo "../../../../x.jpg" points outside the archive: a photo must be inside its folder (no .. past the content root)',
      ]);
    }
    const ok = loadArchive(createFixtureArchive({ articles: [{ path: "2023/12/html.md", frontMatter: FRONT, body: body.split("\n").slice(0, 3).join("\n") }] }));
    expect(ok.ok && ok.archive.articles[0]?.photos).toEqual([{ path: "articles/2023/12/quay.jpg", line: 8, field: "body" }]);
  });

  it("says nothing of an iframe from a host listed in embedHosts", () => {
    expect(warnings('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Clip"></iframe>\n', { embedHosts: ["www.youtube-nocookie.com"] })).toEqual([]);
  });

  it("says nothing of HTML that is kept whole, nor of text with a < sign", () => {
    expect(warnings('<table><caption>Votes</caption><tr><th scope="col">A</th></tr></table>\n\nWhen 3 < 4 and <https://a.example/>.\n')).toEqual([]);
  });

  it("refuses a host name with a scheme in embedHosts", () => {
    const root = createFixtureArchive({ site: { embedHosts: ["https://www.youtube.com/"] }, articles: [{ path: "2023/12/a.md", frontMatter: FRONT }] });
    const result = loadArchive(root);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostics.map(formatDiagnostic)).toContain(
        '_data/site.json: embedHosts.0: must be a host name in lowercase, such as "www.youtube-nocookie.com" (no https://, path or port)',
      );
    }
  });
});
