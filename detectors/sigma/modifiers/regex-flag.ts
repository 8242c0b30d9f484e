import { ModifierError, type Modifier } from './modifier.js';

/** The `re` sub-modifiers: i (ignore case), m (multi-line anchors), s (dot matches newline). */
export function regexFlag(flag: 'i' | 'm' | 's'): Modifier {
  return {
    name: flag,
    apply(state) {
      if (state.matcher !== 're') throw new ModifierError(`"${flag}" is a sub-modifier of "re" and must follow it`);
      if (!state.regexFlags.includes(flag)) state.regexFlags += flag;
    },
  };
}
