import { xmlText } from './erms';

/**
 * The package's METS.xml by E-ARK CSIP 2 / FGS Paketstruktur 2.0, as the root METS of a SIP: the
 * header (who made it, with which software), the ERMS file as the descriptive metadata, a file
 * group per part of the package with every file's size, MIME type and SHA-256, and the physical
 * structure map CSIP asks for. The file entries are written one by one as the files go into the
 * package (`metsFile`), so METS grows on disk, not in memory.
 */

export const CSIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';

export interface MetsHead {
  packageId: string;
  label: string;
  municipalityName: string;
  createdAt: Date;
  software: string;
  softwareVersion: string;
  /** The ERMS file: path in the package, size and SHA-256. */
  erms: { path: string; sizeBytes: number; sha256: string };
}

export interface MetsFile {
  id: string;
  path: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

/** The groups of files, by their USE, with the ids the structure map points at. */
export const FILE_GROUPS = {
  schemas: { id: 'fgr-schemas', use: 'Schemas', label: 'Schemas' },
  representation: {
    id: 'fgr-rep1',
    use: 'Representations/rep1',
    label: 'Representations/rep1',
  },
} as const;

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${xmlText(String(value))}"`)
    .join('');
}

/** One `<file>` of a file group. */
export function metsFile(file: MetsFile): string {
  return `<mets:file${attributes({
    ID: file.id,
    MIMETYPE: file.contentType,
    SIZE: file.sizeBytes,
    CREATED: file.createdAt.toISOString(),
    CHECKSUM: file.sha256,
    CHECKSUMTYPE: 'SHA-256',
  })}><mets:FLocat LOCTYPE="URL" xlink:type="simple"${attributes({ 'xlink:href': file.path })}/></mets:file>\n`;
}

/** Everything before the representation's file entries (which follow, then `metsTail`). */
export function metsHead(head: MetsHead, schemaFiles: MetsFile[]): string {
  const created = head.createdAt.toISOString();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink"',
    ' xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"',
    ' xmlns:sip="https://DILCIS.eu/XML/METS/SIPExtensionMETS"',
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    attributes({
      OBJID: head.packageId,
      LABEL: head.label,
      TYPE: 'Other',
      'csip:OTHERTYPE': 'Ärendehandlingar',
      'csip:CONTENTINFORMATIONTYPE': 'citsERMS',
      PROFILE: CSIP_PROFILE,
    }),
    '>\n',
    `<mets:metsHdr${attributes({ CREATEDATE: created, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' })}>\n`,
    `<mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><mets:name>${xmlText(head.software)}</mets:name>`,
    `<mets:note csip:NOTETYPE="SOFTWARE VERSION">${xmlText(head.softwareVersion)}</mets:note></mets:agent>\n`,
    `<mets:agent ROLE="ARCHIVIST" TYPE="ORGANIZATION"><mets:name>${xmlText(head.municipalityName)}</mets:name></mets:agent>\n`,
    '</mets:metsHdr>\n',
    `<mets:dmdSec ID="dmd-erms"${attributes({ CREATED: created, STATUS: 'CURRENT' })}>`,
    `<mets:mdRef LOCTYPE="URL" xlink:type="simple" MDTYPE="OTHER" OTHERMDTYPE="ERMS" MIMETYPE="text/xml"${attributes(
      {
        'xlink:href': head.erms.path,
        SIZE: head.erms.sizeBytes,
        CREATED: created,
        CHECKSUM: head.erms.sha256,
        CHECKSUMTYPE: 'SHA-256',
      },
    )}/></mets:dmdSec>\n`,
    '<mets:fileSec ID="filesec">\n',
    `<mets:fileGrp${attributes({ ID: FILE_GROUPS.schemas.id, USE: FILE_GROUPS.schemas.use })}>\n`,
    ...schemaFiles.map(metsFile),
    '</mets:fileGrp>\n',
    `<mets:fileGrp${attributes({ ID: FILE_GROUPS.representation.id, USE: FILE_GROUPS.representation.use })}>\n`,
  ].join('');
}

export function metsTail(packageId: string): string {
  return [
    '</mets:fileGrp>\n</mets:fileSec>\n',
    `<mets:structMap ID="structmap-csip" TYPE="PHYSICAL" LABEL="CSIP">`,
    `<mets:div ID="div-root"${attributes({ LABEL: packageId })}>`,
    '<mets:div ID="div-metadata" LABEL="Metadata" DMDID="dmd-erms"/>',
    `<mets:div ID="div-schemas" LABEL="Schemas"><mets:fptr FILEID="${FILE_GROUPS.schemas.id}"/></mets:div>`,
    `<mets:div ID="div-rep1" LABEL="Representations/rep1"><mets:fptr FILEID="${FILE_GROUPS.representation.id}"/></mets:div>`,
    '</mets:div></mets:structMap>\n',
    '</mets:mets>\n',
  ].join('');
}
