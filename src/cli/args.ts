import { parseArgs } from "node:util";

/** Options shared by the build and serve commands (`--pathprefix` as Eleventy spells it). */
export function parseBuildArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      pathprefix: { type: "string" },
      output: { type: "string" },
      root: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      report: { type: "string" },
      full: { type: "boolean" },
      "render-all": { type: "boolean" },
      future: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  return values;
}
