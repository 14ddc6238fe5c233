/**
 * The milestone row: when the replay detects the incident and first posts to the status page, each
 * beside its observation. The HTML report shows it under the title (Markdown has the same facts as
 * ⚑ rows of its timeline table).
 */
import type { MilestoneView } from '../types.js';

const LABEL = { detected: 'incident detected', communicated: 'first status-page post' } as const;

export function milestoneText(m: MilestoneView): string {
  const observed = m.observedClock === undefined ? ''
    : `; observed ${m.observedClock}${m.errorMin !== undefined ? `, ${m.errorMin > 0 ? '+' : ''}${m.errorMin} min` : ''}`;
  return m.predictedClock === null
    ? `${LABEL[m.milestone]}: never (predicted${observed})`
    : `${LABEL[m.milestone]} ${m.predictedClock} (predicted${observed})`;
}

/** The row's items: nothing when the replay neither detected nor posted and nothing was observed. */
export function milestoneItems(milestones: readonly MilestoneView[]): string[] {
  return milestones.filter((m) => m.predictedClock !== null || m.observedClock !== undefined).map(milestoneText);
}
