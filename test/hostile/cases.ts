/**
 * The hostile corpus: each case is a few files (or special files) and one command, with the exit code
 * and the `file:line:col` location (or the message) the command must give. Graph texts are built
 * here so that NULs, escapes and 400-digit numbers need no binary fixtures.
 */
export interface Case {
  readonly name: string;
  readonly category: 'inject' | 'reports' | 'special' | 'numbers' | 'validate' | 'work' | 'writes' | 'small';
  /** Files to create in the case's own directory: text, or a special file. */
  readonly files?: Readonly<Record<string, string | { fifo: true } | { dir: true } | { symlink: string }>>;
  readonly args: readonly string[];
  readonly exit: number;
  /** `FILE:LINE:COL` that stderr must contain. */
  readonly at?: string;
  /** A pattern stderr (or, with `stdout`, stdout) must match. */
  readonly says?: RegExp;
  readonly stdout?: boolean;
  /** Files that must not exist afterwards (nothing half-written). */
  readonly absent?: readonly string[];
}

const head = 'faultline: 1\nname: h\n';
const ESC = '\u001b';
const nines = '9'.repeat(400);
/** A graph with one fleet service `f` and one plain service `a`, plus `extra` YAML under `f:`'s fleet. */
const fleet = (fleetYaml: string) => `${head}services:\n  a: {}\n  f:\n    fleet:\n${fleetYaml}\n`;
/** A graph with a scenario whose events are `events` (YAML lines at 6 spaces). */
const scenario = (events: string, start = '2020-01-01T00:00:00Z') =>
  `${head}services:\n  a: {}\n  f: { fleet: { nodes: 10, restart: { perHour: 60 } } }\nscenarios:\n  s:\n    start: ${start}\n    events:\n${events}\n`;

