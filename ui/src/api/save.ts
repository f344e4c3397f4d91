/**
 * Saving an export as a file in a browser: a Blob and a link with `download`. The desktop window
 * has no downloads; its backend opens the native save dialog instead (`save_text`).
 */
export function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
