/**
 * Regenerates docs/architecture.svg from docs/architecture.json:
 *   npm run build && node tools/dist/diagram/cli.js           (writes the image)
 *   node tools/dist/diagram/cli.js --check                     (exit 1 when the image is stale)
 * tools/test/guide-diagram.test.ts runs the same comparison in `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDiagramSource } from './diagram-source';
import { renderSvg } from './render-svg';

export const diagramSourcePath = path.resolve(__dirname, '..', '..', '..', 'docs', 'architecture.json');
export const diagramImagePath = path.resolve(__dirname, '..', '..', '..', 'docs', 'architecture.svg');

/** The SVG the committed source describes. */
export function renderArchitecture(sourcePath = diagramSourcePath): string {
  return renderSvg(parseDiagramSource(JSON.parse(fs.readFileSync(sourcePath, 'utf8'))));
}

if (require.main === module) {
  const svg = renderArchitecture();
  const relative = path.relative(process.cwd(), diagramImagePath);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(diagramImagePath) ? fs.readFileSync(diagramImagePath, 'utf8') : '';
    if (current !== svg) {
      process.stderr.write(`${relative} is not what docs/architecture.json describes: run node tools/dist/diagram/cli.js\n`);
      process.exit(1);
    }
    process.stdout.write(`${relative} is up to date\n`);
  } else {
    fs.writeFileSync(diagramImagePath, svg);
    process.stdout.write(`wrote ${relative}\n`);
  }
}
