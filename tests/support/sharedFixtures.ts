/** Third-party data the tests read where it lives, beside the project (never copied in): see ../shared/fixtures/*\/SOURCE.md. */
import path from "node:path";

export const SHARED_FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures");

export const WORDPRESS_FIXTURES = {
  /** The classic theme unit test export: 186 items (posts, pages, attachments, menu items). */
  themeUnitTest: path.join(SHARED_FIXTURES, "wordpress/themeunittestdata.wordpress.xml"),
  /** Block-editor content: posts made of Gutenberg blocks. */
  blockTest: path.join(SHARED_FIXTURES, "wordpress/64-block-test-data.xml"),
};

/** Public-domain and CC0 photos, and one truncated JPEG. */
export const PHOTO_FIXTURES = path.join(SHARED_FIXTURES, "photos");
