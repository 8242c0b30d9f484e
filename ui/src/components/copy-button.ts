import { h } from '../h.js';
import { t } from '../i18n.js';

/** Copies the text of `source` (an input) to the clipboard and says so; falls back to selecting it for Ctrl+C. */
export function copyButton(id: string, source: HTMLInputElement): HTMLButtonElement {
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'button button-secondary',
      id,
      on: {
        click: () => {
          source.select();
          navigator.clipboard
            .writeText(source.value)
            .then(() => {
              button.textContent = t('copy.done');
            })
            .catch(() => {
              // No clipboard permission (plain http, policy): the text stays selected for Ctrl+C.
              button.textContent = t('copy.selected');
            });
        },
      },
    },
    t('copy.copy'),
  );
  return button;
}
