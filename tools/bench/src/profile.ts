import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that a summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  /** `name (path:line)`, the path shortened to the package. */
  where: string;
  selfMs: number;
  selfShare: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Samples not idle: what the shares below are of. */
  busyMs: number;
  /**
   * Functions of this repository (apps/, packages/) by inclusive time: each sample counts for every one
   * of them on its stack, so a service method shows everything it waits on in CPU, the ORM included.
   */
  ours: HotFunction[];
  /** Who calls the socket writes (`writeBuffer`/`writev`/`writeUtf8String`), by package of the nearest JS frame. */
  writers: { name: string; share: number }[];
  /** Functions by self time, highest first. */
  hot: HotFunction[];
  /** Self time per package (`@mtredi/api`, `pg`, `bull`, `node:` internals…), highest first. */
  packages: { name: string; share: number }[];
}

/** Reads a CPU profile and ranks where the time went: by function (self time) and by package. */
export async function summarizeProfile(file: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const perFunction = new Map<string, number>();
  const perPackage = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const where = `${frame.functionName || '(anonymous)'} (${shorten(frame.url)}:${frame.lineNumber + 1})`;
    perFunction.set(where, (perFunction.get(where) ?? 0) + us);
    const pkg = packageOf(frame.url, frame.functionName);
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + us);
  }
  const idle = [...selfUs.entries()].reduce(
    (sum, [id, us]) => (byId.get(id)?.callFrame.functionName === '(idle)' ? sum + us : sum),
    0,
  );
  const busy = Math.max(1, total - idle);
  const inclusive = new Map<string, number>();
  const writers = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    let writer: string | undefined;
    const leaf = byId.get(id)?.callFrame.functionName ?? '';
    const isWrite = /^(writeBuffer|writev|writeUtf8String|writeLatin1String)$/.test(leaf);
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      if (isWrite && writer === undefined && frame.url && !frame.url.startsWith('node:'))
        writer = packageOf(frame.url, frame.functionName);
      if (!/\/(apps|packages)\//.test(frame.url) || frame.url.includes('node_modules')) continue;
      const where = `${frame.functionName || '(anonymous)'} (${shorten(frame.url)}:${frame.lineNumber + 1})`;
      if (seen.has(where)) continue;
      seen.add(where);
      inclusive.set(where, (inclusive.get(where) ?? 0) + us);
    }
    if (isWrite) writers.set(writer ?? '(unknown)', (writers.get(writer ?? '(unknown)') ?? 0) + us);
  }
  const writeTotal = [...writers.values()].reduce((a, b) => a + b, 0);
  const hot = [...perFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: us / 1000, selfShare: us / total }));
  const packages = [...perPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, us]) => ({ name, share: us / total }));
  const ours = [...inclusive.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: us / 1000, selfShare: us / busy }));
  return {
    file,
    totalMs: total / 1000,
    busyMs: busy / 1000,
    hot,
    packages,
    ours,
    writers: [...writers.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, us]) => ({ name, share: us / Math.max(1, writeTotal) })),
  };
}

/** Every `.cpuprofile` in a directory. */
export async function profilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
}

function shorten(url: string): string {
  if (!url) return '(native)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.*)$/.exec(url);
  if (pnpm) return pnpm[1] as string;
  const ours = /\/(apps|packages)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url.replace(/^file:\/\//, '');
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1] as string;
  const ours = /\/(apps\/[^/]+|packages\/(?:drivers\/)?[^/]+)\//.exec(url);
  return ours ? (ours[1] as string) : 'other';
}
