/**
 * Sitemaps checked by xmllint against the sitemaps.org schemas (and the Google
 * News elements we write), so a crawler's parser, not our own reading, decides
 * whether they are valid. The schemas are written to a temporary folder once.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect } from "vitest";
import { makeTempDir } from "./fixtureArchive.ts";

const SITEMAP_XSD = fileURLToPath(new URL("../../node_modules/sitemap/schema/sitemap.xsd", import.meta.url));

/**
 * The sitemaps.org index schema (https://www.sitemaps.org/schemas/sitemap/0.9/siteindex.xsd,
 * 2009-04-08, annotations left out); the `sitemap` package ships only sitemap.xsd.
 */
const SITEINDEX_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <xsd:element name="sitemapindex">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/>
        <xsd:element name="sitemap" type="tSitemap" maxOccurs="unbounded"/>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:complexType name="tSitemap">
    <xsd:sequence>
      <xsd:element name="loc" type="tLocSitemap"/>
      <xsd:element name="lastmod" type="tLastmodSitemap" minOccurs="0"/>
      <xsd:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/>
    </xsd:sequence>
  </xsd:complexType>
  <xsd:simpleType name="tLocSitemap">
    <xsd:restriction base="xsd:anyURI"><xsd:minLength value="12"/><xsd:maxLength value="2048"/></xsd:restriction>
  </xsd:simpleType>
  <xsd:simpleType name="tLastmodSitemap">
    <xsd:union>
      <xsd:simpleType><xsd:restriction base="xsd:date"/></xsd:simpleType>
      <xsd:simpleType><xsd:restriction base="xsd:dateTime"/></xsd:simpleType>
    </xsd:union>
  </xsd:simpleType>
</xsd:schema>
`;

/**
 * The Google News elements we write, as Google's documentation defines them
 * (required publication name and language, publication date in W3C format,
 * title), in the order of Google's sitemap-news.xsd. Written here because no
 * package ships Google's schema and tests must not fetch it.
 */
const NEWS_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.google.com/schemas/sitemap-news/0.9"
            xmlns="http://www.google.com/schemas/sitemap-news/0.9" elementFormDefault="qualified">
  <xsd:element name="news">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="publication">
          <xsd:complexType>
            <xsd:sequence>
              <xsd:element name="name" type="tText"/>
              <xsd:element name="language">
                <xsd:simpleType><xsd:restriction base="xsd:string"><xsd:pattern value="zh-cn|zh-tw|[a-z]{2,3}"/></xsd:restriction></xsd:simpleType>
              </xsd:element>
            </xsd:sequence>
          </xsd:complexType>
        </xsd:element>
        <xsd:element name="publication_date">
          <xsd:simpleType>
            <xsd:union>
              <xsd:simpleType><xsd:restriction base="xsd:date"/></xsd:simpleType>
              <xsd:simpleType><xsd:restriction base="xsd:dateTime"/></xsd:simpleType>
            </xsd:union>
          </xsd:simpleType>
        </xsd:element>
        <xsd:element name="title" type="tText"/>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:simpleType name="tText"><xsd:restriction base="xsd:string"><xsd:minLength value="1"/></xsd:restriction></xsd:simpleType>
</xsd:schema>
`;

export interface SitemapSchemas {
  index: string;
  urlset: string;
  news: string;
}

let written: SitemapSchemas | undefined;

/** Paths of the three schemas: the sitemap index, a plain urlset, a urlset with Google News elements. */
export function sitemapSchemas(): SitemapSchemas {
  if (written) return written;
  const schemas = { index: "", urlset: SITEMAP_XSD, news: "" };
  const dir = makeTempDir("sitemap-schemas");
  schemas.index = path.join(dir, "siteindex.xsd");
  fs.writeFileSync(schemas.index, SITEINDEX_XSD);
  fs.writeFileSync(path.join(dir, "sitemap-news.xsd"), NEWS_XSD);
  // sitemap.xsd validates foreign elements strictly: the news schema must be loaded beside it.
  schemas.news = path.join(dir, "sitemap-with-news.xsd");
  fs.writeFileSync(
    schemas.news,
    `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="${pathToFileURL(SITEMAP_XSD).href}"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>
`,
  );
  return (written = schemas);
}

export function xmllint(args: string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync("xmllint", args, { encoding: "utf8" });
  if (run.error) {
    throw new Error(`xmllint is needed by these tests (${run.error.message}): apt-get install -y libxml2-utils`);
  }
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export function expectValid(file: string, schema?: string): void {
  const run = xmllint(schema ? ["--noout", "--schema", schema, file] : ["--noout", file]);
  expect(run.status, `${file}\n${run.stderr}`).toBe(0);
}

/** Text of the first element with this local name, as an XML parser reads it (entities resolved). */
export function xpathText(file: string, localName: string): string {
  const run = xmllint(["--xpath", `string(//*[local-name()='${localName}'])`, file]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.replace(/\n$/, ""); // xmllint ends its output with a newline
}

/** The `<loc>` URLs of a sitemap or sitemap index, in order. */
export function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? "");
}

/** loc -> lastmod (or "" when absent), for `<url>` and `<sitemap>` entries alike. */
export function lastmods(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<loc>([^<]*)<\/loc>(?:<lastmod>([^<]*)<\/lastmod>)?/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}
