// Checks every .bpmn and .dmn file of a folder the way a process owner's tools would read it:
//  1. bpmn-io's linters: bpmnlint (recommended + camunda-compat's camunda-platform-7-24) and dmnlint (recommended);
//     an import warning, an error and a warning all count as problems;
//  2. the files are exactly what Camunda Modeler 5 saves: bpmn-js / dmn-js (the modeling libraries of Camunda
//     Modeler, pinned in package.json) import each file in headless Chromium and save it again with
//     { format: true }; the saved text must equal the file. The exporter attribute names what wrote it.
//
// node check-models.mjs <folder> [--chromium /usr/bin/chromium | --no-modeler] [--write]
//   --write      rewrites the files with what the modeler saved (run it after editing a model by hand)
//   --no-modeler only the linters
// Exit code 0 when nothing was found, 1 when something was, 2 when the check itself could not run.

import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const args = process.argv.slice(2);
const folder = args.find(a => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--chromium');
const write = args.includes('--write');
const chromium = args.includes('--no-modeler') ? null : args.includes('--chromium') ? args[args.indexOf('--chromium') + 1] : '/usr/bin/chromium';
if (!folder) {
  console.error('usage: node check-models.mjs <folder> [--chromium PATH | --no-modeler] [--write]');
  process.exit(2);
}

const files = fs.readdirSync(folder).filter(f => /\.(bpmn|dmn)$/.test(f)).sort().map(f => path.join(folder, f));
const problems = [];

// bpmn-moddle answers a promise, dmnlint's older dmn-moddle takes a callback
function parse(moddle, xml, callback) {
  if (!callback) {
    return moddle.fromXML(xml);
  }
  return new Promise((resolve, reject) => moddle.fromXML(xml,
    (error, rootElement, context) => error ? reject(error) : resolve({ rootElement, warnings: context.warnings || [] })));
}

async function lintAll() {
  const { BpmnModdle } = createRequire(require.resolve('bpmnlint/package.json'))('bpmn-moddle');
  const BpmnLinter = require('bpmnlint/lib/linter');
  const BpmnResolver = require('bpmnlint/lib/resolver/node-resolver');
  const fromDmnlint = createRequire(require.resolve('dmnlint/package.json'));
  const DmnModdle = fromDmnlint('dmn-moddle');
  const DmnLinter = require('dmnlint/lib/linter');
  const DmnResolver = require('dmnlint/lib/resolver/node-resolver');
  const bpmnConfig = JSON.parse(fs.readFileSync(path.join(here, '.bpmnlintrc'), 'utf8'));
  const dmnConfig = JSON.parse(fs.readFileSync(path.join(here, '.dmnlintrc'), 'utf8'));

  for (const file of files) {
    const bpmn = file.endsWith('.bpmn');
    const moddle = bpmn ? new BpmnModdle() : new DmnModdle();
    const linter = bpmn ? new BpmnLinter({ config: bpmnConfig, resolver: new BpmnResolver() })
      : new DmnLinter({ config: dmnConfig, resolver: new DmnResolver() });
    let parsed;
    try {
      parsed = await parse(moddle, fs.readFileSync(file, 'utf8'), !bpmn);
    } catch (e) {
      problems.push(`${path.basename(file)}: cannot be read: ${e.message}`);
      continue;
    }
    for (const warning of parsed.warnings) {
      problems.push(`${path.basename(file)}: import warning: ${warning.message.split('\n')[0]}`);
    }
    const reports = await linter.lint(parsed.rootElement);
    for (const [rule, found] of Object.entries(reports)) {
      for (const report of found) {
        problems.push(`${path.basename(file)}: ${report.id || ''} ${report.category === 'warn' ? 'warning' : report.category} ${report.message} (${rule})`);
      }
    }
  }
}

// One page in headless Chromium saves every model with the modeler and prints the results as JSON.
function saveWithModeler() {
  const bpmnJs = require('bpmn-js/package.json').version;
  const dmnJs = require('dmn-js/package.json').version;
  const models = files.map(f => ({ name: path.basename(f), xml: fs.readFileSync(f, 'utf8') }));
  const page = path.join(here, 'roundtrip.html');
  const script = `
    const camundaBpmn = ${fs.readFileSync(require.resolve('camunda-bpmn-moddle/resources/camunda.json'), 'utf8')};
    const camundaDmn = ${fs.readFileSync(require.resolve('camunda-dmn-moddle/resources/camunda.json'), 'utf8')};
    const models = ${JSON.stringify(models).replace(/</g, '\\u003c')};
    async function save(model) {
      const container = document.createElement('div');
      container.style.width = '1600px';
      container.style.height = '900px';
      document.body.appendChild(container);
      const bpmn = model.name.endsWith('.bpmn');
      const modeler = bpmn ? new BpmnJS({ container, moddleExtensions: { camunda: camundaBpmn } })
        : new DmnJS({ container, common: { moddleExtensions: { camunda: camundaDmn } } });
      try {
        const imported = await modeler.importXML(model.xml);
        const definitions = modeler.getDefinitions();
        definitions.exporter = bpmn ? 'bpmn-js (https://bpmn.io)' : 'dmn-js (https://bpmn.io)';
        definitions.exporterVersion = bpmn ? '${bpmnJs}' : '${dmnJs}';
        const saved = await modeler.saveXML({ format: true });
        return { name: model.name, xml: saved.xml, warnings: (imported.warnings || []).map(w => String(w.message).split('\\n')[0]) };
      } catch (e) {
        return { name: model.name, error: String(e) };
      } finally {
        modeler.destroy();
        container.remove();
      }
    }
    (async () => {
      const results = [];
      for (const model of models) {
        results.push(await save(model));
      }
      document.getElementById('out').textContent = JSON.stringify(results);
    })();`;
  fs.writeFileSync(page, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out"></pre>
<script src="node_modules/bpmn-js/dist/bpmn-modeler.production.min.js"></script>
<script src="node_modules/dmn-js/dist/dmn-modeler.production.min.js"></script>
<script>${script}</script></body></html>`);
  const dom = execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--no-first-run', '--disable-background-networking', '--allow-file-access-from-files',
    '--virtual-time-budget=30000', '--dump-dom', 'file://' + page], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  fs.rmSync(page);
  const found = /<pre id="out">([^<]*)<\/pre>/.exec(dom);
  if (!found || !found[1]) {
    throw new Error('headless Chromium did not save the models (nothing came back from ' + page + ')');
  }
  const text = found[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return { results: JSON.parse(text), versions: `bpmn-js ${bpmnJs}, dmn-js ${dmnJs}` };
}

// the first line that differs, cut to the part around the first character that differs
function firstDifference(a, b) {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      const l = left[i] ?? '(end of file)';
      const r = right[i] ?? '(end of file)';
      let at = 0;
      while (at < l.length && l[at] === r[at]) {
        at++;
      }
      const cut = text => (at > 40 ? '...' : '') + text.slice(Math.max(0, at - 40), at + 80).trim();
      return `line ${i + 1}: the file has "${cut(l)}", the modeler saves "${cut(r)}"`;
    }
  }
  return '';
}

try {
  await lintAll();
  let modelerNote = 'modeler round trip not run (--no-modeler)';
  if (chromium) {
    const { results, versions } = saveWithModeler();
    for (const result of results) {
      const file = path.join(folder, result.name);
      if (result.error) {
        problems.push(`${result.name}: the modeler cannot open it: ${result.error}`);
        continue;
      }
      result.warnings.forEach(w => problems.push(`${result.name}: modeler import warning: ${w}`));
      const saved = result.xml.replace(/\s*$/, '\n');
      const current = fs.readFileSync(file, 'utf8');
      if (saved !== current) {
        if (write) {
          fs.writeFileSync(file, saved);
          console.log(`${result.name}: rewritten as the modeler saves it`);
        } else {
          problems.push(`${result.name}: not what Camunda Modeler saves (${versions}); ${firstDifference(current, saved)}`);
        }
      }
    }
    modelerNote = `saved again with ${versions}`;
  }
  for (const problem of problems) {
    console.log(problem);
  }
  console.log(`${files.length} models checked: ${problems.length} problems; bpmnlint ${require('bpmnlint/package.json').version}`
    + ` (recommended, camunda-platform-7-24), dmnlint ${require('dmnlint/package.json').version} (recommended); ${modelerNote}`);
  process.exit(problems.length ? 1 : 0);
} catch (e) {
  console.error('The model check could not run: ' + (e.stack || e));
  process.exit(2);
}
