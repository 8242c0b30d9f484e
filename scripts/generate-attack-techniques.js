#!/usr/bin/env node
// Builds detectors/incidents/attack-techniques.json, the technique -> tactics table that tacticsOf() reads,
// from the enterprise-attack/attack-pattern folder of a mitre/cti checkout.
// Usage: node scripts/generate-attack-techniques.js <cti>/enterprise-attack/attack-pattern <attack-version>
// Sub-techniques are written only where their tactics differ from their parent's: tacticsOf() falls back
// to the parent, so the table stays small without losing a mapping.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, version] = process.argv.slice(2);
if (!folder || !version) {
  console.error('usage: generate-attack-techniques.js <attack-pattern folder> <attack version>');
  process.exit(2);
}

const tacticsById = new Map();
for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
  const bundle = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  for (const object of bundle.objects ?? []) {
    if (object.type !== 'attack-pattern' || object.revoked || object.x_mitre_deprecated) continue;
    const id = object.external_references?.find((ref) => ref.source_name === 'mitre-attack')?.external_id;
    if (!id) continue;
    const tactics = (object.kill_chain_phases ?? []).filter((phase) => phase.kill_chain_name === 'mitre-attack').map((phase) => phase.phase_name);
    if (tactics.length > 0) tacticsById.set(id, [...new Set(tactics)].sort());
  }
}

const techniques = {};
for (const id of [...tacticsById.keys()].sort()) {
  const tactics = tacticsById.get(id);
  const parent = id.includes('.') ? tacticsById.get(id.split('.')[0]) : undefined;
  if (parent && parent.join() === tactics.join()) continue;
  techniques[id] = tactics;
}

const out = new URL('../detectors/incidents/attack-techniques.json', import.meta.url);
// One technique a line keeps the file short and its diffs readable when a new ATT&CK version lands.
const lines = Object.entries(techniques).map(([id, tactics]) => `    ${JSON.stringify(id)}: ${JSON.stringify(tactics)}`);
writeFileSync(out, `{\n  "attackVersion": ${JSON.stringify(version)},\n  "domain": "enterprise-attack",\n  "techniques": {\n${lines.join(',\n')}\n  }\n}\n`);
console.log(`${Object.keys(techniques).length} techniques written (${tacticsById.size} read)`);
