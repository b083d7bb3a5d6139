// Draws a BPMN file with bpmn-js in headless Chromium and saves a PNG, to look at a layout with one's own eyes.
//   node render-bpmn.mjs <file.bpmn> <out.png> [width] [height] [x,y,w,h of the diagram to show; default all]
// Needs the dev dependencies (npm ci) and Chromium (CHROMIUM, default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [, , input, output, width = '2400', height = '1400', area] = process.argv;
if (!input || !output) {
  console.error('usage: node render-bpmn.mjs <file.bpmn> <out.png> [width] [height]');
  process.exit(2);
}
const dist = join(here, 'node_modules', 'bpmn-js', 'dist');
const work = mkdtempSync(join(tmpdir(), 'bpmn-render-'));
const xml = readFileSync(resolve(input), 'utf8');
writeFileSync(join(work, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${dist}/assets/bpmn-js.css">
<style>html, body, #canvas { margin: 0; width: 100%; height: 100%; background: #fff; }</style>
<script src="file://${dist}/bpmn-viewer.development.js"></script>
</head><body><div id="canvas"></div>
<script>
  const viewer = new BpmnJS({ container: '#canvas' });
  viewer.importXML(${JSON.stringify(xml)})
    .then(({ warnings }) => {
      const area = ${JSON.stringify(area ? area.split(',').map(Number) : null)};
      if (area) viewer.get('canvas').viewbox({ x: area[0], y: area[1], width: area[2], height: area[3] });
      else viewer.get('canvas').zoom('fit-viewport');
      if (warnings.length) document.title = 'warnings: ' + warnings.map(w => w.message).join('; ');
    })
    .catch(e => { document.body.textContent = 'import failed: ' + e.message; });
</script></body></html>`);
execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--hide-scrollbars', '--allow-file-access-from-files',
  `--user-data-dir=${join(work, 'profile')}`, '--virtual-time-budget=5000',
  `--window-size=${width},${height}`, `--screenshot=${resolve(output)}`, `file://${join(work, 'index.html')}`
], { stdio: 'inherit' });
console.log(`drew ${input} into ${output}`);
