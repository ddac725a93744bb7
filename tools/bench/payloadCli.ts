/** Measures one query's search payload in a fresh process (no cache from an earlier query): prints JSON. */
import { measureQueryPayload } from "./searchPayload.ts";

const [site, query, year] = process.argv.slice(2);
if (!site || !query) throw new Error("usage: payloadCli.ts SITE_DIR QUERY [YEAR]");
const report = await measureQueryPayload(site, query, year ? { year } : {});
process.stdout.write(JSON.stringify(report));
