// Each fixture under lint/fixtures/ breaks one import rule on purpose; if a rule stops firing (a renamed
// folder, a resolver that no longer resolves, a config typo), this test fails instead of lint going quiet.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixturesDir = path.join(root, 'lint', 'fixtures');

interface Fixture {
  file: string;
  /** Where the fixture pretends to live (its `// lint-as:` line), or its own path. */
  lintAs: string;
  /** The rule that must fire, or null for a fixture that must pass. */
  expected: string | null;
}

function readFixture(file: string): Fixture {
  const text = readFileSync(path.join(fixturesDir, file), 'utf8');
  const lintAs = /^\/\/ lint-as: (\S+)$/m.exec(text)?.[1];
  const expected = /^\/\/ expect: (\S+)$/m.exec(text)?.[1];
  if (!expected) throw new Error(`${file} has no "// expect:" line`);
  return {
    file,
    lintAs: lintAs ?? path.join('lint', 'fixtures', file),
    expected: expected === 'nothing' ? null : expected,
  };
}

const fixtures = readdirSync(fixturesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .sort()
  .map(readFixture);

const results = new Map<string, ESLint.LintResult>();

beforeAll(async () => {
  // ignore: false, because lint/fixtures is ignored by the normal lint run.
  const eslint = new ESLint({ cwd: root, ignore: false });
  for (const fixture of fixtures) {
    const text = readFileSync(path.join(fixturesDir, fixture.file), 'utf8');
    const [result] = await eslint.lintText(text, { filePath: path.join(root, fixture.lintAs) });
    if (result) results.set(fixture.file, result);
  }
}, 240_000);

describe('import rules fire on their fixtures', () => {
  it('has a fixture for each rule', () => {
    const rules = new Set(fixtures.map((f) => f.expected));
    for (const rule of [
      'import-x/no-restricted-paths',
      'layers/no-restricted-value-imports',
      'import-x/no-cycle',
      'no-restricted-imports',
    ]) {
      expect(rules).toContain(rule);
    }
  });

  it.each(fixtures)('$file → $expected', (fixture) => {
    const messages = results.get(fixture.file)?.messages ?? [];
    const fired = messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
    if (fixture.expected === null) expect(fired).toEqual([]);
    else expect(fired).toEqual([fixture.expected]);
  });
});
