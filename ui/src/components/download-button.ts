import type { DownloadedFile } from '../api-client.js';
import { h } from '../h.js';
import { saveFile } from '../save-file.js';

/** A button that fetches a file from the API and saves it; disabled while it loads, so one click makes one file. */
export function downloadButton(id: string, label: string, fetchFile: () => Promise<DownloadedFile>, onError: (error: unknown) => void): HTMLButtonElement {
  const download = () => {
    button.disabled = true;
    void fetchFile()
      .then(saveFile, onError)
      .finally(() => {
        button.disabled = false;
      });
  };
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'button button-secondary', id, on: { click: download } }, label);
  return button;
}
