// Tree-shaking hints shared by the app's build and the join page's build (issue 10: first-load budgets).

/**
 * Which of our modules may be dropped when nothing they export is used: the schema and helper layers
 * (src/api, src/lib, src/storage) only declare things, but a zod schema built at the top level looks like a
 * side effect to the bundler, so a barrel import kept every schema in the first load. zod-jitless is
 * imported for its effect and stays.
 */
export function appModuleSideEffects(id: string): boolean {
  if (!/\/src\/(api|lib|storage)\//.test(id)) return true;
  return id.endsWith('/src/lib/zod-jitless.ts') || id.endsWith('.css');
}
