import assert from 'node:assert/strict';
import { COMMANDS } from '../../src/cli/commands';
import { FLAGS, type FlagName } from '../../src/cli/flags';
import { FORMATS } from '../../src/cli/formats';
import { run, UsageError } from '../../src/cli/main';

/** `ksb --help` as the CLI prints it. */
async function helpText(): Promise<string> {
  let out = '';
  assert.equal(await run(['--help'], (text) => (out += text)), 0);
  return out;
}

/** The lines of the help's section that starts with `heading` and ends at the next blank line. */
function section(help: string, heading: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `help should have a ${heading} section`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('The CLI registry', () => {
  it('Should list every command and every output format, each once', () => {
    assert.deepEqual(
      COMMANDS.map((c) => c.name),
      [
        'check',
        'coverage',
        'summary',
        'report',
        'export',
        'lookup',
        'signoff',
        'hours',
        'hours import',
        'gateway',
        'diff',
        'cohort',
        'init',
        'import',
        'standard add',
        'standard list',
      ],
    );
    assert.deepEqual(
      FORMATS.map((f) => f.name),
      ['text', 'json', 'github', 'sarif', 'junit', 'markdown', 'csv', 'html'],
    );
  });

  it("Should name each command's rows in the help's Commands section", async () => {
    const commands = section(await helpText(), 'Commands:');
    for (const command of COMMANDS) {
      for (const row of command.usage) {
        assert.ok(row.term.startsWith(command.name), `${command.name}'s row ${row.term} should start with its name`);
        assert.ok(
          commands.some((line) => line.startsWith(`  ${row.term} `)),
          `the help should list ${row.term}`,
        );
      }
    }
  });

  it('Should describe in the help every flag a command takes, and every format it takes', async () => {
    const help = await helpText();
    const options = section(help, 'Options:');
    const formatHelp = FLAGS.format.help.join(' ');
    for (const command of COMMANDS) {
      for (const flag of command.flags) {
        assert.ok(
          options.some((line) => line.startsWith(`  ${FLAGS[flag].term} `)),
          `the help should describe --${flag}, which ${command.name} takes`,
        );
      }
      assert.equal(command.formats.length > 0, command.flags.includes('format'), `${command.name} should take --format exactly when it lists formats`);
      for (const format of command.formats) {
        assert.ok(
          FORMATS.some((f) => f.name === format),
          `${command.name}'s format ${format} should be registered`,
        );
        assert.match(formatHelp, new RegExp(`\\b${format}\\b`), `the help of --format should name ${format}, which ${command.name} takes`);
      }
    }
  });

  it('Should have each registered format and flag taken by some command', () => {
    for (const format of FORMATS)
      assert.ok(
        COMMANDS.some((c) => (c.formats as readonly string[]).includes(format.name)),
        `no command takes ${format.name}`,
      );
    for (const flag of Object.keys(FLAGS) as FlagName[]) {
      if (flag !== 'help')
        assert.ok(
          COMMANDS.some((c) => c.flags.includes(flag)),
          `no command takes --${flag}`,
        );
    }
  });

  it('Should refuse, for every command, each flag it does not take, before anything else runs', async () => {
    for (const command of COMMANDS) {
      for (const flag of Object.keys(FLAGS) as FlagName[]) {
        if (flag === 'help' || command.flags.includes(flag)) continue;
        const value = 'type' in FLAGS[flag].option && FLAGS[flag].option.type === 'boolean' ? [] : ['x'];
        await assert.rejects(
          run([...command.name.split(' '), `--${flag}`, ...value], () => assert.fail('nothing should be printed')),
          (error: unknown) => error instanceof UsageError && error.message === `${command.name} takes no --${flag} (see ksb --help)`,
          `${command.name} --${flag}`,
        );
      }
    }
  });

  it('Should name every command word in the refusal of an unknown command', async () => {
    const words = new Set(COMMANDS.map((c) => c.name.split(' ')[0]));
    await assert.rejects(
      run(['frobnicate'], () => undefined),
      (error: unknown) => {
        assert.ok(error instanceof UsageError);
        for (const word of words) assert.match(error.message, new RegExp(`\\b${word}\\b`), `the refusal should name ${word}`);
        return true;
      },
    );
  });
});
