/**
 * The text source of a diagram (docs/architecture.json): boxes placed on a
 * fixed canvas and the arrows between them. Positions are written by hand on
 * purpose: the picture then never moves between runs or machines, so the
 * committed SVG can be compared byte for byte with what the source produces.
 */

/** How a box is drawn: who is outside, what is public, the services, the bus, what is on disk. */
export const nodeKinds = ['external', 'public', 'service', 'bus', 'store'] as const;
export type NodeKind = (typeof nodeKinds)[number];

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  x: number;
  y: number;
  width: number;
  height: number;
  /** First line, bold. */
  title: string;
  /** Further lines, smaller. */
  lines?: string[];
}

export interface EdgeKind {
  colour: string;
  /** SVG stroke-dasharray, e.g. "6 4"; none for a solid line. */
  dash?: string;
  /** What the arrow means, shown in the legend. */
  legend: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  kind: string;
  /** Draws the arrow straight down or up at this x (between boxes above each other); else centre to centre. */
  x?: number;
  label?: string;
  /** Which side of a vertical arrow its label goes (default right). */
  labelSide?: 'left' | 'right';
}

export interface DiagramSource {
  title: string;
  width: number;
  height: number;
  edgeKinds: Record<string, EdgeKind>;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Where the legend starts (top left). */
  legend: { x: number; y: number };
}

function fail(where: string, message: string): never {
  throw new Error(`diagram source, ${where}: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberAt(record: Record<string, unknown>, key: string, where: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, `"${key}" must be a number`);
  return value;
}

function stringAt(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') fail(where, `"${key}" must be a non-empty string`);
  return value;
}

/** Checks the parsed JSON and names the first thing wrong: an unknown kind, a box id nothing defines, a missing number. */
export function parseDiagramSource(json: unknown): DiagramSource {
  if (!isRecord(json)) fail('top level', 'must be an object');
  const edgeKinds: Record<string, EdgeKind> = {};
  if (!isRecord(json.edgeKinds)) fail('top level', '"edgeKinds" must be an object');
  for (const [name, kind] of Object.entries(json.edgeKinds)) {
    if (!isRecord(kind)) fail(`edgeKinds.${name}`, 'must be an object');
    const dash = kind.dash === undefined ? undefined : stringAt(kind, 'dash', `edgeKinds.${name}`);
    edgeKinds[name] = { colour: stringAt(kind, 'colour', `edgeKinds.${name}`), legend: stringAt(kind, 'legend', `edgeKinds.${name}`), ...(dash ? { dash } : {}) };
  }
  if (!Array.isArray(json.nodes)) fail('top level', '"nodes" must be an array');
  const nodes = json.nodes.map((node: unknown, index): DiagramNode => {
    const where = `nodes[${index}]`;
    if (!isRecord(node)) fail(where, 'must be an object');
    const kind = stringAt(node, 'kind', where);
    if (!(nodeKinds as readonly string[]).includes(kind)) fail(where, `unknown kind "${kind}" (one of ${nodeKinds.join(', ')})`);
    const lines = node.lines === undefined ? undefined : node.lines;
    if (lines !== undefined && !(Array.isArray(lines) && lines.every((line) => typeof line === 'string'))) fail(where, '"lines" must be an array of strings');
    return {
      id: stringAt(node, 'id', where),
      kind: kind as NodeKind,
      x: numberAt(node, 'x', where),
      y: numberAt(node, 'y', where),
      width: numberAt(node, 'width', where),
      height: numberAt(node, 'height', where),
      title: stringAt(node, 'title', where),
      ...(lines ? { lines: lines as string[] } : {}),
    };
  });
  const ids = new Set(nodes.map((node) => node.id));
  if (ids.size !== nodes.length) fail('nodes', 'two boxes share an id');
  if (!Array.isArray(json.edges)) fail('top level', '"edges" must be an array');
  const edges = json.edges.map((edge: unknown, index): DiagramEdge => {
    const where = `edges[${index}]`;
    if (!isRecord(edge)) fail(where, 'must be an object');
    const from = stringAt(edge, 'from', where);
    const to = stringAt(edge, 'to', where);
    const kind = stringAt(edge, 'kind', where);
    for (const id of [from, to]) if (!ids.has(id)) fail(where, `no box has the id "${id}"`);
    if (!(kind in edgeKinds)) fail(where, `unknown edge kind "${kind}"`);
    const labelSide = edge.labelSide;
    if (labelSide !== undefined && labelSide !== 'left' && labelSide !== 'right') fail(where, '"labelSide" must be "left" or "right"');
    return {
      from,
      to,
      kind,
      ...(edge.x !== undefined ? { x: numberAt(edge, 'x', where) } : {}),
      ...(edge.label !== undefined ? { label: stringAt(edge, 'label', where) } : {}),
      ...(labelSide ? { labelSide } : {}),
    };
  });
  if (!isRecord(json.legend)) fail('top level', '"legend" must be an object');
  return {
    title: stringAt(json, 'title', 'top level'),
    width: numberAt(json, 'width', 'top level'),
    height: numberAt(json, 'height', 'top level'),
    edgeKinds,
    nodes,
    edges,
    legend: { x: numberAt(json.legend, 'x', 'legend'), y: numberAt(json.legend, 'y', 'legend') },
  };
}
