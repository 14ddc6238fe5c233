/**
 * The report formats, picked from a map (adding one is one line), each a pure function of the
 * report data. `renderReports` returns file names and contents; writing them is write.ts's job.
 */
import type { Neighbourhood } from '../analysis/neighbourhood.js';
import { buildReportData } from './data.js';
import { defuse } from './defuse.js';
import { focusReportData } from './focus.js';
import { groupedReportData, type GroupBy } from './group.js';
import { dot } from './format/dot.js';
import { htmlReport } from './format/html.js';
import { json } from './format/json.js';
import { markdown } from './format/markdown.js';
import { mermaid } from './format/mermaid.js';
import type { ReportData, ReportInputs } from './types.js';

export interface Format {
  readonly extension: string;
  readonly render: (data: ReportData) => string;
}

export const FORMATS = {
  md: { extension: 'md', render: markdown },
  json: { extension: 'json', render: json },
  html: { extension: 'html', render: (d) => htmlReport(d) },
  mermaid: { extension: 'mmd', render: mermaid },
  dot: { extension: 'dot', render: dot },
} as const satisfies Record<string, Format>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}

export interface RenderedFile {
  readonly name: string;
  readonly content: string;
}

/** `--focus`/`--depth` (every format) and `--group` (the Mermaid and DOT diagrams). */
export interface ReportView {
  readonly focus?: Neighbourhood;
  readonly group?: GroupBy;
}

/** `<graph basename>.<extension>` for each format, in the order asked. */
export function renderReports(inputs: ReportInputs, formats: readonly FormatName[], baseName: string, view: ReportView = {}): RenderedFile[] {
  const full = defuse(buildReportData(inputs));
  const data = view.focus ? focusReportData(full, view.focus) : full;
  const diagram = view.group ? groupedReportData(data, view.group) : data;
  return formats.map((f) => ({ name: `${baseName}.${FORMATS[f].extension}`, content: FORMATS[f].render(f === 'mermaid' || f === 'dot' ? diagram : data) }));
}

export { buildReportData } from './data.js';
export { gatherInputs } from './inputs.js';
export { GROUP_BYS, type GroupBy } from './group.js';
export { ReportWriteError, prepareOutDir, writeAtomic } from './write.js';
export type { ReportData, ReportInputs } from './types.js';
