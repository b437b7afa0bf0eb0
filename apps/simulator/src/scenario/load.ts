import { readFile } from 'node:fs/promises';
import { Scenario } from '@mtredi/operator-sim';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** A scenario that could not be read or is not valid; `message` names the file and the field. */
export class ScenarioError extends Error {
  readonly code = 'simulator/invalid_scenario';
  constructor(
    message: string,
    /** Every problem, as `path: message`, for callers that want more than the first. */
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** `['rules', 0, 'submit', 'status']` → `rules[0].submit.status`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

interface Problem {
  path: string;
  message: string;
  line?: number;
}

/**
 * Validates a parsed document (YAML or JSON) against the versioned scenario schema. With the YAML
 * source at hand, problems are reported in the order they appear in the file, with their line.
 */
export function validateScenario(
  document: unknown,
  source: string,
  locate?: (path: PropertyKey[]) => number | undefined,
): Scenario {
  const result = Scenario.safeParse(document);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue: z.core.$ZodIssue) => {
    const problem: Problem = { path: fieldPath(issue.path) || '(top level)', message: issue.message };
    const line = locate?.(issue.path as PropertyKey[]);
    if (line !== undefined) problem.line = line;
    return problem;
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const first = problems[0] as Problem;
  const at = first.line === undefined ? '' : ` (line ${first.line})`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new ScenarioError(
    `${source}: ${first.path}${at}: ${first.message}${more}`,
    problems.map(({ path, message }) => ({ path, message })),
  );
}

/** Parses YAML text (JSON is valid YAML) into a scenario. */
export function parseScenarioText(text: string, source: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const syntax = doc.errors[0];
  if (syntax) throw new ScenarioError(`${source}: not valid YAML: ${syntax.message.split('\n')[0]}`);
  return validateScenario(doc.toJS(), source, (path) => lineOf(doc, lines, path));
}

/** Line of the deepest node on `path` that exists in the document (a missing field: its parent's line). */
function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(
      `${path}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseScenarioText(text, path);
}
