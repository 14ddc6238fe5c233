/** Two header rows: which graph and scenario (and what-if), then the replay clock and the counts. */
import type { ExploreData } from './data.js';
import { line, seg, type Line } from './lines.js';
import { LineList } from './line-list.js';
import { num } from './context.js';
import type { Counts } from './rows.js';
import { clean } from './sanitize.js';
import { SYMBOL } from './theme.js';

interface Props {
  readonly data: ExploreData;
  readonly whatIf?: string;
  readonly clockText?: string;
  /** undefined while the replay is being computed. */
  readonly counts?: Counts | undefined;
  readonly width: number;
  readonly color: boolean;
}

export function headerLines({ data, whatIf, clockText, counts }: Omit<Props, 'width' | 'color'>): Line[] {
  const sc = data.scenario;
  return [
    line([seg('faultline ', 'accent', true), seg(data.model.name, 'title', true), seg(sc ? ` · scenario ${sc.id}` : ' · no scenario'),
      seg(whatIf ? ` · what-if ${whatIf}` : '', 'accent', true), seg(` — ${clean(sc?.title ?? data.model.title)}`, 'muted')]),
    line([seg(clockText ? `⏱ ${clockText}  ` : '', undefined, true), ...(counts ? [
      seg(`${SYMBOL.ok} ${num(counts.ok)} ok`, 'ok'), seg('  '), seg(`${SYMBOL.degraded} ${num(counts.degraded)} degraded`, 'degraded'), seg('  '),
      seg(`${SYMBOL.down} ${num(counts.down)} down`, 'down')] : [seg(`${num(data.model.services.length)} services · computing the replay…`, 'muted')])]),
  ];
}

export function Header(p: Props) {
  return <LineList lines={headerLines(p)} height={2} width={p.width} color={p.color} />;
}
