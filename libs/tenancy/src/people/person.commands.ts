export interface PersonFields {
  name: string;
  title?: string | null;
  party?: string | null;
  email?: string | null;
}
