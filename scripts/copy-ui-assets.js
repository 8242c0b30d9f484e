// Copies what tsc does not emit (the page, the stylesheet, JSON message files if any) into ui/dist,
// so that `npm run build` leaves a complete, servable UI there.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const source = path.resolve('ui/src');
const target = path.resolve('ui/dist');

function copy(relative) {
  mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
  copyFileSync(path.join(source, relative), path.join(target, relative));
}

copy('index.html');
copy('styles.css');
const i18n = path.join(source, 'i18n');
if (existsSync(i18n)) {
  for (const name of readdirSync(i18n)) if (name.endsWith('.json')) copy(path.join('i18n', name));
}
