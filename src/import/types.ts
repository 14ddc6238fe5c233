/**
 * Plain data passed between the import stages: each format's reader turns files into a Reading
 * (services and edges keyed by the reader's own keys), `combine` joins readings into one graph of
 * service ids, `emit`/`merge` write it as a Faultline document.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { EdgeType, JsonValue, Location, Role } from '../model/types.js';

export const FORMATS = ['backstage', 'compose', 'k8s', 'jaeger', 'kiali'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** A service as one reader saw it. */
export interface ImportedService {
  /** Unique within its format, e.g. `Deployment shop/frontend`; two keys are two different things. */
  readonly key: string;
  /** The name as written in the input; the id is derived from it. */
  readonly name: string;
  /** Qualified names to fall back on when `name` collides with another key of the same format. */
  readonly qualified: readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly team?: string;
  readonly role?: Role;
  readonly entrypoint?: boolean;
  /** `x-` fields, keys with their `x-` prefix. */
  readonly x: Readonly<Record<string, JsonValue>>;
  /** Guesses a reviewer should check; written as YAML comments. */
  readonly notes: readonly string[];
  readonly loc: Location;
}

/** Where an edge points: services of this reading (several = redundant, `anyOf`), or a bare name. */
export type EdgeTarget =
  | { readonly keys: readonly string[] }
  /** Named but not defined in this reading: resolved later against every input and the --merge base. */
  | { readonly name: string };

export interface ImportedEdge {
  readonly from: string;
  readonly to: EdgeTarget;
  readonly type: EdgeType;
  /** What states the edge (`depends_on`, `env FRONTEND_ADDR`…): the same evidence twice is a duplicate. */
  readonly evidence: string;
  readonly note?: string;
  /** Calls observed (traces), summed when edges are merged. */
  readonly calls?: number;
  /** Inferred from configuration (an address in a value), not stated as a dependency. */
  readonly guessed?: boolean;
  readonly loc: Location;
}

export interface Reading {
  readonly format: Format;
  readonly services: readonly ImportedService[];
  readonly edges: readonly ImportedEdge[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One input file's text, as the file system reader delivers it. */
export interface InputText {
  readonly file: string;
  readonly text: string;
}

/** An edge of the combined graph, in service ids. */
export interface GraphEdge {
  readonly from: string;
  /** One target, or the alternatives of an `anyOf`. Sorted. */
  readonly targets: readonly string[];
  readonly type: EdgeType;
  readonly sources: readonly Location[];
  readonly notes: readonly string[];
  readonly calls?: number;
  /** Every source of it is a guess (an address in configuration): see guessed-cycles.ts. */
  readonly guessed?: boolean;
}

/** A service of the combined graph: what the readers said of it, under its final id. */
export interface GraphService extends Pick<ImportedService, 'title' | 'description' | 'team' | 'role' | 'entrypoint' | 'x' | 'notes'> {
  readonly id: string;
  readonly sources: readonly Location[];
}

export interface ImportedGraph {
  /** Sorted by id. */
  readonly services: readonly GraphService[];
  /** Sorted by from, then targets. */
  readonly edges: readonly GraphEdge[];
  readonly diagnostics: readonly Diagnostic[];
}
