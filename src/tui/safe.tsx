/**
 * The only module that gives text to ink's `Text` (a test checks that no other TUI file imports
 * it): every string passes `display` here, whatever pane built it.
 */
import { Text } from 'ink';
import type { ReactElement } from 'react';
import { display } from './sanitize.js';

type Color = string | undefined;

interface SafeProps {
  readonly text: string;
  readonly color?: Color;
  readonly bold?: boolean;
  readonly dimColor?: boolean;
  readonly inverse?: boolean;
}

/** One run of text in one style (inside a `SafeRow`). */
export function Safe({ text, color, bold, dimColor, inverse }: SafeProps) {
  return <Text color={color} bold={bold === true} dimColor={dimColor === true} inverse={inverse === true}>{display(text)}</Text>;
}

/** A row made of `Safe` runs only (no raw string can be passed as a child), cut at the pane's edge. */
export function SafeRow({ inverse, children }: { readonly inverse?: boolean; readonly children: readonly ReactElement[] }) {
  return <Text wrap="truncate-end" inverse={inverse === true}>{children}</Text>;
}
