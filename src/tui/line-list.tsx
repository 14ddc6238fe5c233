/**
 * Draws `Line`s in a window of `height` rows: only the visible rows become ink elements, so a
 * 10,000-row list costs the same as a 20-row one. The cursor (an index among the lines that have
 * a target) stays in view.
 */
import { Box } from 'ink';
import { memo } from 'react';
import type { Line, Seg } from './lines.js';
import { Safe, SafeRow } from './safe.js';
import { toneColor, toneDim } from './theme.js';

interface Props {
  readonly lines: readonly Line[];
  readonly height: number;
  readonly width: number;
  readonly color: boolean;
  /** Index among target lines to highlight; undefined = no cursor. */
  readonly cursor?: number;
  /** First line to show when there is no cursor. */
  readonly scroll?: number;
}

export function windowStart(total: number, height: number, focus: number): number {
  return Math.max(0, Math.min(focus - Math.floor(height / 2), total - height));
}

function cursorLine(lines: readonly Line[], cursor: number): number {
  let n = -1;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.target !== undefined && ++n === cursor) return i;
  return -1;
}

export const SegText = ({ s, color }: { s: Seg; color: boolean }) => (
  <Safe text={s.text} color={toneColor(s.tone, color)} bold={s.bold === true} dimColor={toneDim(s.tone)} inverse={s.inverse === true} />
);

export const LineList = memo(function LineList({ lines, height, width, color, cursor, scroll }: Props) {
  const at = cursor === undefined ? -1 : cursorLine(lines, cursor);
  const start = at >= 0 ? windowStart(lines.length, height, at) : Math.max(0, Math.min(scroll ?? 0, lines.length - height));
  const shown = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.map((l, i) => (
        <SafeRow key={start + i} inverse={start + i === at}>
          {[<Safe key="c" text={start + i === at ? '▸' : ' '} />, ...l.segs.map((s, j) => <SegText key={j} s={s} color={color} />)]}
        </SafeRow>
      ))}
    </Box>
  );
});
