/**
 * The shipped standard data (`src/core/catalogue/data/*.yaml`): the build parses and validates
 * each file and bundles its content (scripts/standardDataPlugin.mjs). No other YAML is imported.
 */
declare module '*.yaml' {
  const data: import('./core/catalogue/schema').StandardFile;
  export default data;
}
