import { authorizedFetch } from '../auth/session';
import { ApiProblem } from '../api/client';

/** Fetches a file with the session's token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await authorizedFetch(new Request(path));
  if (!response.ok) throw ApiProblem.from(response, await response.json().catch(() => ({})));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens a file (a PDF) in a new tab, fetched with the session's token. */
export async function openFile(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  const response = await authorizedFetch(new Request(path));
  if (!response.ok) {
    tab?.close();
    throw ApiProblem.from(response, await response.json().catch(() => ({})));
  }
  const url = URL.createObjectURL(await response.blob());
  if (tab) tab.location.href = url;
  else window.location.href = url;
}
