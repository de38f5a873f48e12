// The images an evidence file links to, read for the report: small ones embedded as data: URIs so
// the report is one file, large ones linked relative to it. Nothing is ever fetched from a server.
import type { PortfolioFileSystem } from '../base/fileSystem';
import type { IndexedFile } from '../portfolio/portfolioIndex';
import { statInsideRoot } from '../base/insideRoot';
import { dirname, joinPath, relativePath } from '../base/paths';

/** One image of an evidence file. */
export interface ReportImage {
  /** Path from the portfolio root. */
  readonly path: string;
  /** A `data:` URI when the image was small enough to embed; otherwise the report links to `path`. */
  readonly dataUri: string | undefined;
  /** Size in bytes, when the file could be stat-ed. */
  readonly size: number | undefined;
}

/** Limits on embedding, so one huge photo cannot make the report too large to open. */
export interface ImageLimits {
  /** The largest image embedded; larger ones are linked. */
  readonly maxImageBytes: number;
  /** The most bytes embedded in all; images past it are linked. */
  readonly maxTotalBytes: number;
}

/** 512 KB per image and 8 MB in all: a phone photo embeds, a report stays under 16 MB with its matrix. */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxImageBytes: 512 * 1024, maxTotalBytes: 8 * 1024 * 1024 };

/** Image types a browser shows in `<img>`, by extension. SVG in `<img>` runs no script. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
};

/** The MIME type of an image path, or `undefined` when it is not an image. */
export function imageType(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : IMAGE_TYPES[path.slice(dot + 1).toLowerCase()];
}

/**
 * Reads the images the evidence files link to, inside the portfolio root only, keyed by evidence
 * path. An image that cannot be read is linked; one outside the root is left out.
 */
export async function collectEvidenceImages(
  fs: PortfolioFileSystem,
  root: string,
  files: readonly IndexedFile[],
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<Map<string, ReportImage[]>> {
  const result = new Map<string, ReportImage[]>();
  let embedded = 0;
  for (const file of files) {
    if (!file.isEvidence) continue;
    const images: ReportImage[] = [];
    const seen = new Set<string>();
    for (const link of file.analysis.links) {
      const type = imageType(link.target);
      if (!type) continue;
      const absolute = link.target.startsWith('/') ? joinPath(root, link.target) : joinPath(dirname(file.path), link.target);
      const path = relativePath(root, absolute);
      if (path === undefined || path === '' || seen.has(path)) continue;
      seen.add(path);
      // From the root down, never through a symbolic link: a link could point anywhere, outside the portfolio too.
      const inside = await statInsideRoot(fs, root, absolute);
      if (inside.kind !== 'found' || inside.stat.type !== 'file') continue;
      const stat = inside.stat;
      let dataUri: string | undefined;
      if (stat.size <= limits.maxImageBytes && embedded + stat.size <= limits.maxTotalBytes) {
        const bytes = await fs.readFile(absolute, limits.maxImageBytes + 1).catch(() => undefined);
        if (bytes && bytes.length <= limits.maxImageBytes) {
          dataUri = `data:${type};base64,${toBase64(bytes)}`;
          embedded += bytes.length;
        }
      }
      images.push({ path, dataUri, size: stat.size });
    }
    if (images.length > 0) result.set(file.relativePath, images);
  }
  return result;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes without Node's Buffer (or the DOM's btoa, outside the core's lib), so it runs in every host. */
export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out.push(BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63]);
  }
  const left = bytes.length - i;
  if (left === 1) {
    const n = bytes[i] << 16;
    out.push(`${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}==`);
  } else if (left === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out.push(`${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}${BASE64[(n >> 6) & 63]}=`);
  }
  return out.join('');
}
