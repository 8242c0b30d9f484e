import type { DownloadedFile } from './api-client.js';

/** Long enough for any browser to have taken the file over; the URL only pins the blob in memory. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Hands a fetched file to the browser's download. This is the one place that sets a `blob:` URL,
 * past h()'s URL check on purpose: h() refuses such URLs because in an attribute they could come
 * from data, whereas this one is created right here by URL.createObjectURL from a response of our
 * own API, and the link never enters the page.
 */
export function saveFile(file: DownloadedFile): void {
  // As bytes, not as the HTML or JSON it is: should a browser ever open the URL instead of saving
  // it, an exported document must not render inside Lagebild's origin.
  const url = URL.createObjectURL(new Blob([file.blob], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
