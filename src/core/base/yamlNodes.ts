import { isMap, isScalar, isSeq, type Node } from 'yaml';

/** Describes a YAML node for a message: `the number 12`, `a list`, `\`soon\``. */
export function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a map';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing';
    if (typeof value === 'number') return `the number ${value}`;
    if (typeof value === 'boolean') return `\`${value}\``;
    if (value === '') return 'an empty text';
    return `\`${String(value)}\``;
  }
  return 'an alias';
}

/** Whether a YAML node carries its place in the text. */
export function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray((node as { range?: unknown }).range);
}
