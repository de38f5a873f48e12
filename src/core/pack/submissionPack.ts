// The submission pack from a loaded index, in two steps so a host can print the page in between:
// prepareSubmissionPack reads the files and renders portfolio.html; zipPreparedPack makes the ZIP.
import type { PortfolioFileSystem } from '../base/fileSystem';
import type { PortfolioIndex } from '../portfolio/portfolioIndex';
import { buildReportModel, type ReportInput, type ReportModel } from '../report/reportModel';
import { collectPackFiles, DEFAULT_PACK_LIMITS, type PackFiles, type PackLimits } from './packFiles';
import { pieceAnchors, renderPackHtml } from './packHtml';
import { PACK_HTML_NAME, PACK_PDF_NAME, zipSubmissionPack, type PackManifest, type PackManifestInfo } from './packZip';

/** What the pack's page takes of the report's input: the pack makes its own anchors and images. */
export type PackReportInput = Omit<ReportInput, 'evidenceAnchors' | 'images' | 'linkPrefix'>;

/** A pack read and rendered, not yet zipped. */
export interface PreparedPack {
  /** portfolio.html. */
  readonly html: string;
  readonly files: PackFiles;
  readonly model: ReportModel;
}

/**
 * Reads the pack's files and renders its page. `input` is the report's (the lifecycle, the day and
 * the commit); the pack adds the in-page anchors and embeds images itself. It may be a promise,
 * awaited once the files are read and parsed, so that a host can ask git for the commit meanwhile.
 */
export async function prepareSubmissionPack(
  fs: PortfolioFileSystem,
  index: PortfolioIndex,
  input: PackReportInput | Promise<PackReportInput>,
  limits: PackLimits = DEFAULT_PACK_LIMITS,
): Promise<PreparedPack> {
  const files = await collectPackFiles(fs, index, limits);
  const model = buildReportModel(index, { ...(await input), evidenceAnchors: pieceAnchors(files) });
  const method = index.portfolio?.assessment?.method;
  return { html: renderPackHtml(model, files, { method: method?.title, words: method?.words }), files, model };
}

/** The ZIP of a prepared pack, with the printed page when there is one. */
export function zipPreparedPack(pack: PreparedPack, info: PackManifestInfo, pdf?: Uint8Array): { zip: Uint8Array; manifest: PackManifest } {
  const pages = [{ path: PACK_HTML_NAME, bytes: new TextEncoder().encode(pack.html) }, ...(pdf ? [{ path: PACK_PDF_NAME, bytes: pdf }] : [])];
  return zipSubmissionPack(pages, pack.files.files, info);
}
