// Every identifier the extension shares with package.json, declared once.

/** Command ids, as contributed in package.json. */
export const Commands = {
  newEvidence: 'ksbPortfolio.newEvidence',
  findKsb: 'ksbPortfolio.findKsb',
  selectOption: 'ksbPortfolio.selectOption',
  selectVersion: 'ksbPortfolio.selectVersion',
  showCoverage: 'ksbPortfolio.showCoverage',
  copyCoverage: 'ksbPortfolio.copyCoverageMarkdown',
  groupByDuty: 'ksbPortfolio.groupByDuty',
  groupByKind: 'ksbPortfolio.groupByKind',
  showOnlyUncovered: 'ksbPortfolio.showOnlyUncovered',
  showAll: 'ksbPortfolio.showAll',
  refresh: 'ksbPortfolio.refresh',
  createConfig: 'ksbPortfolio.createConfig',
  openEvidence: 'ksbPortfolio.openEvidence',
  addStandard: 'ksbPortfolio.addStandard',
  compareWithBranch: 'ksbPortfolio.compareWithBranch',
  openReport: 'ksbPortfolio.openReport',
  exportReport: 'ksbPortfolio.exportReport',
  exportPack: 'ksbPortfolio.exportPack',
  signOffEvidence: 'ksbPortfolio.signOffEvidence',
  showCohort: 'ksbPortfolio.showCohort',
} as const;

/** The coverage view and its container. */
export const Views = {
  container: 'ksbPortfolio',
  coverage: 'ksbPortfolio.coverage',
} as const;

/** Context keys that menus and keybindings can test. */
export const ContextKeys = {
  /** True when the active editor holds an evidence file of a portfolio. */
  isEvidence: 'ksbPortfolio.isEvidence',
  /** True when the workspace has at least one portfolio. */
  hasPortfolio: 'ksbPortfolio.hasPortfolio',
  groupedByDuty: 'ksbPortfolio.groupedByDuty',
  onlyUncovered: 'ksbPortfolio.onlyUncovered',
} as const;

/** Settings, each under the `ksbPortfolio` section. */
export const Settings = {
  section: 'ksbPortfolio',
  ruleLevels: 'diagnostics.rules',
  diagnosticsEnabled: 'diagnostics.enabled',
  debounce: 'diagnostics.debounce',
  statusBar: 'statusBar.enabled',
  standardsApiUrl: 'standardsApiUrl',
  bodyCodes: 'bodyCodes',
} as const;

/** The diagnostic collection's name, shown as the source of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'ksb-portfolio';
