// @vitest-environment node
/**
 * docs/calls.md lists the keyboard shortcuts from the same table as the help overlay: this test fails
 * when the two drift. Cells are compared trimmed, so Prettier's column padding does not matter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from './shortcuts';

const DOC = new URL('../../../docs/calls.md', import.meta.url);

function documentedRows(markdown: string): string[][] {
  const block = /<!-- shortcuts:start -->([\s\S]*?)<!-- shortcuts:end -->/.exec(markdown)?.[1];
  if (!block) throw new Error('docs/calls.md has no <!-- shortcuts:start --> … <!-- shortcuts:end --> block');
  return block
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

describe('docs/calls.md keyboard shortcuts', () => {
  it('is the shortcut table from shortcuts.ts, row for row', () => {
    const [header, rule, ...rows] = documentedRows(readFileSync(DOC, 'utf8'));
    expect(header).toEqual(['Key', 'Action', 'Works when', '`aria-keyshortcuts`']);
    expect(rule!.every((cell) => /^-+$/.test(cell))).toBe(true);
    expect(rows).toEqual(
      SHORTCUTS.map((s) => [`\`${s.label}\``, s.description.message, s.when.message, `\`${s.aria}\``]),
    );
  });
});
