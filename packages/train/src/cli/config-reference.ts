/**
 * The reference of every training-config field, generated from core's zod schemas (their
 * descriptions and defaults), so the README's table cannot drift from what the trainer accepts.
 * `signllm-train config-reference` prints it.
 */
import { toJsonSchema } from '@signllm/core';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode | JsonSchemaNode[];
  prefixItems?: JsonSchemaNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.anyOf) return node.anyOf.map(typeOf).join(' \\| ');
  if (node.type === 'array') {
    if (node.prefixItems) return `[${node.prefixItems.map(typeOf).join(', ')}]`;
    return `${node.items && !Array.isArray(node.items) ? typeOf(node.items) : 'value'}[]`;
  }
  if (node.type === 'integer' || node.type === 'number') {
    const lo = node.minimum ?? node.exclusiveMinimum;
    const hi = node.maximum ?? node.exclusiveMaximum;
    const top = hi === undefined || hi >= Number.MAX_SAFE_INTEGER ? '∞' : String(hi);
    const bottom = node.exclusiveMinimum === 0 && node.type === 'integer' ? '1' : String(lo ?? '−∞');
    const range = lo !== undefined || hi !== undefined ? ` ${bottom}…${top}` : '';
    return `${node.type}${range}`;
  }
  return Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'object');
}

function rows(node: JsonSchemaNode, prefix: string, out: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const objectChild = child.properties ? child : child.anyOf?.find((c) => c.properties);
    const description = (child.description ?? objectChild?.description ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
    const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
    out.push(
      `| \`${path}\` | ${objectChild && !child.anyOf ? 'object' : typeOf(child)} | ${fallback} | ${description} |`,
    );
    if (objectChild) rows(objectChild, path, out);
  }
}

/**
 * Markdown tables of the training config and the model config, every field with type, default and
 * description.
 *
 * @example
 * ```ts
 * console.log(configReference());
 * ```
 */
export function configReference(): string {
  const header = ['| field | type | default | meaning |', '|---|---|---|---|'];
  const train: string[] = [];
  rows(toJsonSchema('train-config', { io: 'input' }) as JsonSchemaNode, '', train);
  const model: string[] = [];
  rows(toJsonSchema('model-config', { io: 'input' }) as JsonSchemaNode, 'model', model);
  return [
    '### Training config (`--config` file)',
    '',
    ...header,
    ...train.filter((r) => !r.startsWith('| `model.')),
    '',
    '### Model config (`model`, inline or a path to a JSON file)',
    '',
    ...header,
    ...model,
    '',
  ].join('\n');
}
