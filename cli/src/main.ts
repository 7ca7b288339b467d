import { Command, CommanderError, Option } from 'commander';
import { registerApps } from './commands/apps.js';
import { registerAudit } from './commands/audit.js';
import { registerAuth } from './commands/auth.js';
import { collect, examples } from './commands/common.js';
import { registerInit } from './commands/init.js';
import { registerRun } from './commands/run.js';
import { registerSecrets } from './commands/secrets.js';
import { registerSyncs } from './commands/syncs.js';
import { DEFAULT_ADDR } from './context.js';
import { CliError } from './errors.js';

const VERSION = '0.1.0';

const program = new Command('coffer')
  .version(VERSION, '-v, --version')
  .description('Coffer secrets from a terminal or a pipeline: run a command with secrets, export, manage')
  .option(
    '--org <org>',
    'organization id or name (or COFFER_ORG, coffer.yaml; default: the only one you see)',
  )
  .option('--project <project>', 'project id or name (or COFFER_PROJECT, coffer.yaml; default: the only one)')
  .option('--app <app>', 'app name (or COFFER_APP, coffer.yaml); run and export take several', collect)
  .option('--addr <url>', `Coffer address (or COFFER_ADDR; default ${DEFAULT_ADDR})`)
  .addOption(
    new Option('-o, --output <format>', 'output for people or scripts').choices(['table', 'json', 'yaml']),
  )
  .option('--no-input', 'never prompt (automatic when stdin is not a terminal, or CI is set)')
  .option('-q, --quiet', 'print only results and errors')
  .showSuggestionAfterError(true)
  .addHelpText(
    'after',
    examples(
      'coffer login --client-id "$ID" <<< "$SECRET"',
      'coffer init --app web',
      'coffer run -- node server.js',
      'coffer secrets export --format dotenv --file .env',
      "coffer <command> --help   # every command's options and examples",
    ),
  );

// Commander prints its own usage errors; make them end with what to do next and exit 2.
program.exitOverride();
program.configureOutput({
  outputError: (text, write) =>
    write(`${text.trimEnd()}\n(see \`coffer --help\` or \`coffer <command> --help\`)\n`),
});
for (const register of [
  registerAuth,
  registerInit,
  registerRun,
  registerSecrets,
  registerApps,
  registerSyncs,
  registerAudit,
])
  register(program);
program.commands.forEach(function inherit(c: Command) {
  c.exitOverride();
  c.showSuggestionAfterError(true);
  c.commands.forEach(inherit);
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version are "errors" with code 0 under exitOverride.
    process.exitCode = e.exitCode === 1 ? 2 : e.exitCode;
  } else if (e instanceof CliError) {
    process.stderr.write(`error: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ''}`);
    process.exitCode = e.exitCode;
  } else {
    process.stderr.write(
      `error: ${(e as Error)?.message ?? String(e)}\n  This is a bug in coffer; please report it with the command you ran.\n`,
    );
    process.exitCode = 70;
  }
}
