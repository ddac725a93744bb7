import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own folder (templates, layouts, assets), wherever the command runs from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Eleventy's input folder. It holds no templates: the routes are virtual, made
 * from the registry of page kinds (src/render/routes.ts), and the views live in
 * `_includes/`.
 */
export const PAGES_DIR = path.join(PROJECT_ROOT, "src", "render");
export const INCLUDES_DIR = path.join(PROJECT_ROOT, "_includes");
export const ASSETS_DIR = path.join(PROJECT_ROOT, "src", "assets");
