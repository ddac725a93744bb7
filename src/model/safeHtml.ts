/**
 * The one policy for raw HTML in article bodies (a CMS's tables, figures,
 * quotations, embeds), applied by sanitize-html: an allow-list of elements and
 * attributes, web and mail links only, no script in any form. Embedded
 * third-party content becomes a link card (no request to another site when a
 * reader opens an archived page) unless its host is listed in `embedHosts`.
 * The same pass reports what it removed, so `npm run check` can say so with
 * the line (src/model/markdown.ts finds the lines, content/ the file).
 */
import sanitizeHtml from "sanitize-html";
import { withPrefix } from "./urls.ts";

export interface HtmlPolicy {
  /** Hosts whose iframes are kept (sandboxed), from `_data/site.json`. */
  embedHosts: readonly string[];
  /** Hosting sub-path: site paths in links get it, as Markdown links do. */
  pathPrefix?: string;
  /** Inside a paragraph: a card is a `<span>`, since an `<aside>` cannot be there. */
  inline?: boolean;
  /**
   * The `<picture>` of a local `<img>` (its `src` relative to the article's file), the same callback that shows
   * Markdown photos (FigureOptions.picture in src/model/figureSyntax.ts); without it, or when it answers
   * undefined (a photo not processed), the photo shows as its alt text.
   */
  picture?: (src: string, alt: string) => string | undefined;
}

/** A local `<img>`: a photo of the article, like a Markdown one. `alt` is undefined when the attribute is missing. */
export interface HtmlPhoto {
  index: number;
  src: string;
  alt?: string;
}

/** Something the policy took out of the HTML: `index` is where its element starts in the input. */
export interface HtmlRemoval {
  index: number;
  message: string;
}

/** Attributes every kept element may carry: language, direction and a tooltip are harmless. */
const GLOBAL_ATTRIBUTES = ["lang", "dir", "title"];

/**
 * Kept elements and their attributes. Beyond the issue's list: `div`/`span`
 * (CMS wrappers, no attributes), `b`/`i`/`u`/`s`/`del`/`ins`/`mark`/`small`/`q`,
 * `kbd`/`samp`/`var`, `dl`/`dt`/`dd`, `colgroup`/`col`: text-level and
 * structural markup that can neither load nor run anything. `id`, `class`,
 * `name` and `style` are never kept: they could clobber the page's own ids
 * and scripts, borrow the site's classes (a fake "Draft" banner) or restyle it.
 */
const ALLOWED: Record<string, readonly string[]> = {
  p: [], div: [], span: [], br: [], hr: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  ul: [], ol: ["start", "reversed", "type"], li: ["value"], dl: [], dt: [], dd: [],
  a: ["href", "target", "rel", "hreflang"],
  em: [], strong: [], b: [], i: [], u: [], s: [], small: [], mark: [], q: ["cite"], cite: [],
  del: ["cite", "datetime"], ins: ["cite", "datetime"], sup: [], sub: [], kbd: [], samp: [], var: [],
  abbr: [], time: ["datetime"], pre: [], code: [], blockquote: ["cite"],
  figure: [], figcaption: [], img: ["src", "alt", "width", "height"],
  table: [], caption: [], colgroup: ["span"], col: ["span"], thead: [], tbody: [], tfoot: [], tr: [],
  th: ["colspan", "rowspan", "scope", "abbr", "headers"], td: ["colspan", "rowspan", "headers"],
};

/** A kept iframe's attributes: the page's own, plus what the embed itself may set. */
const IFRAME_ATTRIBUTES = ["src", "title", "width", "height", "allowfullscreen", "sandbox", "loading", "referrerpolicy"];
/** Replaced by the archive's own settings above, so not reported as losses. */
const IFRAME_REPLACED = new Set(["frameborder", "allow", "sandbox", "loading", "referrerpolicy", "scrolling", "marginwidth", "marginheight"]);