export const CASES: readonly Case[] = [
  // 1. Terminal injection through the CLI's own output.
  { name: 'escape in an unknown key', category: 'inject', files: { 'g.yaml': `${head}services: {}\n"x\\e]0;T\\a": 1\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:1' },
  { name: 'OSC 52 in an invalid id', category: 'inject', files: { 'g.yaml': `${head}services:\n  "\\e]52;c;eA==\\a": {}\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:3' },
  { name: 'zero-width space in an id', category: 'inject', files: { 'g.yaml': `${head}services:\n  "a\\u200bb": {}\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:3', says: /a\\u200bb/ },
  { name: 'bidi override in a dependency', category: 'inject', files: { 'g.yaml': `${head}services:\n  a: { dependsOn: ["b\\u202ec"] }\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:20' },
  { name: 'C1 CSI in a title, piped explore', category: 'inject', files: { 'g.yaml': `${head}title: "t \\x9b31m \\e]0;X\\a"\nservices: { a: {} }\n` }, args: ['explore', 'g.yaml'], exit: 0, says: /\\u009b31m/, stdout: true },
  { name: 'milestone with OSC 52 in replay text', category: 'inject', files: { 'g.yaml': scenario('      - { at: "00:00", milestone: "\\e]52;c;eA==\\a" }\n      - { at: "00:01", fail: { service: a }, note: "\\e]0;T\\a" }') }, args: ['replay', 'g.yaml'], exit: 0, says: /down/, stdout: true },
  { name: 'observation note with escapes in replay text', category: 'inject', files: { 'g.yaml': `${scenario('      - { at: "00:01", fail: { service: a } }')}    observed:\n      - { at: "00:01", service: a, state: down, note: "\\e[2J\\u202e" }\n` }, args: ['replay', 'g.yaml'], exit: 0, says: /\\u001b\[2J/, stdout: true },
  { name: 'escapes in an audit finding', category: 'inject', files: { 'g.yaml': `${head}title: "\\e]0;T\\a"\nservices:\n  a: { title: "\\e[31m", dependsOn: [b] }\n  b: { dependsOn: [a] }\n` }, args: ['audit', 'g.yaml'], exit: 1, says: /cycle/i, stdout: true },
  { name: 'escape in --scenario', category: 'inject', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }') }, args: ['replay', 'g.yaml', '--scenario', `${ESC}]0;T\u0007`], exit: 2, says: /\\u001b\]0;T/ },

  // 2. Reports.
  { name: 'javascript: source is not a link', category: 'reports', files: { 'g.yaml': `${head}sources: ["javascript:alert(1)", "https://ok.example/"]\nservices: { a: {} }\n` }, args: ['report', 'g.yaml', '--format', 'md', '--out', 'out'], exit: 0, says: /out\/g\.md/, stdout: true },
  { name: 'OSC 8 source', category: 'reports', files: { 'g.yaml': `${head}sources: ["\\e]8;;https://evil.example/\\ahttps://ok.example\\e]8;;\\a"]\nservices: { a: {} }\n` }, args: ['report', 'g.yaml', '--format', 'md,json,dot,mermaid', '--out', 'out'], exit: 0, says: /g\.mmd/, stdout: true },
  { name: 'bidi title in every format', category: 'reports', files: { 'g.yaml': `${head}title: "abc\\u202edef\\u2066"\nservices: { a: { title: "\\u200b<b>" } }\n` }, args: ['report', 'g.yaml', '--out', 'out'], exit: 0, says: /g\.html/, stdout: true },

  // 3. Special files.
  { name: 'graph is a FIFO', category: 'special', files: { 'p': { fifo: true } }, args: ['validate', 'p'], exit: 2, at: 'p:1:1', says: /FIFO/ },
  { name: 'graph is /dev/zero', category: 'special', args: ['validate', '/dev/zero'], exit: 2, at: '/dev/zero:1:1', says: /device/ },
  { name: 'graph is a directory', category: 'special', files: { 'd': { dir: true } }, args: ['validate', 'd'], exit: 2, says: /directory "d" has no \*\.yaml/ },
  { name: 'graph is a symlink to a FIFO', category: 'special', files: { 'p': { fifo: true }, 'g.yaml': { symlink: 'p' } }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:1:1', says: /FIFO/ },
  { name: 'explore on a FIFO', category: 'special', files: { 'p': { fifo: true } }, args: ['explore', 'p'], exit: 2, at: 'p:1:1' },
  { name: 'replay on /dev/zero', category: 'special', args: ['replay', '/dev/zero'], exit: 2, at: '/dev/zero:1:1' },
  { name: '--baseline is a FIFO', category: 'special', files: { 'g.yaml': `${head}services: { a: {} }\n`, 'p': { fifo: true } }, args: ['audit', 'g.yaml', '--baseline', 'p'], exit: 2, at: 'p:1:1' },
  { name: '--baseline is /dev/zero', category: 'special', files: { 'g.yaml': `${head}services: { a: {} }\n` }, args: ['audit', 'g.yaml', '--baseline', '/dev/zero'], exit: 2, at: '/dev/zero:1:1' },
  { name: '--baseline is a directory', category: 'special', files: { 'g.yaml': `${head}services: { a: {} }\n`, 'd': { dir: true } }, args: ['audit', 'g.yaml', '--baseline', 'd'], exit: 2, at: 'd:1:1', says: /directory/ },
  { name: '--write-baseline is a FIFO', category: 'special', files: { 'g.yaml': `${head}services: { a: {} }\n`, 'p': { fifo: true } }, args: ['audit', 'g.yaml', '--write-baseline', 'p'], exit: 2, says: /baseline p: is a FIFO/ },
  { name: '--write-baseline is /dev/full', category: 'special', files: { 'g.yaml': `${head}services: { a: {} }\n` }, args: ['audit', 'g.yaml', '--write-baseline', '/dev/full'], exit: 2, says: /is a device/ },
  { name: '--write-baseline is a directory', category: 'special', files: { 'g.yaml': `${head}services: { a: {} }\n`, 'd': { dir: true } }, args: ['audit', 'g.yaml', '--write-baseline', 'd'], exit: 2, says: /is a directory/ },
  { name: 'import input is a FIFO', category: 'special', files: { 'p': { fifo: true } }, args: ['import', 'compose', 'p'], exit: 2, at: 'p:1:1' },
  { name: 'import input is /dev/zero', category: 'special', args: ['import', 'k8s', '/dev/zero'], exit: 2, at: '/dev/zero:1:1' },
  { name: 'import --merge is a FIFO', category: 'special', files: { 'c.yaml': 'services: { web: { image: nginx } }\n', 'p': { fifo: true } }, args: ['import', 'compose', 'c.yaml', '--merge', 'p'], exit: 2, at: 'p:1:1' },
  { name: 'import --out is a FIFO', category: 'special', files: { 'c.yaml': 'services: { web: { image: nginx } }\n', 'p': { fifo: true } }, args: ['import', 'compose', 'c.yaml', '--out', 'p'], exit: 2, says: /cannot write p: is a FIFO/ },
  { name: 'import --out is a directory', category: 'special', files: { 'c.yaml': 'services: { web: { image: nginx } }\n', 'd': { dir: true } }, args: ['import', 'compose', 'c.yaml', '--out', 'd'], exit: 2, says: /cannot write d: is a directory/ },
  {
    name: 'Backstage Location through a symlinked directory leads outside', category: 'special',
    files: {
      'out': { dir: true }, 'out/x.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: secret }\nspec: { type: service }\n',
      'tree': { dir: true }, 'tree/link': { symlink: '../out' },
      'tree/c.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: l }\nspec: { targets: [./link/x.yaml] }\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: web }\nspec: { type: service }\n',
    },
    args: ['import', 'backstage', 'tree/c.yaml'], exit: 0, at: 'tree/c.yaml:4:9', says: /outside the given tree/,
  },
  {
    name: 'Backstage Location to a FIFO inside the tree', category: 'special',
    files: { 'tree': { dir: true }, 'tree/p.yaml': { fifo: true }, 'tree/c.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: l }\nspec: { target: ./p.yaml }\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: web }\nspec: { type: service }\n' },
    args: ['import', 'backstage', 'tree/c.yaml'], exit: 0, at: 'tree/c.yaml:4:9', says: /FIFO/,
  },

  // 4. Numbers and times that would overflow.
  { name: 'nodes 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 1e308') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:7:14', says: /<= 10000000/ },
  { name: 'cells 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      cells: 1e308') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:14' },
  { name: 'peers 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      mesh: { peers: 1e308 }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:22' },
  { name: 'perPeer 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      perNode: { t: { perPeer: 1e308, limit: 5 } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:32' },
  { name: 'limit 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      perNode: { t: { limit: 1e308 } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:30' },
  { name: 'spreadPerMinute 1.7e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      mesh: { spreadPerMinute: 1.7e308 }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:32' },
  { name: 'connectPerMinute 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      mesh: { connectPerMinute: 1e308 }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:33' },
  { name: 'restart.perHour 1e308', category: 'numbers', files: { 'g.yaml': fleet('      nodes: 10\n      restart: { perHour: 1e308 }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:27' },
  { name: 'a 400-digit number is Infinity', category: 'numbers', files: { 'g.yaml': fleet(`      nodes: ${nines}`) }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:7:14' },
  { name: 'scale.to 1e308', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", scale: { service: f, to: 1e308 } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:49' },
  { name: 'scale.by -1e308', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", scale: { service: f, by: -1e308 } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:49' },
  { name: 'corrupt.nodes 1e308', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", corrupt: { service: f, nodes: 1e308 } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:54' },
  { name: 'restart event perHour 1e308', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", restart: { service: f, perHour: 1e308 } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:56' },
  { name: '400-digit recoversAfter', category: 'numbers', files: { 'g.yaml': `${head}services:\n  a: { recoversAfter: ${nines}m }\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:23', says: /longer than 365 days/ },
  { name: '400-digit scale.over', category: 'numbers', files: { 'g.yaml': scenario(`      - { at: "00:01", scale: { service: f, by: 1, over: ${nines}h } }`) }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:58' },
  { name: '400-digit buffer fillsAfter', category: 'numbers', files: { 'g.yaml': `${head}services:\n  a: { dependsOn: [{ on: b, type: buffered, buffer: { fillsAfter: ${nines}d } }] }\n  b: {}\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:67' },
  { name: '400-digit event offset', category: 'numbers', files: { 'g.yaml': scenario(`      - { at: "+${nines}m", fail: { service: a } }`) }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:15', says: /365 days/ },
  { name: '400-digit day in a clock time', category: 'numbers', files: { 'g.yaml': scenario(`      - { at: "+${nines}d 01:00", fail: { service: a } }`) }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:15' },
  { name: 'UTC offset +99:99', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }', '2020-01-01T00:00:00+99:99') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:12', says: /±14:00/ },
  { name: 'UTC offset -14:30', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }', '2020-01-01T00:00:00-14:30') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:12' },
  { name: 'UTC offset +05:75', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }', '2020-01-01T00:00:00+05:75') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:8:12' },
  { name: 'observation at an ISO time with offset +99:00', category: 'numbers', files: { 'g.yaml': `${scenario('      - { at: "00:01", fail: { service: a } }')}    observed:\n      - { at: "2020-01-01T01:00:00+99:00", service: a, state: down }\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:12:15' },
  { name: 'raw NUL byte', category: 'numbers', files: { 'g.yaml': `${head}services:\n  a: { title: "x\u0000y" }\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:17', says: /NUL/ },
  { name: 'replay --at before the start', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }', '2020-01-01T10:00:00Z') }, args: ['replay', 'g.yaml', '--at', '2019-01-01T00:00:00Z'], exit: 2, says: /before the scenario start/ },
  { name: 'replay --at 400 digits', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }') }, args: ['replay', 'g.yaml', '--at', `+${nines}m`], exit: 2, says: /365 days/ },
  { name: "replay --tolerance ''", category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }') }, args: ['replay', 'g.yaml', '--check', '--tolerance', ''], exit: 2, says: /--tolerance must be/ },
  { name: 'replay --tolerance Infinity', category: 'numbers', files: { 'g.yaml': scenario('      - { at: "00:01", fail: { service: a } }') }, args: ['replay', 'g.yaml', '--check', '--tolerance', 'Infinity'], exit: 2, says: /--tolerance must be/ },

  // 5. What replay would reject, validate rejects.
  { name: 'restart of a service without a fleet', category: 'validate', files: { 'g.yaml': scenario('      - { at: "00:01", restart: { service: a } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:44', says: /no fleet to restart/ },
  { name: 'stop of a service without a fleet', category: 'validate', files: { 'g.yaml': scenario('      - { at: "00:01", stop: { service: a } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:41', says: /no fleet to stop/ },
  { name: 'restart after a patch removed the fleet', category: 'validate', files: { 'g.yaml': scenario('      - { at: "00:01", patch: { services: { f: { fleet: null } } } }\n      - { at: "00:02", restart: { service: f } }') }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:10:24', says: /no fleet to restart/ },
  { name: 'replay of a restart without a fleet exits 2 located', category: 'validate', files: { 'g.yaml': scenario('      - { at: "00:01", restart: { service: a } }') }, args: ['replay', 'g.yaml'], exit: 2, at: 'g.yaml:10:44' },

  // 7. Work that must stay bounded.
  { name: '1 MB title, piped explore is cut', category: 'work', files: { 'g.yaml': `${head}title: "${'t'.repeat(1_000_000)}"\nservices: { a: {} }\n` }, args: ['explore', 'g.yaml'], exit: 0, says: /^h — t{900,1000}…$/m, stdout: true },

  // 8. Nothing half-written.
  { name: 'report --out with one target a directory writes nothing', category: 'writes', files: { 'g.yaml': `${head}services: { a: {} }\n`, 'out': { dir: true }, 'out/g.html': { dir: true } }, args: ['report', 'g.yaml', '--out', 'out'], exit: 2, says: /out\/g\.html" is a directory; nothing written/, absent: ['out/g.md', 'out/g.json'] },
  { name: 'report --out with one target a FIFO writes nothing', category: 'writes', files: { 'g.yaml': `${head}services: { a: {} }\n`, 'out': { dir: true }, 'out/g.dot': { fifo: true } }, args: ['report', 'g.yaml', '--out', 'out'], exit: 2, says: /is a FIFO/, absent: ['out/g.md', 'out/g.json', 'out/g.html'] },

  // 9. Small ones.
  { name: '--top -1 prints real lines', category: 'small', files: { 'g.yaml': `${head}services: { a: {} }\n` }, args: ['audit', 'g.yaml', '--top', '-1'], exit: 2, says: /ambiguous\.\nDid you forget/ },
  { name: 'unclosed flow mapping names where it opened', category: 'small', files: { 'g.yaml': `${head}services:\n  db: { role: datastore, tier: 0\n  app: { dependsOn: [db] }\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:5:3', says: /the flow mapping "\{" opened at line 4, column 7 is still open here/ },
  { name: 'unclosed flow mapping at the end of the file', category: 'small', files: { 'g.yaml': `${head}services:\n  db: { role: datastore, tier: 0\n` }, args: ['audit', 'g.yaml'], exit: 2, at: 'g.yaml:5:1', says: /"\{" opened at line 4, column 7 is still open here \(close it with "\}"/ },
  { name: 'flow sequence closed with the wrong bracket', category: 'small', files: { 'g.yaml': `${head}services:\n  app: { dependsOn: [db, x }\n  db: {}\n` }, args: ['replay', 'g.yaml'], exit: 2, at: 'g.yaml:4:28', says: /the flow sequence "\[" opened at line 4, column 21 is still open here[^]*opened at line 4, column 8/ },
  { name: 'a file named twice (also through its directory) is read once', category: 'small', files: { 'd/g.yaml': `${head}services:\n  a: { dependsOn: [zz] }\n` }, args: ['validate', 'd', 'd/g.yaml', './d/g.yaml'], exit: 2, at: 'd/g.yaml:4:20', says: /^(?![\s\S]*:4:20: [\s\S]*:4:20: )[\s\S]*d\/g\.yaml:4:20: error/ },
  { name: 'the summary says "first 100 of"', category: 'small', files: { 'g.yaml': `${head}services:\n${Array.from({ length: 150 }, (_, i) => `  s${i}: { dependsOn: [nope${i}] }`).join('\n')}\n` }, args: ['validate', 'g.yaml'], exit: 2, at: 'g.yaml:4:21', says: /first 100 of 150 errors/ },
];
