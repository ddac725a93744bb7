/**
 * Turns an HTTP request target into a decoded site path, or says why it is a bad request. Strict on purpose: the
 * dev server serves only what a browser following the site's own links asks for, so anything odd is refused with
 * 400 before it comes near the file system.
 */

export type DecodedPath = { ok: true; path: string } | { ok: false; reason: string };

// fatal: a malformed or overlong sequence (`%c0%ae` for ".") throws instead of becoming U+FFFD.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function bad(reason: string): DecodedPath {
  return { ok: false, reason };
}

/**
 * Decodes the path part of an origin-form request target (`/a/b%20c/?q`) exactly once. Refuses invalid
 * percent-encoding, invalid or overlong UTF-8, control characters (NUL included), backslashes and `.`/`..`
 * segments, encoded or not. Runs of slashes are merged (as nginx does), so the result is `/` or `/seg/.../seg[/]`.
 */
export function decodeRequestPath(target: string): DecodedPath {
  // Absolute-form (`http://host/...`) and `*` are for proxies and OPTIONS: not for a static site.
  if (!target.startsWith("/")) return bad("the request target is not a path");
  const end = target.search(/[?#]/);
  const raw = end === -1 ? target : target.slice(0, end);

  const bytes = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 0x25) {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return bad("invalid percent-encoding");
      bytes[n++] = parseInt(hex, 16);
      i += 2;
    } else if (code <= 0x20 || code >= 0x7f) {
      // Browsers percent-encode these; a raw one means a hand-made request.
      return bad("a raw control, space or non-ASCII character");
    } else {
      bytes[n++] = code;
    }
  }

  let decoded: string;
  try {
    decoded = utf8.decode(bytes.subarray(0, n));
  } catch {
    return bad("invalid UTF-8");
  }
  // C0 controls (NUL included) and DEL: no file of the site has them in its name.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return bad("a control character");
  if (decoded.includes("\\")) return bad("a backslash");

  const segments = decoded.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment === "." || segment === "..")) return bad("a `.` or `..` segment");
  const trailing = decoded.endsWith("/") && segments.length > 0 ? "/" : "";
  return { ok: true, path: `/${segments.join("/")}${trailing}` };
}

/** The path again as a URL path: each segment percent-encoded (for a Location header). */
export function encodePath(decodedPath: string): string {
  return decodedPath
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
