import { mapStrings, type Modifier } from './modifier.js';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
// A dash counts as a command-line flag when it starts a word: not preceded by a word character,
// followed by one (the positions pySigma permutes).
const FLAG_DASH = /(?<!\w)[-/](?=\w)/g;

/** Every combination of -, /, en dash, em dash and horizontal bar at the flag positions of a value. */
export const windash: Modifier = {
  name: 'windash',
  apply(state) {
    mapStrings(state, 'windash', (v) => {
      let variants = [v];
      for (let index = 0; index < v.tokens.length; index++) {
        const token = v.tokens[index];
        if (typeof token !== 'string') continue;
        const positions = [...token.matchAll(FLAG_DASH)].map((m) => m.index);
        if (positions.length === 0) continue;
        variants = variants.flatMap((variant) => {
          let texts = [variant.tokens[index] as string];
          for (const at of positions) texts = texts.flatMap((t) => DASHES.map((d) => t.slice(0, at) + d + t.slice(at + 1)));
          return texts.map((t) => variant.mapTokenAt(index, t));
        });
      }
      return variants;
    });
  },
};
