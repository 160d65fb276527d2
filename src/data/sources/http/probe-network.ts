/**
 * A quick check that a provider answers at all, so `serve` can give up on syncing within seconds
 * when the machine is offline instead of waiting for retries to time out.
 */
export async function probeNetwork(url: string, timeoutMs = 2500, fetchImpl: typeof fetch = fetch): Promise<{ reachable: boolean; detail: string }> {
  try {
    const response = await fetchImpl(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { reachable: true, detail: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { reachable: false, detail: (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause ?? (error as Error).message) };
  }
}
