import type { YamlPath } from './rule-ast.js';

/** A problem found while parsing or compiling one rule document, located by YAML path. */
export interface PathProblem {
  path: YamlPath;
  message: string;
  severity: 'error' | 'warning';
  /** Characters into the scalar at `path` (for condition syntax errors). */
  offset?: number;
}

export type ProblemSink = (problem: PathProblem) => void;
