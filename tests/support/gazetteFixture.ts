/**
 * A small archive of the fictional Gullhaven Gazette that exercises every
 * front matter field, escaping, time zones, drafts and pagination (page size 2).
 */
import { createFixtureArchive, type FixtureArticle } from "./fixtureArchive.ts";

export const GAZETTE_ARTICLES: FixtureArticle[] = [
  {
    path: "2023/12/harbour-vote.md",
    frontMatter: [
      'title: "Council & harbour board agree on \\"final\\" dredging vote"',
      "date: 2023-12-08T22:30:00Z",
      "section: news",
      "author: [Mira Holt, Tobias Fenn]",
      "dateline: GULLHAVEN",
      "updated: 2024-03-16T10:00:00+05:00",
      "printDate: 2023-12-10",
      "tags: [harbour, council]",
    ].join("\n"),
    body: [
      "The harbour board voted late on Friday to dredge the western channel, ending a year of argument about cormorant nesting grounds.",
      "",
      "The decision follows [last month's ferry changes](/2023/11/02/ferry-timetable/) and a petition signed by fishing crews.",
      "",
      "Some readers wrote in with `<img src=x onerror=alert(1)>` markup, which must stay text.",
      "",
      "## What happens next",
      "",
      "Work begins in the dry season. Quillwort beds along the breakwater will be surveyed first.",
    ].join("\n"),
  },
  {
    path: "2023/11/ferry-timetable.md",
    frontMatter: "title: Ferry timetable changes for winter\ndate: 2023-11-02\nsection: news\nauthor: Tobias Fenn",
    body: "The island ferry will run four times a day from November, down from six, the operator said.\n",
  },
  {
    path: "2022/05/lighthouse-keepers.md",
    frontMatter: "title: Lighthouse keepers' cottages to become a museum\ndate: 2022-05-01T08:00:00+05:00\nsection: news\nauthor: Mira Holt\nslug: lighthouse-museum",
    body: "The old keepers' cottages at Gull Point will open as a maritime museum next spring.\n",
  },
  {
    path: "2021/02/bus-depot.md",
    frontMatter: "title: Bus depot moves to the ring road\ndate: 2021-02-14T09:15:00+05:00\nsection: news\nauthor: Anouk Ferrer",
    body: "The municipal bus depot will move out of the old town to a site on the ring road.\n",
  },
  {
    path: "2023/12/tidal-column.md",
    frontMatter: [
      "title: Why the tide tables matter more than ever",
      "date: 2023-12-10T18:00:00+05:00",
      "section: opinion",
      "author: Anouk Ferrer",
      "excerpt: A zephyrine argument for printing the tide tables again.",
      "tags: [harbour]",
    ].join("\n"),
    body: "Every fisher on the coast keeps a tide table in the wheelhouse. The paper should print them again.\n",
  },
  {
    path: "2021/06/parking-column.md",
    frontMatter: "title: Parking is a public good\ndate: 2021-06-20\nsection: opinion\nauthor: Lev Okonjo",
    body: "Nobody likes paying for parking, but free parking is paid for by everyone else.\n",
  },
  {
    path: "2023/10/editorial-budget.md",
    frontMatter: "title: The budget needs a harbour line\ndate: 2023-10-05T20:00:00+05:00\nsection: editorial",
    body: "The city's budget does not say what the harbour will cost. It should.\n",
  },
  {
    path: "2025/01/unfinished.md",
    frontMatter: "title: Unfinished draft about marram grass\ndate: 2025-01-10\nsection: opinion\ndraft: true",
    body: "Marram grass holds the dunes together; this draft mentions xylocarp only here.\n",
  },
  {
    path: "2020/09/cup-final.md",
    frontMatter: [
      "title: \"Gulls win the cup </script><script>alert('x')</script>\"",
      "date: 2020-09-12T17:45:00+05:00",
      "section: sport",
      "author: Lev Okonjo",
    ].join("\n"),
    body: "Gullhaven Athletic won the county cup on penalties after a goalless final.\n",
  },
];

export const GAZETTE_MUST_READ = ["/2023/12/09/harbour-vote/", "articles/2022/05/lighthouse-keepers.md"];

export function createGazetteArchive(root?: string): string {
  return createFixtureArchive({ articles: GAZETTE_ARTICLES, mustRead: GAZETTE_MUST_READ }, root);
}
