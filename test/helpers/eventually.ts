/** Waits until `check` holds (polled every 20 ms); fails the test after `ms` with what it waited for. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what = 'the condition',
  ms = 8000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
