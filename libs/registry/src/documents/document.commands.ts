import { Permission, Principal } from '@nf/access';
import { ForbiddenProblem } from '@nf/common';
import { Case } from '../cases/case.entity';
import { DocumentDirection, DocumentType } from './case-document.entity';

export interface RegisterDocumentCommand {
  caseId: number;
  direction: DocumentDirection;
  /** Local date received (inkommande) or drawn up (upprättad). */
  date: string;
  senderRecipient?: string | null;
  senderProtected?: boolean;
  description: string;
  type: DocumentType;
  secrecyOsl?: string | null;
}

/** Registrators register on any case; a handläggare on the cases they are responsible for. */
export function assertMayRegisterOn(actor: Principal | null, record: Case): void {
  if (!actor || actor.can(Permission.CasesRegister)) return;
  if (actor.can(Permission.DocumentsRegister) && record.responsibleUserId === actor.userId) return;
  throw new ForbiddenProblem(
    'You may register documents on the cases you are responsible for only.',
  );
}

export interface IncomingFile {
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

export interface AttachOptions {
  /**
   * At most one file of this name on the document: a job that renders a file passes it, so that
   * two runs of the job (a retry beside a stalled run) attach it once. The second gets the first's.
   */
  once?: boolean;
}
