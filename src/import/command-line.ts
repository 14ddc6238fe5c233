/**
 * Addresses in a container's command line (Kubernetes `command`/`args`, Compose `command`):
 * `--flag=value` and `--flag value` (the flag's name decides a bare value, as a variable's name
 * does), URLs and `host:port` words, and `nc -z host port` probes in shell scripts (init
 * containers that wait for a dependency). Each item is one list entry, possibly a whole script.
 */

export interface CommandValue {
  /** The flag (`--prometheus.server-url`), `nc`, or `arg`: the name `addressesIn` judges. */
  readonly name: string;
  readonly value: string;
  /** Index of the list item the value came from. */
  readonly item: number;
}

const PROBES = new Set(['nc', 'ncat', 'netcat', 'telnet']);

export function commandValues(items: readonly string[]): CommandValue[] {
  const words: { w: string; item: number }[] = [];
  items.forEach((text, item) => {
    for (const w of text.split(/[\s;|&()]+/)) if (w !== '') words.push({ w: w.replace(/^["']|["']$/g, ''), item });
  });
  const out: CommandValue[] = [];
  for (let i = 0; i < words.length; i++) {
    const { w, item } = words[i]!;
    if (PROBES.has(w)) {
      const probe = probeTarget(words.slice(i + 1, i + 8).map((x) => x.w));
      if (probe) out.push({ name: w, value: probe, item });
      continue;
    }
    const flag = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/.exec(w);
    if (flag) {
      const next = words[i + 1];
      const value = flag[2] ?? (next && !next.w.startsWith('-') ? next.w : undefined);
      if (flag[2] === undefined && value !== undefined) i++;
      if (value !== undefined && value !== '') out.push({ name: flag[1]!, value, item });
      continue;
    }
    if (/:\/\/|^[a-z0-9][a-z0-9.-]*:\d{1,5}$/i.test(w)) out.push({ name: 'arg', value: w, item });
  }
  return out;
}

/** `nc -z -v -w30 kafka 9092` → `kafka:9092`: the first word that is not an option, then a port. */
function probeTarget(rest: readonly string[]): string | undefined {
  const args = rest.filter((w) => !w.startsWith('-'));
  for (let j = 0; j + 1 < args.length; j++) {
    const host = args[j]!;
    if (/^\d+$/.test(host) || !/^[a-z0-9][a-z0-9.-]*$/i.test(host)) continue;
    return /^\d{1,5}$/.test(args[j + 1]!) ? `${host}:${args[j + 1]}` : undefined;
  }
  return undefined;
}