/** Elements that mark cards in the sanitiser's output, replaced by their markup afterwards. */
const CARD = "archive-embed-card";
const POST = "archive-embed-post";
/** Marks a local photo, replaced by its `<picture>` afterwards. */
const PHOTO = "archive-photo";
/**
 * Marks an element a transform drops (with `exclusiveFilter`): renaming it to a refused name instead would leave
 * sanitize-html 2.17's rename table stale for that depth, renaming a later closing tag.
 */
const DROP = "data-archive-drop";

const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);
const LINK_SCHEMES = new Set(["http", "https", "mailto", "tel"]);

/** Why an element is removed, for the maintainer. */
function elementReason(name: string): string {
  if (name === "script" || name === "noscript") return "scripts never run in the archive";
  if (name === "style" || name === "link") return "the archive's stylesheet styles every article";
  if (/^(form|input|button|select|option|optgroup|textarea|label|fieldset|legend|datalist|output)$/.test(name)) return "forms do not work in an archive";
  if (/^(object|embed|applet|param)$/.test(name)) return "plugins and embedded objects are not shown";
  if (/^(video|audio|source|track|picture|frame|frameset|portal)$/.test(name)) return "it would load content from elsewhere";
  if (/^(svg|math)$/.test(name)) return "SVG and MathML can carry scripts; use an image";
  return NON_TEXT_TAGS.has(name) ? "with its content" : "not an element articles may use; its text is kept";
}

/** Removed with their content (sanitize-html's default list, plus ones whose text is not text). */
const NON_TEXT_TAGS = new Set(["script", "style", "textarea", "option", "noscript", "select", "template", "title", "svg", "math", "object", "embed", "applet", "iframe", "frameset"]);

/**
 * The scheme of a URL as a browser reads it: tabs and newlines are removed
 * anywhere (`jav&#x09;ascript:` is `javascript:`), leading spaces and controls
 * ignored, case ignored. Undefined for a relative URL (a path, `//host/...`, `#id`).
 */
