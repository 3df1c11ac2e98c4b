/**
 * `harvester`: the command-line face of the services. The contract (commands, flags, JSON fields, exit
 * codes) is relied on by scripts and checks: change it only by extending it.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../../shared/i18n/lang';
import type { CliIo } from './cli-io';
import { escapeTerminalControls } from '../../shared/control-characters';
import { EXIT, UsageError, processIo } from './cli-io';
import type { CliText } from './cli-text';
import { CLI_TEXT } from './cli-text';
import { resolveLang } from './locale';
import { runInspect } from './commands/inspect';
import { runMerge } from './commands/merge';
import { runTagCheck, runTagList } from './commands/tag';
import { runCollect } from './commands/collect';
import { runDrives } from './commands/drives';
import { runExport } from './commands/export';
import { runLedgerAdd, runLedgerChange, runLedgerList } from './commands/ledger';
import { runUi } from './commands/ui';
import { runSubmit } from './commands/submit';
import packageJson from '../../package.json' with { type: 'json' };

export interface CliContext {
  readonly io: CliIo;
  readonly lang: Lang;
  readonly text: CliText;
}

/** Runs the CLI and returns its exit code (never calls process.exit, so tests can run it in-process). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const flag = langFlag(argv);
  const lang = resolveLang(flag, io.env);
  const text = CLI_TEXT[lang];
  if (flag !== undefined && !isLangFlag(flag)) {
    io.stderr(`harvester: ${text.usage.unknownLang({ value: flag })}\n`);
    return EXIT.usage;
  }
  const context: CliContext = { io: withEscapedControls(io), lang, text };
  let exitCode: number = EXIT.ok;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // commander.help: help was already printed because no command was given.
      if (error.code !== 'commander.help')
        io.stderr(`harvester: ${usageMessage(error, text)}\n${text.usage.seeHelp}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`harvester: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function buildProgram(context: CliContext, setExit: (code: number) => void): Command {
  const { text, io } = context;
  const program = new Command('harvester')
    .description(text.programDescription)
    .version(packageJson.version, '-V, --version', text.options.version)
    .addOption(new Option('--lang <lang>', text.options.lang))
    .exitOverride()
    .configureOutput(output(io));

  program
    .command('merge')
    .description(text.mergeDescription)
    .argument('<files...>')
    .addOption(new Option('--format <format>', text.options.format).default('partner-center'))
    .option('--tag <tag>', text.options.tag)
    .option('--allow-custom-tag', text.options.allowCustomTag)
    .option('--out <dir>', text.options.out)
    .action(async (files: string[], options: unknown) => setExit(await runMerge(context, files, options)));

  program
    .command('inspect')
    .description(text.inspectDescription)
    .argument('<files-or-hashes...>')
    .action(async (inputs: string[], options: unknown) =>
      setExit(await runInspect(context, inputs, options)),
    );

  program
    .command('collect')
    .description(text.ledger.collectDescription)
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .action(async (options: unknown) => setExit(await runCollect(context, options)));

  const ledger = program.command('ledger').description(text.ledger.listDescription);
  ledger
    .command('add')
    .description(text.ledger.addDescription)
    .argument('<files...>')
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .action(async (files: string[], options: unknown) =>
      setExit(await runLedgerAdd(context, files, options)),
    );
  ledger
    .command('remove')
    .description(text.ledger.removeDescription)
    .argument('<devices...>')
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .action(async (targets: string[], options: unknown) =>
      setExit(await runLedgerChange(context, 'remove', targets, options)),
    );
  ledger
    .command('restore')
    .description(text.ledger.restoreDescription)
    .argument('<devices...>')
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .action(async (targets: string[], options: unknown) =>
      setExit(await runLedgerChange(context, 'restore', targets, options)),
    );
  ledger
    .command('list')
    .description(text.ledger.listDescription)
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .option('--all', text.ledger.allOption)
    .action(async (options: unknown) => setExit(await runLedgerList(context, options)));

  program
    .command('export')
    .description(text.ledger.exportDescription)
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .option('--out <dir>', text.options.out)
    .option('--drive <serial-or-label>', text.drives.option)
    .addOption(new Option('--format <format>', text.options.format).default('partner-center'))
    .option('--tag <tag>', text.options.tag)
    .option('--allow-custom-tag', text.options.allowCustomTag)
    .option('--new', text.ledger.newOption)
    .action(async (options: unknown) => setExit(await runExport(context, options)));

  program
    .command('submit')
    .description(text.submit.description)
    .argument('[files...]')
    .option('--to <service>', text.submit.toOption)
    .option('--customer <tenant-id>', text.submit.customerOption)
    .option('--tag <tag>', text.submit.tagOption)
    .option('--allow-custom-tag', text.options.allowCustomTag)
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .option('--new', text.submit.newOption)
    .option('--sync', text.submit.syncOption)
    .addOption(new Option('--sync-wait-ms <ms>').hideHelp())
    .addOption(new Option('--poll-ms <ms>').hideHelp())
    .addOption(new Option('--concurrency <n>').hideHelp())
    .action(async (files: string[], options: unknown) => setExit(await runSubmit(context, files, options)));

  program
    .command('drives')
    .description(text.drives.description)
    .action(async (options: unknown) => setExit(await runDrives(context, options)));

  // Runs until Ctrl+C; prints an address, not data, so it takes no --json.
  const ui = program
    .command('ui')
    .description(text.ui.description)
    .option('--ledger <dir>', text.ledger.ledgerOption)
    .option('--port <n>', text.ui.portOption)
    .option('--no-open', text.ui.noOpenOption)
    .addOption(new Option('--renderer-dir <dir>').hideHelp())
    .action(async (options: unknown) => setExit(await runUi(context, options)));

  const tag = program.command('tag').description(text.tagDescription);
  tag
    .command('check')
    .description(text.tagCheckDescription)
    .argument('<tag>')
    .action((input: string, options: unknown) => setExit(runTagCheck(context, input, options)));
  tag
    .command('list')
    .description(text.tagListDescription)
    .action((options: unknown) => setExit(runTagList(context, options)));

  const groups = [tag, ledger];
  const leaves = [
    ...program.commands.filter((c) => !groups.includes(c)),
    ...tag.commands,
    ...ledger.commands,
  ];
  for (const command of [program, ...program.commands, ...tag.commands, ...ledger.commands]) {
    command.exitOverride().configureOutput(output(io)).helpOption('-h, --help', text.options.help);
  }
  program.helpCommand('help [command]', text.options.help);
  // Every command but ui prints JSON on request; all take --lang after their name too (read before parsing).
  for (const command of leaves) {
    if (command !== ui) command.option('--json', text.options.json);
    command.addOption(new Option('--lang <lang>', text.options.lang).hideHelp());
  }
  return program;
}

/**
 * Every line the CLI prints may carry text from a CSV field or a file name: control characters (an escape
 * sequence, a CR, a bidi override) are printed escaped so they cannot act on the terminal. JSON output has
 * none left to escape (see `json`), so it passes unchanged.
 */
