/**
 * The starter graph `faultline init` writes: a small web shop that shows every common construct once
 * (service, datastore, queue, incident tool with `supports`, soft / buffered / anyOf edges, a fleet, a
 * scenario with an observed line and a what-if), commented for someone writing their first graph.
 * A test checks that it validates, audits with no warning or error, and replays with a scored prediction.
 */

/** The schema file `init` writes beside the graph; the graph's first line points editors at it. */
export const SCHEMA_FILE = 'faultline.schema.json';
export const GRAPH_FILE = 'graph.yaml';

export function starterGraph(name: string): string {
  return TEMPLATE.replace('@@NAME@@', name);
}

const TEMPLATE = `# yaml-language-server: $schema=./faultline.schema.json
#
# A starter Faultline graph: a small web shop. Every common construct appears once; replace the services
# with yours. The format reference (every key, its default and meaning) is FORMAT.md in Faultline's
# repository, and \`faultline schema\` prints the JSON Schema this file's first line points your editor at.
#
#   faultline validate graph.yaml    every mistake at once, as FILE:LINE:COL
#   faultline audit graph.yaml       cycles, incident-tooling cycles, blast radius, single points of failure
#   faultline replay graph.yaml      the scenario below, with a cause for every state change
#
# Numbers no source gives you are guesses: mark them with \`x-assumed: true\` (any \`x-\` key is yours).
faultline: 1
# The graph's id: lower-case letters, digits, ".", "_" and "-".
name: @@NAME@@
title: My system
services:
  # A service customers call directly (entrypoint), running on a fleet of identical nodes.
  web:
    title: Web front end
    team: storefront
    tier: 0                     # criticality: 0 (most critical) … 3; lost minutes weigh more at tier 0
    entrypoint: true
    fleet:
      nodes: 12
      restart: { perHour: 60 }  # nodes you can restart per hour without failing health checks
      serving: 0.5              # share of healthy nodes it needs to serve again (degraded)
      x-assumed: true           # no source gives these numbers: they are guesses
    dependsOn:
      - orders                  # a bare id is a hard dependency: web fails when orders fails
      - anyOf: [dns-a, dns-b]   # redundancy: the edge fails only when every alternative fails
      - { on: recommendations, type: soft, for: product suggestions }   # soft: down here means degraded there
  orders:
    team: checkout
    tier: 0
    dependsOn:
      - db
      - on: events
        type: buffered          # a local buffer: no effect until it is full
        for: order events
        buffer: { fillsAfter: 30m, whenFull: degraded }
  recommendations: { tier: 2 }
  db:
    role: datastore
    tier: 0
    recoversAfter: 10m          # once nothing holds it down, it takes this long to be ok again
  events: { role: queue, tier: 1 }
  dns-a: { role: network, tier: 0 }
  dns-b: { role: network, tier: 0 }
  # Incident tooling: tools your responders need during an outage. The audit checks that none of them
  # fails together with a service it is meant to help with.
  status-page:
    role: status-page
    tier: 1
    supports: [web, orders]     # the services whose incidents it is used in ("*" for all)
    dependsOn: [dns-a]
scenarios:
  queue-outage:
    title: The event queue fails for 90 minutes
    start: 2026-01-10T09:00:00Z # times below ("09:05", "+1h") are on this day, in this offset
    events:
      - { at: "09:05", fail: { service: events } }
      - { at: "10:35", recover: { service: events }, note: queue cluster replaced }
    observed:                   # what your monitoring saw; the replay is scored against it
      - { at: "09:38", service: orders, state: degraded, note: order confirmations delayed }
    whatIfs:                    # remediations to rank: each is a merge patch of this file
      bigger-buffer:
        title: Order events buffer for 2 hours instead of 30 minutes
        patch: { services: { orders: { dependsOn: [db, { on: events, type: buffered, buffer: { fillsAfter: 2h } }] } } }
`;
