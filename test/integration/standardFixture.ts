// The hand-made API standard (ST9001) that the portfolio.yaml and Add Standard tests put into the
// fixture's `standards/` folder, and waiting for the portfolio to have loaded it or let it go.
import * as vscode from 'vscode';
import type { KsbPortfolioApi } from '../../src/extension';
import apiStandard from '../fixtures/api-standards/ST9001_1.0.json';
import { fixtureUri, waitFor } from './helpers';

/** The fixture file's text as the API would serve it. */
export const API_STANDARD_TEXT = `${JSON.stringify(apiStandard, null, 2)}\n`;

/** The `standards/` folder of the basic fixture, which it does not have until a test makes it. */
export const standardsFolder = (): vscode.Uri => fixtureUri('standards');

/** Whether the fixture's portfolio knows `reference` (in its catalogue: shipped or from `standards/`). */
function knows(api: KsbPortfolioApi, reference: string): boolean {
  return api.workspace.all().some((portfolio) => portfolio.index.standards.versions(reference).length > 0);
}

/** Resolves once the portfolio has loaded `reference` from the workspace. */
export async function untilKnown(api: KsbPortfolioApi, reference: string): Promise<void> {
  await waitFor(() => knows(api, reference), `the portfolio to load ${reference} from standards/`);
}

/** Deletes `standards/` (when there) and waits until the portfolio has forgotten `reference`. */
export async function removeStandards(api: KsbPortfolioApi, reference = 'ST9001'): Promise<void> {
  const folder = standardsFolder();
  try {
    await vscode.workspace.fs.delete(folder, { recursive: true });
  } catch {
    // Not there: nothing to remove.
  }
  api.workspace.wrote(folder);
  await waitFor(() => !knows(api, reference), `the portfolio to forget ${reference}`);
}
