/**
 * The architecture diagram shown in the README and docs/guide: its image is
 * generated from docs/architecture.json (tools/src/diagram), and must show
 * what the guide teaches.
 */
import fs from 'node:fs';
import { diagramImagePath, diagramSourcePath, renderArchitecture } from '../src/diagram/cli';
import { parseDiagramSource, type DiagramSource } from '../src/diagram/diagram-source';
import { serviceNames } from '../src/stack';

const source = (): DiagramSource => parseDiagramSource(JSON.parse(fs.readFileSync(diagramSourcePath, 'utf8')));

describe('the architecture diagram', () => {
  it('docs/architecture.svg, when compared with what docs/architecture.json produces, is byte for byte the same', () => {
    // Arrange
    const committed = fs.readFileSync(diagramImagePath, 'utf8');

    // Act
    const generated = renderArchitecture();

    // Assert
    if (committed !== generated) {
      throw new Error('docs/architecture.svg is stale: run `npx tsc -b tools && node tools/dist/diagram/cli.js` and commit the image with its source');
    }
    expect(committed).toBe(generated);
  });

  it('the diagram source, when read, shows every service, the bus, the log, subscriptions and both forms of the one public origin', () => {
    // Act
    const { nodes } = source();
    const text = nodes.map((node) => [node.title, ...(node.lines ?? [])].join(' ')).join('\n');

    // Assert
    for (const name of serviceNames.filter((name) => name !== 'client')) expect(nodes.map((node) => node.id)).toContain(name === 'event-bus' ? 'bus' : name);
    expect(nodes.filter((node) => node.kind === 'store').map((node) => node.id).sort()).toEqual(['log', 'subscriptions']);
    expect(text).toContain('SQLite');
    expect(text).toContain('client :3000');
    expect(text).toContain('Ingress posts.com');
  });

  it('the diagram source, when read, pushes only to the services that subscribe, tails to every projection, and routes nothing to the bus or moderation', () => {
    // Act
    const { edges } = source();
    const targets = (kind: string) => edges.filter((edge) => edge.kind === kind && edge.from === 'bus').map((edge) => edge.to).sort();

    // Assert
    expect(targets('push')).toEqual(['comments', 'moderation']);
    expect(targets('tail')).toEqual(['comments', 'posts', 'query']);
    const routed = edges.filter((edge) => edge.kind === 'route').map((edge) => edge.to);
    expect(routed).not.toContain('bus');
    expect(routed).not.toContain('moderation');
  });

  it('parseDiagramSource, when an arrow names a box nobody defined, says which arrow and which id', () => {
    // Arrange
    const broken = { ...JSON.parse(fs.readFileSync(diagramSourcePath, 'utf8')), edges: [{ from: 'posts', to: 'nowhere', kind: 'publish' }] };

    // Act
    const parse = () => parseDiagramSource(broken);

    // Assert
    expect(parse).toThrow('diagram source, edges[0]: no box has the id "nowhere"');
  });
});
