import { ApiProblem } from './client';

const FIELD_NAMES: Record<string, string> = {
  title: 'Rubrik',
  publicTitle: 'Offentlig rubrik',
  classificationCode: 'Klassificering',
  description: 'Beskrivning',
  date: 'Datum',
  phrase: 'Uppföljning',
  startsAt: 'Tid',
  place: 'Plats',
  sender: 'Avsändare',
  text: 'Text',
  summary: 'Sammanfattning',
  delegate: 'Delegat',
  receivedOn: 'Inkom',
  authorTitle: 'Titel',
  documentDate: 'Datum',
  proposalClauses: 'Förslag till beslut',
  followUpClause: 'Uppföljning',
  genderAnalysis: 'Jämställdhetsanalys',
  dnr: 'Diarienummer',
  osl: 'Sekretessbestämmelse',
  closedOsl: 'Sekretessbestämmelse',
  secrecyOsl: 'Sekretessbestämmelse',
  itemIds: 'Dagordningens punkter',
};

/** class-validator's English messages, in Swedish; anything else becomes a plain "ogiltigt". */
function fieldMessage(message: string): string {
  const longer = /longer than or equal to (\d+)/.exec(message);
  if (longer) return `måste ha minst ${longer[1]} tecken`;
  const shorter = /shorter than or equal to (\d+)/.exec(message);
  if (shorter) return `får ha högst ${shorter[1]} tecken`;
  if (/should not be empty|required/.test(message)) return 'måste fyllas i';
  if (/date|YYYY/.test(message)) return 'måste vara ett datum (ÅÅÅÅ-MM-DD)';
  if (/unknown field|should not exist/.test(message)) return 'tas inte emot';
  return 'har ett ogiltigt värde';
}

/** What the api refused, said in Swedish for the person who asked. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiProblem)) {
    return 'Något gick fel. Kontrollera anslutningen och försök igen.';
  }
  switch (error.code) {
    case 'unauthorized':
      return 'Fel kommun, användarnamn eller lösenord.';
    case 'account-locked': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return `Kontot är låst efter för många misslyckade inloggningar. Försök igen om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'}.`;
    }
    case 'forbidden':
      return 'Du har inte behörighet att göra det här.';
    case 'not-found':
      return 'Det du söker finns inte, eller så får du inte se det.';
    case 'payload-too-large':
      return `Filen är för stor. ${error.detail?.match(/\d+/) ? `Största tillåtna storlek är ${formatBytes(Number(error.detail.match(/\d+/)![0]))}.` : ''}`.trim();
    case 'unsupported-media-type':
      return 'Den filtypen tas inte emot. Välj en PDF, en Word-fil (DOCX), en bild eller en textfil.';
    case 'content-mismatch':
      return 'Filens innehåll stämmer inte med dess filtyp.';
    case 'empty-file':
      return 'Filen är tom.';
    case 'infected-file':
      return 'Filen stoppades av virskontrollen.';
    case 'too-many-requests':
      return 'För många försök just nu. Vänta en stund och försök igen.';
    case 'validation-failed':
      return error.errors.length
        ? `Kontrollera uppgifterna: ${error.errors
            .map(
              (e) => `${FIELD_NAMES[e.field.split('.')[0]!] ?? e.field} ${fieldMessage(e.message)}`,
            )
            .join('; ')}.`
        : 'Kontrollera uppgifterna och försök igen.';
    default:
      if (error.status === 409) {
        return 'Någon annan har ändrat detta sedan du läste det. Sidan har laddats om.';
      }
      return error.detail
        ? `Det gick inte: ${error.detail}`
        : 'Något gick fel i tjänsten. Försök igen om en stund.';
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} byte`;
}

export const isConflict = (error: unknown): boolean =>
  error instanceof ApiProblem && error.status === 409;
