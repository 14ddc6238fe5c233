/** Picks the command, parses its options, maps failures to exit codes. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError, formatDiagnostic } from '../model/diagnostic.js';
import { sanitize } from '../model/sanitize.js';
import { didYouMean } from '../model/suggest.js';
import { EXIT, UsageError, type Command, type Io } from './command.js';
import { COMMANDS } from './commands.js';
import { COLOR_CHOICES, isColorChoice, colorWanted } from './color.js';
import { parseByteSize, takeGlobalFlag } from './global-flags.js';
import { MAX_FILE_BYTES } from '../model/load.js';
import { expandGraphArgs } from './inputs.js';
import { maxOf } from '../model/arrays.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function processIo(): Io {
  const isTTY = process.stdout.isTTY === true;
  return {
    out: (t) => void process.stdout.write(t),
    outBytes: (b) => void process.stdout.write(b),
    err: (t) => void process.stderr.write(t),
    isTTY,
    color: colorWanted('auto', isTTY, process.env),
    errIsTTY: process.stderr.isTTY === true,
  };
}

const FILE_LIMIT = `${MAX_FILE_BYTES / 1024 ** 2} MiB`;

function toolHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = maxOf(names.map((n) => n.length));
  return [
    'faultline — find the dependency structures that turn a small fault into a long outage',
    '',
    'Usage: faultline <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    'Run "faultline COMMAND --help" for its options and examples.',
    '',
    'Options:',
    '  -h, --help            show help (also after a command)',
    '  -v, --version         print the version',
    '  --color WHEN          auto (default: on a terminal, off with NO_COLOR, on with FORCE_COLOR), always, never',
    `  --max-file-size SIZE  read graph files up to SIZE (default ${FILE_LIMIT}; e.g. 300MB, 0.5GB, 256MiB; at most 536 MB)`,
    '',
    'Exit codes: 0 fine, 1 error-level findings or a failed --check, 2 bad input or usage.',
    '',
    'Example:',
    '  faultline validate graphs/aws-kinesis-2020.yaml',
    '',
  ].join('\n');
}

export function commandHelp(c: Command, summary: string): string {
  return [
    summary,
    '',
    `Usage: ${c.usage}`,
    '',
    'Options:',
    ...c.optionHelp.map((l) => `  ${l}`),
    '  --color WHEN  auto, always or never (default auto)',
    `  --max-file-size SIZE  read graph files up to SIZE (default ${FILE_LIMIT})`,
    '  -h, --help  show this help',
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

/** parseArgs' complaint in our words: an unknown option gets the closest real one. */
function argsMessage(e: Error & { code?: string }, options: readonly string[]): string {
  const unknown = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /Unknown option '([^']+)'/.exec(e.message)?.[1] : undefined;
  if (unknown === undefined) return e.message;
  const hint = didYouMean(unknown.replace(/^-+/, ''), [...options, 'help', 'color', 'max-file-size']);
  return `unknown option "${unknown}"${hint ? ` (${hint.replace('"', '"--')})` : ''}`;
}

/** `--color` and `--max-file-size`, accepted after any command: the rest of the arguments and the Io they make, or an error line. */
function globalFlags(name: string, args: readonly string[], io: Io): { args: string[]; io: Io } | string {
  const color = takeGlobalFlag(args, '--color');
  const size = takeGlobalFlag(color.args, '--max-file-size');
  if (color.value !== undefined && !isColorChoice(color.value)) return `faultline ${name}: --color takes ${COLOR_CHOICES.join(', ')}, not "${sanitize(color.value)}"\n`;
  const maxFileBytes = size.value === undefined ? undefined : parseByteSize(size.value);
  if (size.value !== undefined && maxFileBytes === undefined) return `faultline ${name}: --max-file-size takes a size such as 300MB, 0.5GB or 256MiB (at most 536 MB), not "${sanitize(size.value)}"\n`;
  return {
    args: size.args,
    io: {
      ...io,
      ...(color.value !== undefined ? { color: colorWanted(color.value, io.isTTY, process.env) } : {}),
      ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    },
  };
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.out(toolHelp());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '-v' || name === '--version') {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    const hint = didYouMean(name, Object.keys(COMMANDS));
    io.err(`faultline: unknown command "${sanitize(name)}"${hint ? ` (${hint})` : ''}\nRun "faultline --help" for the list.\n`);
    return EXIT.badInput;
  }
  const command = await entry.load();
  const global = globalFlags(name, rest, io);
  if (typeof global === 'string') {
    io.err(global);
    return EXIT.badInput;
  }
  io = global.io;
  let parsed;
  try {
    parsed = parseArgs({ args: global.args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`faultline ${name}: ${argsMessage(e as Error & { code?: string }, Object.keys(command.options)).split('\n').map(sanitize).join('\n')}\nUsage: ${command.usage}\n`);
    return EXIT.badInput;
  }
  if (parsed.values.help) {
    io.out(commandHelp(command, entry.summary));
    return EXIT.ok;
  }
  try {
    const positionals = command.graphArgs ? expandGraphArgs(parsed.positionals) : parsed.positionals;
    return await command.run(parsed.values, positionals, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`faultline ${name}: ${sanitize(e.message)}\nUsage: ${command.usage}\n`);
      return EXIT.badInput;
    }
    if (e instanceof InputError) {
      io.err(e.diagnostics.map(formatDiagnostic).join('\n') + '\n');
      return EXIT.badInput;
    }
    throw e;
  }
}
