// What the two rules over unread data files share (portfolioInvalidConfig.ts, standardInvalidData.ts):
// the words for why a file was not read.
import { formatBytes } from '../base/fileLimits';
import type { DataFileRefusal } from '../read/findings';

/** Why a data file (`portfolio.yaml`, a standard file) was not read, as the end of an expected-vs-found message. */
export function refusalWords(refusal: DataFileRefusal): string {
  switch (refusal.found) {
    case 'symbolic-link':
      return 'a symbolic link: links are never followed, so it was not read';
    case 'folder':
      return 'a folder';
    case 'special-file':
      return 'a named pipe, socket or device: it was not read';
    case 'too-large':
      return `${formatBytes(refusal.size)}, over the ${formatBytes(refusal.limit)} limit: it was not read`;
    case 'read-error':
      return `an error: ${refusal.error}`;
    case 'undecodable':
      return refusal.reason;
  }
}
