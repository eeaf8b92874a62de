/** Empties and closes this process's tier queues (tests that enqueue without a worker). */
export async function closeTierQueues(): Promise<void> {
  const { tierQueue } = await import('../queue/generation-queue');
  const { TIERS } = await import('../../domain/plans');
  for (const tier of TIERS) {
    await tierQueue(tier).obliterate({ force: true }).catch(() => {});
    await tierQueue(tier).close();
  }
}
