/**
 * The copy of the sample archive the tests build (`tests/fixtures/sample/`: its
 * `articles/` and `_data/`). Tests never read the live `articles/` folder, so an
 * outlet that replaces the sample with its own archive keeps a green `npm test`,
 * and the suite's time does not grow with the archive. Templates and assets still
 * come from the project.
 */
import path from "node:path";
import { PROJECT_ROOT } from "../../src/paths.ts";

export const SAMPLE_ROOT = path.join(PROJECT_ROOT, "tests", "fixtures", "sample");
