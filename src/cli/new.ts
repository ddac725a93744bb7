/**
 * `npm run new -- --title "..." --section news [--author NAME]... [--date ...] [--dateline ...] [--publish] [--root DIR]`
 *
 * Creates `articles/YYYY/MM/<slug>.md` as a draft and prints its path on stdout
 * (hints and errors go to stderr, so `$EDITOR "$(npx tsx src/cli/new.ts ...)"` works).
 * In a terminal, missing fields are asked for; elsewhere they are a usage error.
 */
import path from "node:path";
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { formatDiagnostic, type Diagnostic } from "../model/diagnostics.ts";
import { askForFields, planNewArticle, writeNewArticle, type Ask, type GivenFields } from "../content/newArticle.ts";
import { loadSiteData } from "../content/siteData.ts";
import { isInteractive } from "../publish/progress.ts";

const USAGE =
  'Usage: npm run new -- --title "Headline" --section SLUG [--author NAME]... [--date 2024-03-05T09:30] [--dateline PLACE] [--publish] [--root DIR]';

/** Exit statuses: 2 for a command line that cannot work (like most CLIs), 1 for a refusal or broken site data. */
const EXIT_USAGE = 2;
const EXIT_REFUSED = 1;
/** What shells report for Ctrl+C. */
const EXIT_CANCELLED = 130;

function parseNewArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      title: { type: "string" },
      section: { type: "string" },
      // Repeated rather than comma-separated: names such as "Smith, Jr." stay whole.
      author: { type: "string", multiple: true },
      date: { type: "string" },
      dateline: { type: "string" },
      publish: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

class Cancelled extends Error {}

/**
 * Asks over readline. Answers come from readline's line iterator, which queues
 * lines typed ahead of their question (`rl.question` drops them); Ctrl+C or
 * Ctrl+D ends the iterator, which cancels instead of leaving a question pending.
 */
async function withPrompt<T>(use: (ask: Ask) => Promise<T>): Promise<T> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  rl.on("SIGINT", () => rl.close());
  const lines = rl[Symbol.asyncIterator]();
  const ask: Ask = async (question) => {
    rl.setPrompt(question);
    rl.prompt();
    const next = await lines.next();
    if (next.done) throw new Cancelled();
    return next.value;
  };
  try {
    return await use(ask);
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseNewArgs>;
  try {
    args = parseNewArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const root = path.resolve(args.root ?? process.cwd());
  const diagnostics: Diagnostic[] = [];
  const data = loadSiteData(root, diagnostics);
  if (!data) {
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    console.error(`Cannot create an article: the site data in ${path.join(root, "_data")} has errors. Nothing was written.`);
    return EXIT_REFUSED;
  }

  let fields: GivenFields = { title: args.title, section: args.section, authors: args.author, dateline: args.dateline };
  const missing = (["title", "section"] as const).filter((name) => !fields[name]?.trim());
  if (missing.length > 0) {
    // Prompts go to stdout and answers come from stdin: with stdout captured (`$(npm run new ...)`) nobody sees them.
    if (!isInteractive(process.stdin, process.stdout)) {
      console.error(`Missing ${missing.map((name) => `--${name}`).join(" and ")}.\n${USAGE}`);
      return EXIT_USAGE;
    }
    try {
      fields = await withPrompt((ask) => askForFields(fields, data.sections, ask));
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
      console.error("\nCancelled. Nothing was written.");
      return EXIT_CANCELLED;
    }
  }

  const planned = planNewArticle(
    {
      title: fields.title ?? "",
      section: fields.section ?? "",
      authors: fields.authors ?? [],
      date: args.date,
      dateline: fields.dateline,
      publish: args.publish,
    },
    data,
    DateTime.now(),
  );
  if (!planned.ok) {
    for (const problem of planned.problems) console.error(problem);
    console.error(USAGE);
    return EXIT_USAGE;
  }
  const { plan } = planned;
  const written = writeNewArticle(root, plan, data.site.timezone);
  if (!written.ok) {
    console.error(written.reason);
    return EXIT_REFUSED;
  }

  console.log(plan.relativePath);
  console.error(
    plan.draft
      ? `Created as a draft: remove \`draft: true\` from its front matter to publish it at ${plan.url} on the next build.`
      : `It will be published at ${plan.url} on the next build.`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
