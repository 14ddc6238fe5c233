/**
 * One broken input per kind of mistake: each must fail validation with exit 2, the expected
 * message, and the exact LINE:COL of the offending node (1-based, as editors count).
 */
import { describe, expect, test } from 'vitest';
import { cli, HEAD, writeGraph } from './helpers.js';

const SCEN = 'scenarios:\n  s:\n    start: 2020-11-25T02:44:00-08:00\n';
const FLEET = '  f:\n    fleet: { nodes: 10 }\n';

const cases: [name: string, yaml: string, where: string, message: string][] = [
  ['missing version', 'name: t\nservices: {}\n', '1:1', 'missing required key "faultline"'],
  ['unsupported version', 'faultline: 2\nname: t\nservices: {}\n', '1:12', 'unsupported format version 2'],
  ['missing services', 'faultline: 1\nname: t\n', '1:1', 'missing required key "services"'],
  ['unknown top-level key', HEAD + '  a: {}\nservice: {}\n', '5:1', 'unknown key "service" (did you mean "services"?)'],
  ['unknown service key', HEAD + '  a:\n    dependson: [a]\n', '5:5', 'unknown key "dependson" (did you mean "dependsOn"?)'],
  ['bad role', HEAD + '  a:\n    role: datstore\n', '5:11', 'unknown role "datstore" (did you mean "datastore"?)'],
  ['enum far from any', HEAD + '  a:\n    role: banana\n', '5:11', 'one of: service, datastore'],
  ['tier out of range', HEAD + '  a:\n    tier: 7\n', '5:11', '"tier" must be <= 3, not 7'],
  ['tier wrong type', HEAD + '  a:\n    tier: high\n', '5:11', '"tier" must be a whole number, not the string "high"'],
  ['bad service id', HEAD + '  Front_End: {}\n', '4:3', 'invalid service id "Front_End"'],
  ['unknown dependency', HEAD + '  cloudwatch: {}\n  a:\n    dependsOn: [cloudwatc]\n', '6:17', 'dependency "cloudwatc" is not a service of this graph (did you mean "cloudwatch"?)'],
  ['unknown dependency in edge', HEAD + '  b: {}\n  a:\n    dependsOn:\n      - { on: c, type: soft }\n', '7:15', 'dependency "c" is not a service'],
  ['unknown anyOf alternative', HEAD + '  dns-a: {}\n  a:\n    dependsOn:\n      - anyOf: [dns-a, dns-c]\n', '7:24', 'dependency "dns-c" is not a service of this graph (did you mean "dns-a"?)'],
  ['self dependency', HEAD + '  a:\n    dependsOn: [a]\n', '5:17', 'service "a" depends on itself'],
  ['dependency listed twice', HEAD + '  b: {}\n  a:\n    dependsOn:\n      - b\n      - { on: b, type: soft }\n', '8:15', 'dependency on "b" is listed twice'],
  ['on and anyOf', HEAD + '  b: {}\n  a:\n    dependsOn:\n      - { on: b, anyOf: [b, b] }\n', '7:18', 'has both "on" and "anyOf"'],
  ['neither on nor anyOf', HEAD + '  a:\n    dependsOn:\n      - { type: soft }\n', '6:9', 'needs one of "on", "anyOf"'],
  ['bad edge type', HEAD + '  b: {}\n  a:\n    dependsOn:\n      - { on: b, type: hrad }\n', '7:24', 'unknown type "hrad" (did you mean "hard"?)'],
  ['buffered without buffer', HEAD + '  b: {}\n  a:\n    dependsOn:\n      - { on: b, type: buffered }\n', '7:9', 'missing required key "buffer"'],
  ['buffer on a hard edge', HEAD + '  b: {}\n  a:\n    dependsOn:\n      - { on: b, buffer: { fillsAfter: 1h } }\n', '7:18', 'a buffer is only allowed on an edge of type buffered'],
  ['malformed duration', HEAD + '  a:\n    recoversAfter: 5 minutes\n', '5:20', 'malformed duration "5 minutes"'],
  ['needs out of range', HEAD + '  b: { fleet: { nodes: 3 } }\n  a:\n    dependsOn: [{ on: b, needs: 1.5 }]\n', '6:33', '"needs" must be <= 1, not 1.5'],
  ['cells larger than nodes', HEAD + '  a:\n    fleet: { nodes: 10, cells: 20 }\n', '5:32', 'cells of 20 nodes exceed the fleet\'s 10 nodes'],
  ['fleet without nodes', HEAD + '  a:\n    fleet: { serving: 0.5 }\n', '5:5', '"fleet" is missing required key "nodes"'],
  ['serving zero', HEAD + '  a:\n    fleet: { nodes: 2, serving: 0 }\n', '5:33', '"serving" must be > 0, not 0'],
  ['resource without limit', HEAD + '  a:\n    fleet:\n      nodes: 2\n      perNode: { threads: { base: 1 } }\n', '7:18', '"threads" is missing required key "limit"'],
  ['mesh peers typo', HEAD + '  a:\n    fleet: { nodes: 2, mesh: { peers: al } }\n', '5:39', '"peers" must be "all", not "al"'],
  ['unknown supported service', HEAD + '  a: {}\n  tool:\n    role: status-page\n    supports: [b]\n', '7:16', 'supported service "b" is not a service'],
  ['duplicate key', HEAD + '  a: {}\n  a: {}\n', '5:3', 'duplicate key "a"'],
  ['YAML syntax error', HEAD + '  a: b: c\n', '4:6', 'YAML syntax'],
  ['scenario without start', HEAD + '  a: {}\nscenarios:\n  s:\n    title: x\n', '6:3', 'missing required key "start"'],
  ['malformed start', HEAD + '  a: {}\nscenarios:\n  s:\n    start: 2020-11-25 02:44\n', '7:12', 'malformed start time "2020-11-25 02:44"'],
  ['event without action', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "03:00" }\n', '9:9', 'needs one of "scale", "fail", "recover", "restart", "patch"'],
  ['event with two actions', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "03:00", fail: { service: a }, recover: { service: a } }\n', '9:46', 'has both "fail" and "recover"'],
  ['malformed event time', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "3 pm", fail: { service: a } }\n', '9:15', 'malformed time "3 pm"'],
  ['impossible clock time', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "25:00", fail: { service: a } }\n', '9:15', 'malformed time "25:00"'],
  ['event before start', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "01:00", fail: { service: a } }\n', '9:15', 'is before the scenario start'],
  ['events out of order', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "04:00", fail: { service: a } }\n      - { at: "03:00", recover: { service: a } }\n', '10:15', 'earlier than the event before it'],
  ['event on unknown service', HEAD + '  api: {}\n' + SCEN + '    events:\n      - { at: "03:00", fail: { service: apl } }\n', '9:41', 'failed service "apl" is not a service of this graph (did you mean "api"?)'],
  ['scale without to or by', HEAD + FLEET + SCEN + '    events:\n      - { at: "03:00", scale: { service: f } }\n', '10:24', '"scale" needs one of "to", "by"'],
  ['scale a service without fleet', HEAD + '  a: {}\n' + SCEN + '    events:\n      - { at: "03:00", scale: { service: a, by: 2 } }\n', '9:42', '"a" has no fleet to scale'],
  ['observed state typo', HEAD + '  a: {}\n' + SCEN + '    observed:\n      - { at: "03:00", service: a, state: dwn }\n', '9:43', 'unknown state "dwn" (did you mean "down"?)'],
  ['observed unknown service', HEAD + '  a: {}\n' + SCEN + '    observed:\n      - { at: "03:00", service: b, state: down }\n', '9:33', 'observed service "b" is not a service'],
  ['what-if without patch', HEAD + '  a: {}\n' + SCEN + '    whatIfs:\n      w: { title: x }\n', '9:7', '"w" is missing required key "patch"'],
  ['what-if patch breaks a reference', HEAD + '  a: {}\n  b: { dependsOn: [a] }\n' + SCEN + '    whatIfs:\n      w:\n        patch: { services: { b: { dependsOn: [c] } } }\n', '11:47', 'after this patch: dependency "c" is not a service of this graph'],
  ['what-if patch removes a needed service', HEAD + '  a: {}\n  b: { dependsOn: [a] }\n' + SCEN + '    whatIfs:\n      w:\n        patch: { services: { a: null } }\n', '11:9', 'after this patch: dependency "a" is not a service'],
  ['patch event adds an unknown key', HEAD + '  a: {}\n' + SCEN + '    events:\n      - at: "03:00"\n        patch: { services: { a: { tear: 1 } } }\n', '10:35', 'after this patch: unknown key "tear" (did you mean "team"?)'],
  ['extension key without x-', HEAD + '  a:\n    assumed: true\n', '5:5', 'unknown key "assumed"'],
  ['multiple documents', HEAD + '  a: {}\n---\nfaultline: 1\n', '5:1', 'several YAML documents'],
  ['empty file', '', '1:1', 'the file is empty'],
  ['list at the top', '- faultline: 1\n', '1:1', 'the top level is a list'],
];

describe('broken inputs: exit 2, message, exact LINE:COL', () => {
  test.each(cases)('%s', async (name, yaml, where, message) => {
    const file = writeGraph(`${name.replace(/\W+/g, '-')}.yaml`, yaml);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    const lines = r.err.split('\n').filter((l) => l.includes(': error: '));
    const hit = lines.find((l) => l.includes(message));
    expect(hit, `stderr was:\n${r.err}`).toBeDefined();
    expect(hit!.startsWith(`${file}:${where}: error: `), `stderr was:\n${r.err}`).toBe(true);
  });

  test('there are at least 25 kinds of mistake', () => {
    expect(new Set(cases.map((c) => c[0])).size).toBeGreaterThanOrEqual(25);
  });

  test('shape errors and unknown ids are reported together, in one run', async () => {
    const file = writeGraph('both.yaml', HEAD + '  api: {}\n  web:\n    tier: 9\n    dependsOn: [apl]\n');
    const r = await cli('validate', file);
    expect(r.err).toBe([
      `${file}:6:11: error: "tier" must be <= 3, not 9`,
      `${file}:7:17: error: dependency "apl" is not a service of this graph (did you mean "api"?)`,
      `${file}: 2 errors`, '',
    ].join('\n'));
  });
});
