/**
 * Runs `fn` in a task after the next frame has been painted. Layout read there is already computed by
 * that frame; read in a commit's effect it is computed on the spot, inside the task that committed
 * (issue 10: a first start's whole-page layout, ~40 ms, forced by the tab bar's measurement). Returns
 * a cancel. A hidden page paints no frame, so `fn` waits until the page is shown.
 */
export function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
