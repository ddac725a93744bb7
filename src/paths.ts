import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own folder (templates, layouts, assets), wherever the command runs from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where page templates live (Eleventy's input folder). */
export const PAGES_DIR = path.join(PROJECT_ROOT, "src", "render", "pages");
export const INCLUDES_DIR = path.join(PROJECT_ROOT, "_includes");
export const ASSETS_DIR = path.join(PROJECT_ROOT, "src", "assets");