export function urlScheme(value: string): string | undefined {
  const cleaned = value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

/** The host of an absolute http(s) or protocol-relative URL, or undefined. */
function webHost(value: string): { url: string; host: string; https: boolean } | undefined {
  const cleaned = value.replace(/[\t\n\r]/g, "").trim();
  const absolute = cleaned.startsWith("//") ? `https:${cleaned}` : cleaned;
  const scheme = urlScheme(absolute);
  if (scheme !== "http" && scheme !== "https") return undefined;
  try {
    const url = new URL(absolute);
    return url.hostname ? { url: url.href, host: url.hostname, https: url.protocol === "https:" } : undefined;
  } catch {
    return undefined;
  }
}

/** A reader following a card wants the video's page, not its bare player. */
function originalPage(url: string): string {
  const youtube = /^https:\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/.exec(url);
  if (youtube) return `https://www.youtube.com/watch?v=${youtube[1]}`;
  const vimeo = /^https:\/\/player\.vimeo\.com\/video\/(\d+)/.exec(url);
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  return url;
}

/** Blockquotes that embed code turns into a third-party widget, and the host each comes from. */
const EMBEDDED_POSTS: ReadonlyArray<[RegExp, string]> = [
  [/\btwitter-(tweet|video)\b/, "twitter.com"],
  [/\binstagram-media\b/, "www.instagram.com"],
  [/\btiktok-embed\b/, "www.tiktok.com"],
  [/\bbluesky-embed\b/, "bsky.app"],
  [/\breddit-embed-bq\b/, "www.reddit.com"],
  [/\bmastodon-embed\b/, "a Mastodon server"],
  [/\bfb-xfbml-parse-ignore\b/, "www.facebook.com"],
  [/\bthreads-embed\b|\btext-post-media\b/, "www.threads.net"],
];

function embeddedPostHost(attribs: Record<string, string>): string | undefined {
  const classes = attribs.class ?? "";
  for (const [pattern, host] of EMBEDDED_POSTS) if (pattern.test(classes)) return webHost(attribs.cite ?? attribs["data-instgrm-permalink"] ?? "")?.host ?? host;
  return undefined;
}

/** What the open tags of the input are, in order, and where each starts: for the lines of warnings. */
class TagCursor {
  private at = 0;
  constructor(private readonly html: string) {}

  /** Where the next `<name` starts (skipping comments), and moves past it; after a raw text element, past its end tag. */
  next(name: string): number {
    const pattern = /<!--[\s\S]*?(?:-->|$)|<([a-zA-Z][^\s/>]*)/g;
    pattern.lastIndex = this.at;
    for (let m = pattern.exec(this.html); m; m = pattern.exec(this.html)) {
      if (m[1]?.toLowerCase() !== name) continue;
      this.at = m.index + 1;
      if (/^(script|style|textarea|title|xmp)$/.test(name)) {
        const end = this.html.toLowerCase().indexOf(`</${name}`, this.at);
        if (end !== -1) this.at = end;
      }
      return m.index;
    }
    return this.at;
  }
}

type Attributes = Record<string, string>;
type Transform = (tagName: string, attribs: Attributes) => sanitizeHtml.Tag;

/**
 * Sanitises a fragment of raw HTML from an article body. `report` hears of
 * each element or attribute removed (and of embeds turned into cards), with
 * where the element starts in `html`; `photo` of each local `<img>`, which is
 * shown through the photo pipeline (`policy.picture`).
 */
export function sanitizeBodyHtml(html: string, policy: HtmlPolicy, report?: (removal: HtmlRemoval) => void, photo?: (found: HtmlPhoto) => void): string {
  const cursor = new TagCursor(html);
  const prefix = policy.pathPrefix ?? "/";
  /** The element being opened: its name as written, where it starts, and whether a transform has dealt with it. */
  let current = { name: "", index: 0, handled: false };
  const removed = (message: string): void => report?.({ index: current.index, message });

  const checkUrl = (tag: string, attr: string, value: string): string | undefined => {
    const scheme = urlScheme(value);
    if (scheme !== undefined && !LINK_SCHEMES.has(scheme)) {
      removed(`${attr} of <${tag}> removed: ${scheme}: addresses are not allowed (only http:, https:, mailto:, tel: and paths)`);
      return undefined;
    }
    return withPrefix(value.trim(), prefix);
  };

  /** Attributes kept on an allowed element; the others are reported. */
  const keepAttributes = (tag: string, attribs: Attributes, allowed: ReadonlySet<string>, quiet: ReadonlySet<string> = new Set()): Attributes => {
    const kept: Attributes = {};
    for (const [attr, value] of Object.entries(attribs)) {
      if (!allowed.has(attr)) {
        if (/^on/.test(attr)) removed(`${attr} attribute of <${tag}> removed (scripts never run in the archive)`);
        else if (attr === "style") removed(`style attribute of <${tag}> removed (the archive's stylesheet styles every article)`);
        else if (!quiet.has(attr)) removed(`${attr} attribute of <${tag}> removed`);
        continue;
      }
      const url = URL_ATTRIBUTES.has(attr) ? checkUrl(tag, attr, value) : value;
      if (url !== undefined) kept[attr] = url;
    }
    return kept;
  };

  const iframe: Transform = (_tag, attribs): sanitizeHtml.Tag => {
    current.handled = true;
    const target = webHost(attribs.src ?? "");
    if (!target) {
      removed(`<iframe> removed: it has no web address to link to`);
      return { tagName: "iframe", attribs: { [DROP]: "1" }, text: "" };
    }
    const title = (attribs.title ?? "").trim();
    if (target.https && policy.embedHosts.includes(target.host)) {
      const kept = keepAttributes("iframe", { ...attribs, src: target.url }, new Set(IFRAME_ATTRIBUTES), IFRAME_REPLACED);
      // The embed may run its player, in a sandbox, loaded only when scrolled to, told nothing of the page it is on.
      // Never allow-same-origin beside allow-scripts: together they let a frame lift its own sandbox.
      return {
        tagName: "iframe",
        attribs: { ...kept, title: title || `Embedded content from ${target.host}`, sandbox: "allow-scripts allow-presentation allow-popups", loading: "lazy", referrerpolicy: "no-referrer" },
        text: "",
      };
    }
    const why = policy.embedHosts.includes(target.host) ? "only https:// embeds are kept" : "add the host to embedHosts in _data/site.json to embed it";
    removed(`<iframe> from ${target.host} shown as a link (${why})`);
    const page = originalPage(target.url);
    return { tagName: CARD, attribs: { "data-host": target.host, "data-href": page, "data-title": title || page }, text: "" };
  };

  const img: Transform = (_tag, attribs): sanitizeHtml.Tag => {
    current.handled = true;
    const src = (attribs.src ?? "").trim();
    const remote = webHost(src);
    if (remote) {
      removed(`<img> from ${remote.host} shown as a link (remote images are never fetched: save the photo beside the article and use Markdown ![alt](src))`);
      const alt = (attribs.alt ?? "").trim();
      return { tagName: "a", attribs: { href: remote.url }, text: alt ? `Image: ${alt}` : `Image from ${remote.host}` };
    }
    const scheme = urlScheme(src);
    if (!src) removed("<img> without a src removed");
    else if (scheme !== undefined) removed(`<img> with a ${scheme}: address removed (images come from files beside the article)`);
    else {
      // A file of the archive: a photo of the article, checked by the photo check (src/photos/checkPhotos.ts) like a Markdown one.
      photo?.({ index: current.index, src, ...(attribs.alt !== undefined ? { alt: attribs.alt } : {}) });
      for (const attr of Object.keys(attribs)) {
        if (/^on/.test(attr)) removed(`${attr} attribute of <img> removed (scripts never run in the archive)`);
        else if (attr === "style") removed(`style attribute of <img> removed (the archive's stylesheet styles every article)`);
      }
      return { tagName: PHOTO, attribs: { "data-src": src, "data-alt": attribs.alt ?? "" } };
    }
    return { tagName: "img", attribs: { [DROP]: "1" } };
  };

  const blockquote: Transform = (tag, attribs) => {
    const host = embeddedPostHost(attribs);
    if (host === undefined) return { tagName: tag, attribs };
    current.handled = true;
    // The post's text and links stay (they are what the article quoted); its widget script never loads.
    const { class: _class, ...rest } = attribs;
    const kept = keepAttributes("blockquote", rest, new Set([...GLOBAL_ATTRIBUTES, "cite"]), new Set(Object.keys(rest).filter((a) => a.startsWith("data-"))));
    return { tagName: POST, attribs: { "data-host": host, ...(kept.lang ? { lang: kept.lang } : {}) } };
  };

  /** Our marker names written in the input are refused like any unknown element. */
  const refuseMarker: Transform = (tag) => {
    current.handled = true;
    removed(`<${tag}> removed (${elementReason(tag)})`);
    return { tagName: tag, attribs: { [DROP]: "1" } };
  };

  const every: Transform = (tag, attribs) => {
    if (current.handled) return { tagName: tag, attribs };
    if (!Object.hasOwn(ALLOWED, tag)) {
      removed(`<${tag}> removed (${elementReason(tag)})`);
      // The name stays: sanitize-html drops the content of the non-text ones (a script's code) by it.
      return { tagName: tag, attribs: {} };
    }
    const kept = keepAttributes(tag, attribs, new Set([...(ALLOWED[tag] ?? []), ...GLOBAL_ATTRIBUTES]));
    // A new tab must not get a handle on this page (window.opener) nor learn where the reader came from.
    if (tag === "a" && kept.target !== undefined) {
      const rel = new Set((kept.rel ?? "").split(/\s+/).filter(Boolean));
      rel.add("noopener").add("noreferrer");
      kept.rel = [...rel].join(" ");
    }
    return { tagName: tag, attribs: kept };
  };

  const allowedAttributes: Record<string, string[]> = { iframe: [...IFRAME_ATTRIBUTES, DROP], [CARD]: ["data-host", "data-href", "data-title", DROP], [POST]: ["data-host", "lang", DROP], [PHOTO]: ["data-src", "data-alt", DROP] };
  for (const [tag, attrs] of Object.entries(ALLOWED)) allowedAttributes[tag] = [...attrs, ...GLOBAL_ATTRIBUTES];
  allowedAttributes.img?.push(DROP);
  const embedHosts = [...policy.embedHosts];

  const clean = sanitizeHtml(html, {
    allowedTags: [...Object.keys(ALLOWED), ...(embedHosts.length > 0 ? ["iframe"] : []), CARD, POST, PHOTO],
    allowedAttributes,
    // Also checked by sanitize-html itself, after the transforms: a second line of defence.
    allowedSchemes: [...LINK_SCHEMES],
    allowedSchemesByTag: { img: ["http", "https"], iframe: ["https"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
    allowedIframeHostnames: embedHosts,
    allowIframeRelativeUrls: false,
    disallowedTagsMode: "discard",
    nonTextTags: [...NON_TEXT_TAGS],
    onOpenTag: (name) => {
      current = { name, index: cursor.next(name), handled: false };
    },
    // Void elements written as such (`<br>`, not `<br></br>`), as markdown-it writes them.
    selfClosing: ["img", "br", "hr", "col", "wbr"],
    transformTags: { iframe, img, blockquote, [CARD]: refuseMarker, [POST]: refuseMarker, [PHOTO]: refuseMarker, "*": every },
    exclusiveFilter: (frame) => frame.attribs[DROP] === "1",
  });
  // sanitize-html ends void elements with " />"; `>` is escaped everywhere else in its output, so this touches tags only.
  const html5 = clean.replace(/ \/>/g, ">");
  const expanded = html5.includes("<archive-") ? expandPhotos(expandCards(html5, policy.inline === true), policy) : html5;
  // A figure from the HTML is styled as a Markdown one (its class attribute, if any, was removed above).
  return expanded.includes("<figure") ? expanded.replace(/<figure(?=[\s>])/g, '<figure class="figure"') : expanded;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };
const unescapeAttribute = (value: string): string => value.replace(/&(amp|lt|gt|quot);/g, (entity) => ATTRIBUTE_ESCAPES[entity] ?? entity);

/** Photo markers as their `<picture>` (from `policy.picture`), or as their alt text when the photo is not processed. */
function expandPhotos(html: string, policy: HtmlPolicy): string {
  return html.replace(
    // sanitize-html writes an empty attribute bare (`data-alt`).
    /<archive-photo data-src="([^"]*)" data-alt(?:="([^"]*)")?><\/archive-photo>/g,
    (_m, src: string, alt = "") => policy.picture?.(unescapeAttribute(src), unescapeAttribute(alt)) ?? `<span class="photo-missing">${alt}</span>`,
  );
}

/** Card markers as their markup: the host, and a link to the original. Attribute values are already escaped. */
function expandCards(html: string, inline: boolean): string {
  const box = inline ? "span" : "aside";
  return html
    .replace(
      /<archive-embed-card data-host="([^"]*)" data-href="([^"]*)" data-title="([^"]*)"><\/archive-embed-card>/g,
      (_m, host: string, href: string, title: string) =>
        inline
          ? `<span class="embed-card">Embedded content from ${host}: <a href="${href}">${title}</a></span>`
          : `<aside class="embed-card"><p class="embed-card-source">Embedded content from ${host}, not loaded in the archive</p><p><a href="${href}">${title}</a></p></aside>`,
    )
    .replace(
      /<archive-embed-post data-host="([^"]*)"((?: lang="[^"]*")?)>/g,
      (_m, host: string, lang: string) => `<${box} class="embed-card"><span class="embed-card-source">Post on ${host}, as it was embedded</span><blockquote${lang}>`,
    )
    .replace(/<\/archive-embed-post>/g, `</blockquote></${box}>`);
}

const TEXT_ESCAPES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };

/**
 * What a reader sees of raw HTML as plain text, for search and excerpts: the
 * text of kept elements only (never a script's or a style's), elements apart.
 */
export function htmlToText(html: string): string {
  // A space at each tag boundary, so cells and paragraphs do not run together.
  const text = sanitizeHtml(html.replace(/</g, " <"), { allowedTags: [], allowedAttributes: {}, nonTextTags: [...NON_TEXT_TAGS] });
  return text.replace(/&(amp|lt|gt|quot);/g, (entity) => TEXT_ESCAPES[entity] ?? entity).replace(/\s+/g, " ").trim();
}
