/**
 * Types for @joplin/turndown-plugin-gfm (CommonJS, shipped without types). Only the plugins the body converter
 * uses are declared; each is a turndown plugin like those of the original turndown-plugin-gfm.
 */
declare module "@joplin/turndown-plugin-gfm" {
  import type TurndownService from "turndown";
  /** Table rows and cells as GFM pipes (the table rule itself is overridden by the converter). */
  export const tables: TurndownService.Plugin;
  /** `<del>`, `<s>`, `<strike>` as `~~text~~`. */
  export const strikethrough: TurndownService.Plugin;
  export const gfm: TurndownService.Plugin;
}
