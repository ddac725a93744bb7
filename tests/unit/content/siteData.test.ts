import { describe, expect, it } from "vitest";
import { formatDiagnostic, type Diagnostic } from "../../../src/model/diagnostics.ts";
import { loadSiteData } from "../../../src/content/siteData.ts";
import { createFixtureArchive } from "../../support/fixtureArchive.ts";

function loadWithUrl(url: unknown): { messages: string[]; url?: string } {
  const root = createFixtureArchive({ site: { url }, articles: [] });
  const diagnostics: Diagnostic[] = [];
  const data = loadSiteData(root, diagnostics);
  return { messages: diagnostics.map(formatDiagnostic), url: data?.site.url };
}

describe("site.url", () => {
  it.each([
    ["https://archive.example.org", "https://archive.example.org"],
    ["https://archive.example.org/", "https://archive.example.org"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["https://example.org/archive", "https://example.org/archive"],
  ])("accepts %j as %j", (input, expected) => {
    expect(loadWithUrl(input)).toEqual({ messages: [], url: expected });
  });

  it.each([
    ["javascript:alert(1)", 'url: "javascript:alert(1)" must start with https:// or http:// (it is the origin of every canonical URL, feed and sitemap entry; found "javascript:")'],
    ["ftp://archive.example.org", 'url: "ftp://archive.example.org" must start with https:// or http:// (it is the origin of every canonical URL, feed and sitemap entry; found "ftp:")'],
    ["https://archive.example.org/?utm=x", 'url: "https://archive.example.org/?utm=x" must not have a query string (?...): every URL of the site is made by adding a path to it'],
    ["https://archive.example.org?", 'url: "https://archive.example.org?" must not have a query string (?...): every URL of the site is made by adding a path to it'],
    ["https://archive.example.org/#top", 'url: "https://archive.example.org/#top" must not have a fragment (#...): every URL of the site is made by adding a path to it'],
    ["https://editor:secret@archive.example.org", 'url: "https://editor:secret@archive.example.org" must not contain a user name or password: it is published on every page'],
    ["archive.example.org", 'url: "archive.example.org" is not a URL: give the canonical origin, such as "https://archive.example.org"'],
    ["https://archive.example.org/old archive", 'url: "https://archive.example.org/old archive" must not contain spaces, backslashes or control characters'],
    ["https:archive.example.org", 'url: "https:archive.example.org" must start with https:// or http:// followed by the host name'],
    ["HTTPS://archive.example.org", 'url: "HTTPS://archive.example.org" must start with https:// or http:// followed by the host name'],
  ])("refuses %j, naming _data/site.json and the field", (input, message) => {
    expect(loadWithUrl(input).messages).toEqual([`_data/site.json: ${message}`]);
  });

  it("shows control characters in the refused value instead of printing them", () => {
    expect(loadWithUrl("javascript:\u001b[2Kx").messages[0]).toContain('"javascript:\\u001b[2Kx"');
  });

  it("still says a missing url is required", () => {
    expect(loadWithUrl(undefined).messages).toEqual(["_data/site.json: url: is required"]);
  });
});
