/**
 * Which file under the built renderer a request path names; the browser host and Electron's `app://` handler
 * both serve through it. Paths are checked segment by segment before they touch the file system, and the
 * real path is checked again after, so neither `..` (plain or percent-encoded), a backslash, a Windows drive
 * or stream (`:`), a Windows device name (`NUL`, `COM1`, `con.js`), nor a symbolic link leads outside the
 * folder or to a dot-file.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type StaticPath =
  | { readonly kind: 'file'; readonly file: string; readonly size: number }
  /** Nothing there (or a folder): the single-page app answers with index.html. */
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused' };

/** The request target's path, split and percent-decoded; undefined for anything that could escape the root. */
export function safeSegments(requestTarget: string): readonly string[] | undefined {
  if (!requestTarget.startsWith('/')) return undefined;
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '';
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '') continue;
    if (!isSafeSegment(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/**
 * Windows' reserved device names. Opening `COM1` (or `com1.js`, `Com1 .txt`: Windows ignores the extension
 * and trailing spaces for these) in any folder opens the device, not a file. `CONIN$`/`CONOUT$` are the
 * console; the superscript digits are ports too (Windows 11 documents them beside 0-9).
 */
const WINDOWS_DEVICE_NAME =
  /^(?:con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

/**
 * Whether one decoded path segment may name a file under the root, on Windows as on any other system.
 * Refused: `.` and `..`; separators (`/`, `\`) and control characters; `:` (a drive, `C:`, or an NTFS
 * alternate data stream, `index.html::$DATA`); a trailing `.` or space, which Windows strips (so
 * `index.html.` would be another name for `index.html`); and the reserved device names.
 */
export function isSafeSegment(segment: string): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false;
  // eslint-disable-next-line no-control-regex
  if (/[/\\:\u0000-\u001f]/.test(segment) || /[. ]$/.test(segment)) return false;
  // The device check looks at the name before the first dot, without the spaces Windows drops before it.
  const stem = segment.split('.', 1)[0]?.replace(/ +$/, '') ?? '';
  return !WINDOWS_DEVICE_NAME.test(stem);
}

/** Dot-files (`.env`, `.git`) are never part of a built renderer: they are not served. */
function isHidden(segments: readonly string[]): boolean {
  return segments.some((s) => s.startsWith('.'));
}

export async function resolveStaticPath(root: string, requestTarget: string): Promise<StaticPath> {
  const segments = safeSegments(requestTarget);
  if (segments === undefined) return { kind: 'refused' };
  if (segments.length === 0 || isHidden(segments)) return { kind: 'missing' };
  const realRoot = await realpath(root);
  const candidate = path.join(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) return { kind: 'refused' };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { kind: 'missing' };
  }
  if (!isInside(realRoot, real)) return { kind: 'refused' };
  // The name asked for may not be the file's name: a Windows 8.3 short name (`ENV~1` for `.env`) or a link
  // inside the folder can reach a dot-file. The native realpath gives the long, final name; check that too.
  if (isHidden(path.relative(realRoot, real).split(path.sep))) return { kind: 'missing' };
  const info = await stat(real).catch(() => undefined);
  if (info === undefined || !info.isFile()) return { kind: 'missing' };
  return { kind: 'file', file: real, size: info.size };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Unknown extensions are served as opaque bytes; with nosniff the browser will not guess a script. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
