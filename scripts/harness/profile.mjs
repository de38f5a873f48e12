// A throwaway VS Code profile for code-server: a copy of the workspace, a user-data folder with
// quiet settings, and an empty extensions folder. Shared by the test run and the benchmark.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** User settings for a throwaway profile: no welcome page, no network, no prompts. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The web client saves edits after a second by default. Tests make unsaved edits and revert
  // them; saved, a change outlives a failing (or merely slow) test and every later one sees it.
  'files.autoSave': 'off',
};

/**
 * Lays out a profile under `root`; when `workspace` is given, copies it there (named like the
 * original) so nothing a test does touches the repository.
 */
export function createProfile(root, workspace) {
  const workspaceDir = workspace ? join(root, 'workspace', basename(workspace)) : undefined;
  if (workspace) cpSync(workspace, workspaceDir, { recursive: true });
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(join(root, 'tmp'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  return { workspaceDir, userDataDir, extensionsDir, stateDir: join(root, 'code-server'), tmpDir: join(root, 'tmp') };
}
