import { StreamableFile } from '@nestjs/common';
import { NotFoundProblem } from '@nf/common';
import { FileStorage } from '@nf/registry';
import { Kallelse, KallelseFile } from '../meeting.entities';

export function toKallelseView(
  kallelse: Kallelse,
  files: KallelseFile[],
  audience: 'members' | 'public',
) {
  return {
    ...kallelse.content,
    versionNo: kallelse.versionNo,
    publishedAt: kallelse.publishedAt.toISOString(),
    items: kallelse.content.items.filter(
      (item) => audience === 'members' || item.closedOsl === null,
    ),
    files: files
      .filter((file) => file.public === (audience === 'public'))
      .map((file) => ({
        id: file.id,
        filename: file.filename,
        contentType: file.contentType,
        sizeBytes: Number(file.sizeBytes),
      })),
  };
}

export async function streamFile(
  storage: FileStorage,
  files: KallelseFile[],
  fileId: number,
  publicOnly: boolean,
): Promise<StreamableFile> {
  const file = files.find(
    (candidate) => candidate.id === fileId && (!publicOnly || candidate.public),
  );
  if (!file) throw new NotFoundProblem('file', fileId);
  return storage.download(file);
}
