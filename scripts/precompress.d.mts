export interface PrecompressTotals {
  /** Text files compressed. */
  files: number;
  /** Their size before compression, and the sums of the `.br` and `.gz` siblings. */
  bytes: number;
  br: number;
  gz: number;
}
export function precompressDir(dir: string): Promise<PrecompressTotals>;
