import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { DetectionItem, DetectionNode, RawValue, YamlPath } from './rule-ast.js';
import type { ProblemSink } from './problem-sink.js';

function rawValue(node: unknown, path: YamlPath, report: ProblemSink): RawValue | undefined {
  if (node === null || node === undefined) return { kind: 'null' };
  if (!isScalar(node)) {
    report({ path, message: 'a value must be a string, number, boolean or null', severity: 'error' });
    return undefined;
  }
  const value = (node as Scalar).value;
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  // Keep the number's source text so that values like 0x17 or 010 compare as written.
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 'number', text: (node as Scalar).source ?? String(value) };
  return { kind: 'string', text: String(value) };
}

function item(key: string, valueNode: unknown, path: YamlPath, report: ProblemSink): DetectionItem | undefined {
  const [field, ...modifiers] = key.split('|');
  const values: RawValue[] = [];
  if (isSeq(valueNode)) {
    valueNode.items.forEach((element, i) => {
      const value = rawValue(element, [...path, i], report);
      if (value) values.push(value);
    });
  } else {
    const value = rawValue(valueNode, path, report);
    if (value) values.push(value);
  }
  if (modifiers.some((m) => m === '')) report({ path, message: `empty modifier in "${key}"`, severity: 'error' });
  // The rules specification: "null cannot be part of a list of field values"; it needs its own selection.
  if (values.length > 1 && values.some((v) => v.kind === 'null')) report({ path, message: 'null cannot be part of a list of values; test it in a selection of its own', severity: 'error' });
  return { type: 'item', field: field ? field : null, modifiers, values, path };
}

function mapOfItems(node: Node, path: YamlPath, report: ProblemSink): DetectionNode | undefined {
  if (!isMap(node)) return undefined;
  const children: DetectionNode[] = [];
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const built = item(key, pair.value, [...path, key], report);
    if (built) children.push(built);
  }
  if (children.length === 0) report({ path, message: 'empty selection', severity: 'error' });
  return { type: 'and', children };
}

/**
 * One search identifier: a map is AND-linked field items, a list OR-links maps or keyword values.
 * A bare value is not one of the two structures the rules specification and its schema allow.
 */
export function parseSearch(node: unknown, path: YamlPath, report: ProblemSink): DetectionNode | undefined {
  if (isMap(node)) return mapOfItems(node, path, report);
  if (isSeq(node)) {
    const children: DetectionNode[] = [];
    const keywords: RawValue[] = [];
    node.items.forEach((element, i) => {
      if (isMap(element)) {
        const group = mapOfItems(element, [...path, i], report);
        if (group) children.push(group);
      } else {
        const value = rawValue(element, [...path, i], report);
        if (value) keywords.push(value);
      }
    });
    if (keywords.length > 0) children.push({ type: 'item', field: null, modifiers: [], values: keywords, path });
    if (children.length === 0) report({ path, message: 'empty search list', severity: 'error' });
    return children.length === 1 ? children[0] : { type: 'or', children };
  }
  report({ path, message: 'a search identifier must hold a map or a list (one keyword is a list of one)', severity: 'error' });
  return undefined;
}
