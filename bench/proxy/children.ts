// The proxy benchmarks run each server in a child process of its own, so that the CPU time a
// process reports is that server's alone: how a child says it is ready and answers for its CPU
// time, and how the parent starts one and asks.
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';

/**
 * In a child: sends `ready` (its port, say) to the parent, then answers every message with the
 * CPU time it has used so far, in microseconds; exits when the parent closes the channel.
 */
export function reportToParent(ready: unknown): void {
  process.send?.(ready);
  process.on('message', () => {
    const used = process.cpuUsage();
    process.send?.({ cpuMicros: used.user + used.system });
  });
  process.on('disconnect', () => process.exit(0));
}

export interface ChildOptions {
  /** `BENCH_ROLE` in the child's environment: which server the script is to be there. */
  role: string;
  env?: Record<string, string>;
  /** Standard output to /dev/null: the proxy's default logger writes its lines there. */
  quiet?: boolean;
  /** Writes a CPU profile of the child into this folder (`--cpu-prof`). */
  profileDir?: string | false;
}

/** In the parent: forks `script` as `role` and waits for what it sends once ready. */
export async function startChild<Ready>(
  script: string,
  { role, env = {}, quiet = false, profileDir }: ChildOptions,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(script, {
    stdio: ['inherit', quiet ? openSync('/dev/null', 'w') : 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    env: { ...process.env, BENCH_ROLE: role, ...env },
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`bench ${role} exited with ${code}`)));
  });
  return { child, ready };
}

/** The CPU time a child has used so far, in microseconds (less noisy than wall time on a shared machine). */
export function cpuMicrosOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
    child.send('cpu');
  });
}

/** Ends a child by closing its channel, and waits until it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.disconnect();
  await exited;
}
