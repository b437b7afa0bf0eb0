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
  /** Functions by self time, highest first. */
  hot: HotFunction[];
  /** Self time per package (`@mtredi/api`, `pg`, `bull`, `node:` internals…), highest first. */
  packages: { name: string; share: number }[];
}

/** Reads a CPU profile and ranks where the time went: by function (self time) and by package. */
export async function summarizeProfile(file: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
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
  const hot = [...perFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: us / 1000, selfShare: us / total }));
  const packages = [...perPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, us]) => ({ name, share: us / total }));
  return { file, totalMs: total / 1000, hot, packages };
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
