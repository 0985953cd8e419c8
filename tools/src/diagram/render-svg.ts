/**
 * Turns a diagram source into SVG text. Pure and deterministic (no clock, no
 * randomness, fixed number formatting), so the same source always gives the
 * same bytes and a test can tell when the committed image is stale.
 */
import type { DiagramEdge, DiagramNode, DiagramSource, NodeKind } from './diagram-source';

const fontFamily = 'Helvetica, Arial, sans-serif';
const titleSize = 15;
const lineSize = 12;
const lineHeight = 16;
const labelSize = 11;
/** The half-height of a store's top and bottom ellipses. */
const cylinderRy = 8;

const nodeStyles: Record<NodeKind, { fill: string; stroke: string; dash?: string }> = {
  external: { fill: '#ffffff', stroke: '#6b7280', dash: '5 4' },
  public: { fill: '#fef3c7', stroke: '#b45309' },
  service: { fill: '#dbeafe', stroke: '#1d4ed8' },
  bus: { fill: '#ede9fe', stroke: '#6d28d9' },
  store: { fill: '#f3f4f6', stroke: '#374151' },
};

/** Numbers with at most one decimal, never "-0". */
function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function markerId(kind: string): string {
  return `arrow-${kind.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}

function renderNode(node: DiagramNode): string {
  const style = nodeStyles[node.kind];
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const shape =
    node.kind === 'store'
      ? [
          `<path d="M${n(node.x)},${n(node.y + cylinderRy)} v${n(node.height - 2 * cylinderRy)} a${n(node.width / 2)},${cylinderRy} 0 0 0 ${n(node.width)},0 v${n(-(node.height - 2 * cylinderRy))}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"/>`,
          `<ellipse cx="${n(node.x + node.width / 2)}" cy="${n(node.y + cylinderRy)}" rx="${n(node.width / 2)}" ry="${cylinderRy}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"/>`,
        ].join('\n    ')
      : `<rect x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="8" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"${dash}/>`;
  const lines = node.lines ?? [];
  const textHeight = titleSize + lines.length * lineHeight;
  // A store's text sits below its top ellipse.
  const textAreaTop = node.y + (node.kind === 'store' ? 2 * cylinderRy : 0);
  const top = textAreaTop + (node.y + node.height - textAreaTop - textHeight) / 2 + titleSize - 3;
  const centre = node.x + node.width / 2;
  const texts = [
    `<text x="${n(centre)}" y="${n(top)}" font-size="${titleSize}" font-weight="bold" fill="#111827">${escapeXml(node.title)}</text>`,
    ...lines.map((line, index) => `<text x="${n(centre)}" y="${n(top + (index + 1) * lineHeight)}" font-size="${lineSize}" fill="#374151">${escapeXml(line)}</text>`),
  ];
  return [`  <g id="node-${escapeXml(node.id)}" text-anchor="middle">`, `    ${shape}`, ...texts.map((text) => `    ${text}`), '  </g>'].join('\n');
}

/** Where the segment from a box's centre towards a point leaves the box. */
function exitPoint(node: DiagramNode, towardsX: number, towardsY: number): { x: number; y: number } {
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  const dx = towardsX - cx;
  const dy = towardsY - cy;
  const scale = Math.min(dx === 0 ? Infinity : node.width / 2 / Math.abs(dx), dy === 0 ? Infinity : node.height / 2 / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

function edgeEnds(edge: DiagramEdge, from: DiagramNode, to: DiagramNode): { x1: number; y1: number; x2: number; y2: number } {
  if (edge.x !== undefined) {
    const downwards = to.y > from.y;
    return { x1: edge.x, y1: downwards ? from.y + from.height : from.y, x2: edge.x, y2: downwards ? to.y : to.y + to.height };
  }
  const start = exitPoint(from, to.x + to.width / 2, to.y + to.height / 2);
  const end = exitPoint(to, from.x + from.width / 2, from.y + from.height / 2);
  return { x1: start.x, y1: start.y, x2: end.x, y2: end.y };
}

function renderEdge(edge: DiagramEdge, source: DiagramSource, byId: Map<string, DiagramNode>): string {
  const kind = source.edgeKinds[edge.kind]!;
  const { x1, y1, x2, y2 } = edgeEnds(edge, byId.get(edge.from)!, byId.get(edge.to)!);
  const dash = kind.dash ? ` stroke-dasharray="${kind.dash}"` : '';
  const parts = [
    `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${kind.colour}" stroke-width="2"${dash} marker-end="url(#${markerId(edge.kind)})"/>`,
  ];
  if (edge.label) {
    const vertical = edge.x !== undefined;
    const left = edge.labelSide === 'left';
    const x = vertical ? x1 + (left ? -6 : 6) : (x1 + x2) / 2;
    const y = (y1 + y2) / 2 + 4;
    const anchor = vertical ? (left ? 'end' : 'start') : 'middle';
    parts.push(
      `<text x="${n(x)}" y="${n(y)}" font-size="${labelSize}" text-anchor="${anchor}" fill="${kind.colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(edge.label)}</text>`,
    );
  }
  return [`  <g class="edge-${escapeXml(edge.kind)}">`, ...parts.map((part) => `    ${part}`), '  </g>'].join('\n');
}

function renderLegend(source: DiagramSource): string {
  const rows = Object.entries(source.edgeKinds).map(([name, kind], index) => {
    const y = source.legend.y + index * 22;
    const dash = kind.dash ? ` stroke-dasharray="${kind.dash}"` : '';
    return [
      `    <line x1="${n(source.legend.x)}" y1="${n(y)}" x2="${n(source.legend.x + 40)}" y2="${n(y)}" stroke="${kind.colour}" stroke-width="2"${dash} marker-end="url(#${markerId(name)})"/>`,
      `    <text x="${n(source.legend.x + 52)}" y="${n(y + 4)}" font-size="${lineSize}" fill="#111827"><tspan font-weight="bold">${escapeXml(name)}</tspan>: ${escapeXml(kind.legend)}</text>`,
    ].join('\n');
  });
  return ['  <g id="legend">', ...rows, '  </g>'].join('\n');
}

/** The whole SVG document, ending with a newline. */
export function renderSvg(source: DiagramSource): string {
  const byId = new Map(source.nodes.map((node) => [node.id, node]));
  const markers = Object.entries(source.edgeKinds).map(
    ([name, kind]) =>
      `    <marker id="${markerId(name)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${kind.colour}"/></marker>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(source.width)}" height="${n(source.height)}" viewBox="0 0 ${n(source.width)} ${n(source.height)}" font-family="${fontFamily}" role="img" aria-label="${escapeXml(source.title)}">`,
    `  <title>${escapeXml(source.title)}</title>`,
    '  <!-- Generated from docs/architecture.json by tools/src/diagram (npm run build, then node tools/dist/diagram/cli.js). Do not edit by hand. -->',
    '  <defs>',
    ...markers,
    '  </defs>',
    `  <rect width="${n(source.width)}" height="${n(source.height)}" fill="#ffffff"/>`,
    // Arrows first, so boxes sit on top of their ends.
    ...source.edges.map((edge) => renderEdge(edge, source, byId)),
    ...source.nodes.map(renderNode),
    renderLegend(source),
    '</svg>',
    '',
  ].join('\n');
}
