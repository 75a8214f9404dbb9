/** Test helper: waits (up to about a second, in 5 ms steps) until `ok()` holds, for ink frames that render asynchronously. */
export async function until(ok: () => boolean, message: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(message());
}
