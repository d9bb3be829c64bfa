// `npm run lint` step (issue 13): the catalogs in src/locales match the code. Re-extracts the English texts
// from the code and fails when that changes any catalog, i.e. a text was added, changed or removed without
// `npm run i18n:extract` (and its Spanish and Arabic translations: lint/i18n-catalogs.test.ts checks those).
import { execFileSync } from 'node:child_process';

execFileSync('npx', ['lingui', 'extract', '--clean'], { stdio: ['ignore', 'ignore', 'inherit'] });
// Compared with the index, so catalogs staged for the next commit count as matching.
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const changed = [
  git('diff', '--name-only', '--', 'src/locales'),
  git('ls-files', '--others', '--exclude-standard', '--', 'src/locales'),
]
  .filter(Boolean)
  .join('\n');
if (changed) {
  console.error(
    `The message catalogs do not match the code:\n${changed}\n` +
      'Run `npm run i18n:extract`, translate the new texts in src/locales/es and src/locales/ar, and commit the catalogs.',
  );
  process.exit(1);
}
console.log('i18n: catalogs match the code');
