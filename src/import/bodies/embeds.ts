/**
 * Embedded media as the archive can show it. The site's HTML policy keeps an `<iframe>` only from a host listed in
 * `embedHosts` (and would show any other as a card, with a warning from `npm run check`), and never turns a link
 * into a player. So a video address becomes a player iframe when its player's host is listed, and a plain link
 * paragraph otherwise: the reader still gets to the original, and the body checks clean.
 */
import { escapeHtml } from "../../model/escape.ts";
import { fileNameOf } from "./htmlSource.ts";

/** Player addresses of the providers whose player URL can be derived from a page URL, in order of preference. */
function playerCandidates(url: string): string[] {
  const youtube = /^https?:\/\/(?:(?:www\.|m\.)?youtube\.com\/(?:watch\?(?:[^#]*&)?v=|embed\/|shorts\/|live\/)|youtu\.be\/)([\w-]{6,})/i.exec(url);
  if (youtube) return [`https://www.youtube-nocookie.com/embed/${youtube[1]}`, `https://www.youtube.com/embed/${youtube[1]}`];
  const vimeo = /^https?:\/\/(?:www\.)?vimeo\.com\/(?:video\/)?(\d+)/i.exec(url);
  if (vimeo) return [`https://player.vimeo.com/video/${vimeo[1]}`];
  return [];
}

/** The player iframe address for a page URL, when the player's host is one the archive embeds. */
export function playerFor(url: string, embedHosts: readonly string[]): string | undefined {
  return playerCandidates(url).find((player) => embedHosts.includes(new URL(player).hostname));
}

/** An embedded address (WordPress `[embed]` or an address alone on its line) as HTML: a player, else a link. */
export function embedHtml(url: string, embedHosts: readonly string[]): string {
  const player = playerFor(url, embedHosts);
  if (player) return `<p><iframe src="${escapeHtml(player)}"></iframe></p>`;
  return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
}

/** An audio or video file as a link to it (the archive plays no media itself). */
export function mediaLinkHtml(kind: "audio" | "video", url: string): string {
  const label = kind === "audio" ? "Audio" : "Video";
  return `<a href="${escapeHtml(url)}">${label}: ${escapeHtml(fileNameOf(url))}</a>`;
}
