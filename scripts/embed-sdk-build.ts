/**
 * Builds the embed SDK (packages/embed, issue 13) into `<outDir>/embed/openline-embed.js`: one
 * dependency-free TypeScript file, so a plain transpile (types stripped, ES2022 module) is the whole
 * build. Run by the Vite build (vite.config.ts) so `npm run build` and `npm start` serve it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export const EMBED_SDK_SOURCE = 'packages/embed/src/openline-embed.ts';
export const EMBED_SDK_OUTPUT = 'embed/openline-embed.js';

export async function buildEmbedSdk(root: string, outDir: string): Promise<string> {
  const source = await readFile(resolve(root, EMBED_SDK_SOURCE), 'utf8');
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: EMBED_SDK_SOURCE,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      useDefineForClassFields: true,
      removeComments: false,
    },
  });
  if (diagnostics && diagnostics.length > 0) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
    throw new Error(`embed SDK: ${text}`);
  }
  const target = join(outDir, EMBED_SDK_OUTPUT);
  await mkdir(join(outDir, 'embed'), { recursive: true });
  await writeFile(target, outputText);
  return target;
}
