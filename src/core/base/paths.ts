// Minimal POSIX path helpers: the core may not import `node:path`, and it only ever sees
// absolute `/`-separated paths.

/** Joins path segments and normalises `.` and `..`. */
export function joinPath(base: string, ...parts: string[]): string {
  return normalizePath([base, ...parts].join('/'));
}

/** Collapses duplicate slashes, `.` and `..` segments; keeps a leading slash. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** The directory part of a path. */
export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  if (index <= 0) return index === 0 ? '/' : '.';
  return path.slice(0, index);
}

/** The last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `path` relative to `root`, `/`-separated; `undefined` when it lies outside `root`. */
export function relativePath(root: string, path: string): string | undefined {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  if (path === root) return '';
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** `Weekly post schedule: update #2` → `weekly-post-schedule-update-2`; accents are dropped, at most 60 characters. */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const dash = cut.lastIndexOf('-');
  return dash > maxLength / 2 ? cut.slice(0, dash) : cut.replace(/-+$/, '');
}
