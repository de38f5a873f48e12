import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_STANDARDS_API } from '../../src/core';
import { Commands, Settings } from '../../src/vscode/constants';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../..', 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { default?: unknown; scope?: string; markdownDescription?: string }> };
  };
};

describe('The extension manifest', () => {
  it('Should contribute every command the extension registers', () => {
    const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
    for (const id of Object.values(Commands)) assert.ok(contributed.has(id), `package.json contributes no ${id}`);
  });

  it('Should contribute every setting the extension reads, each with a scope and a description', () => {
    const { section, ...settings } = Settings;
    for (const name of Object.values(settings)) {
      const property = manifest.contributes.configuration.properties[`${section}.${name}`];
      assert.ok(property, `package.json contributes no ${section}.${name}`);
      assert.ok(property.scope && property.markdownDescription, `${section}.${name} needs a scope and a markdownDescription`);
    }
  });

  it("Should default the standards API setting to the core's endpoint", () => {
    assert.equal(manifest.contributes.configuration.properties[`${Settings.section}.${Settings.standardsApiUrl}`].default, DEFAULT_STANDARDS_API);
  });
});
