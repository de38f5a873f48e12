import * as vscode from 'vscode';
import { ALL_DIAGNOSTIC_CODES, BODY_CODES_MODES, DEFAULT_STANDARDS_API, type BodyCodesMode, type RuleLevel } from '../core';
import { Settings } from './constants';

/** The extension's settings, read once per change. */
export interface ExtensionSettings {
  readonly diagnosticsEnabled: boolean;
  readonly ruleLevels: Partial<Record<string, RuleLevel>>;
  readonly debounceMs: number;
  readonly statusBarEnabled: boolean;
  /** The public standards API's endpoint Add Standard downloads from. */
  readonly standardsApiUrl: string;
  /** Which codes of the body are coloured and hovered. */
  readonly bodyCodes: BodyCodesMode;
}

const LEVELS: readonly RuleLevel[] = ['ignore', 'hint', 'information', 'warning', 'error'];

/** Reads the settings for a resource (settings may differ per workspace folder). */
export function readSettings(scope?: vscode.ConfigurationScope): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(Settings.section, scope);
  const rawLevels = config.get<Record<string, string>>(Settings.ruleLevels) ?? {};
  const ruleLevels: Partial<Record<string, RuleLevel>> = {};
  for (const code of ALL_DIAGNOSTIC_CODES) {
    const level = rawLevels[code];
    if (level && (LEVELS as readonly string[]).includes(level)) ruleLevels[code] = level as RuleLevel;
  }
  return {
    diagnosticsEnabled: config.get<boolean>(Settings.diagnosticsEnabled, true),
    ruleLevels,
    debounceMs: Math.max(0, config.get<number>(Settings.debounce, 250)),
    statusBarEnabled: config.get<boolean>(Settings.statusBar, true),
    standardsApiUrl: config.get<string>(Settings.standardsApiUrl)?.trim() || DEFAULT_STANDARDS_API,
    bodyCodes: bodyCodesMode(config.get<string>(Settings.bodyCodes)),
  };
}

/** Calls `listener` whenever a `ksbPortfolio.*` setting changes. */
export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(Settings.section)) listener();
  });
}

/** The `bodyCodes` setting, its default for anything else. */
function bodyCodesMode(value: string | undefined): BodyCodesMode {
  return BODY_CODES_MODES.find((mode) => mode === value) ?? BODY_CODES_MODES[0];
}
