/**
 * `faultline explore FILE [--scenario ID]`: the full-screen terminal UI, or a plain replay summary
 * when stdout is not a terminal. The UI module is imported only on a terminal, so piped runs never
 * load ink or react (whose input hook throws without a TTY).
 */
import { loadFile } from '../model/load.js';
import { didYouMean } from '../model/suggest.js';
import { InputError } from '../model/diagnostic.js';
import { createCleanup, exploreData, plainSummary } from '../tui/index.js';
import { EXIT, UsageError, type Command } from './command.js';
import { FOCUS_HELP, FOCUS_OPTIONS, focusOf } from './focus.js';

const command: Command = {
  name: 'explore',
  graphArgs: true,
  usage: 'faultline explore FILE [--scenario ID] [--focus SERVICE [--depth N]]',
  options: { scenario: { type: 'string' }, ...FOCUS_OPTIONS },
  optionHelp: ['--scenario ID          scenario to replay (default: the first)', ...FOCUS_HELP],
  examples: ['faultline explore graphs/aws-kinesis-2020.yaml', 'faultline explore graphs/aws-kinesis-2020.yaml | less   # plain summary'],
  async run(values, files, io) {
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no FILE given' : 'explore takes one FILE');
    const { value: model, errors } = loadFile(files[0]!, io.maxFileBytes);
    if (!model) throw new InputError(errors);
    const scenarioId = values.scenario === undefined ? undefined : String(values.scenario);
    if (scenarioId !== undefined && !model.scenarios.some((s) => s.id === scenarioId)) {
      const known = model.scenarios.map((s) => s.id).join(', ') || 'none';
      const hint = didYouMean(scenarioId, model.scenarios.map((s) => s.id));
      throw new UsageError(`no scenario "${scenarioId}" in ${files[0]}${hint ? ` (${hint})` : ''}; scenarios: ${known}`);
    }
    const data = exploreData(model, scenarioId, focusOf(model, files[0]!, values));
    if (!io.isTTY || !process.stdin.isTTY) {
      io.out(plainSummary(data));
      return EXIT.ok;
    }
    return runTerminal(data, io.color);
  },
};

async function runTerminal(data: ReturnType<typeof exploreData>, color: boolean): Promise<number> {
  // React's development build checks and times every render: several times slower per keypress.
  process.env.NODE_ENV ??= 'production';
  // ink draws only the final frame, and chalk drops colour, when they believe they run in CI (CI set),
  // which leaves a real terminal blank until exit. We already know this is a terminal.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { launch } = await import('../tui/launch.js');
  const cleanup = createCleanup();
  const restore = () => cleanup.run();
  const onSignal = (signal: NodeJS.Signals) => { restore(); process.kill(process.pid, signal); };
  const onCrash = (e: unknown) => {
    restore();
    process.stderr.write(`faultline explore: internal error (a bug, please report it):\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(70);
  };
  process.on('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  try {
    await launch(data, { stdout: process.stdout, stdin: process.stdin, stderr: process.stderr, color }, cleanup);
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  return EXIT.ok;
}

export default command;
