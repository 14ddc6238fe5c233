/**
 * The type and the `# guessed:` reason of an edge found in configuration (an env value, a flag, a
 * config file): every such edge says why it was taken. Health-check-only addresses are `soft`;
 * telemetry (the variable configures export, or either end is a telemetry backend) is `async`.
 */
import type { EdgeType } from '../model/types.js';
import type { AddressRef } from './address.js';
import { telemetryName } from './roles.js';

export interface EdgeKind { readonly type: EdgeType; readonly note: string }

export interface Ends { readonly fromTelemetry: boolean; readonly toTelemetry: boolean }

export function edgeKind(evidence: string, name: string, ref: AddressRef, ends: Ends): EdgeKind {
  const why = `guessed: ${evidence} ${ref.why}`;
  if (ref.healthCheck) return { type: 'soft', note: `${why}; a health-check address only → soft` };
  const telemetry = telemetryKind(name, ends);
  return telemetry ? { type: 'async', note: `${why}; ${telemetry}` } : { type: 'hard', note: why };
}

/** Why a plainly stated edge (`depends_on`) is telemetry, or undefined. */
export function telemetryKind(name: string, ends: Ends): string | undefined {
  if (ends.toTelemetry) return 'the target is a telemetry backend → async';
  if (ends.fromTelemetry) return 'a telemetry backend collecting from its target → async';
  if (name !== '' && telemetryName(name)) return `${name} configures telemetry export → async`;
  return undefined;
}
