import { withClassification } from '../dnr/dnr-format';
import { Case } from './case.entity';

import { SECRET_TITLE } from '../secrecy/secrecy';

export interface Viewer {
  /** May see the secret parts of this case. */
  canSeeSecret: boolean;
  /** The municipality prints the classification code after the number. */
  classificationCodeAppended: boolean;
}

/** A case as staff see it; secret titles are replaced for those without the right. */
export function toCaseView(record: Case, viewer: Viewer) {
  const secret = record.secrecyOsl !== null;
  const hidden = secret && !viewer.canSeeSecret;
  return {
    id: record.id,
    dnr: record.dnr,
    dnrDisplay: withClassification(
      record.dnr,
      record.classificationCode,
      viewer.classificationCodeAppended,
    ),
    year: record.year,
    serial: record.serial,
    seriesId: record.seriesId,
    imported: record.imported,
    title: hidden ? (record.publicTitle ?? SECRET_TITLE) : record.title,
    titleHidden: hidden,
    publicTitle: record.publicTitle,
    classificationCode: record.classificationCode,
    organId: record.organId,
    responsibleUserId: record.responsibleUserId,
    unit: record.unit,
    status: record.status,
    registeredAt: record.registeredAt.toISOString(),
    decidedAt: record.decidedAt?.toISOString() ?? null,
    closedAt: record.closedAt?.toISOString() ?? null,
    secrecy: secret
      ? {
          osl: record.secrecyOsl,
          markedBy: hidden ? null : record.secrecyMarkedBy,
          markedAt: record.secrecyMarkedAt?.toISOString() ?? null,
        }
      : null,
    version: record.version,
  };
}

/** A case as the public sees it in the public registry (offentlighetsprincipen). */
export function toPublicCaseView(record: Case, classificationCodeAppended: boolean) {
  const secret = record.secrecyOsl !== null;
  return {
    id: record.id,
    dnr: record.dnr,
    dnrDisplay: withClassification(
      record.dnr,
      record.classificationCode,
      classificationCodeAppended,
    ),
    title: secret ? (record.publicTitle ?? SECRET_TITLE) : record.title,
    classificationCode: record.classificationCode,
    organId: record.organId,
    unit: record.unit,
    status: record.status,
    registeredAt: record.registeredAt.toISOString(),
    decidedAt: record.decidedAt?.toISOString() ?? null,
    closedAt: record.closedAt?.toISOString() ?? null,
    secret,
  };
}
