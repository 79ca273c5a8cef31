// What a bench run shares between scenarios (a hub, its desks) is closed once, at the end, by the runner:
// an open server would otherwise keep the process alive.

const hooks: (() => Promise<void> | void)[] = [];

export function onBenchEnd(hook: () => Promise<void> | void): void {
  hooks.push(hook);
}

export async function runBenchEnd(): Promise<void> {
  while (hooks.length > 0) await hooks.pop()!();
}