function withEscapedControls(io: CliIo): CliIo {
  return {
    ...io,
    wraps: io,
    stdout: (text) => io.stdout(escapeTerminalControls(text)),
    stderr: (text) => io.stderr(escapeTerminalControls(text)),
  };
}

/** commander's own error lines are English; ours are printed instead, in the user's language. */
function output(io: CliIo) {
  return {
    writeOut: (s: string) => io.stdout(s),
    writeErr: (s: string) => io.stderr(s),
    outputError: () => undefined,
  };
}

function usageMessage(error: CommanderError, text: CliText): string {
  const name = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.missingArgument':
      return text.usage.missingArgument({ name: text.usage.argumentNames[name] ?? name });
    case 'commander.unknownOption':
      return text.usage.unknownOption({ name });
    case 'commander.unknownCommand':
      return text.usage.unknownCommand({ name });
    case 'commander.excessArguments':
      return text.usage.excessArguments;
    case 'commander.optionMissingArgument':
      return text.usage.optionMissingArgument({ name });
    case 'commander.missingMandatoryOptionValue':
      return text.usage.missingOption({ name: name.split(' ')[0] ?? name });
    default:
      return error.message.replace(/^error: /, '');
  }
}

function isLangFlag(flag: string): boolean {
  return /^(en|ja)([-_].*)?$/i.test(flag.trim());
}

/** `--lang` is read before parsing so that help and errors are already in the right language. */
function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}
