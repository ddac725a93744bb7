/** Fixed site paths the layout links to, as global data `paths` (made in src/model/urls.ts like every other). */
import { ARCHIVE_INDEX_PATH, correctionsPath, feedPath, HOME_PATH, LATEST_SIDEBARS_PATH, nameIndexPath, SEARCH_DIR, SEARCH_PATH } from "../model/urls.ts";

export function sitePathsForTemplates() {
  return {
    home: HOME_PATH,
    search: SEARCH_PATH,
    /** The search index's folder, which the search page loads its shards from. */
    searchIndex: `/${SEARCH_DIR}/`,
    archive: ARCHIVE_INDEX_PATH,
    authors: nameIndexPath("authors"),
    tags: nameIndexPath("tags"),
    corrections: correctionsPath(),
    feed: feedPath(),
    latestSidebars: LATEST_SIDEBARS_PATH,
  } as const;
}
