/** The JSON report: the report data as is (types.ts documents every field), with `formatVersion`. */
import type { ReportData } from '../types.js';

export function json(data: ReportData): string {
  return JSON.stringify(data, null, 2) + '\n';
}
