import { acceptedType, contentMatches } from './content-types';

describe('content types', () => {
  it('accepts the registry’s types, without parameters', () => {
    expect(acceptedType('application/pdf')).toBe('application/pdf');
    expect(acceptedType('text/plain; charset=utf-8')).toBe('text/plain');
    expect(acceptedType('application/x-msdownload')).toBeUndefined();
    expect(acceptedType(undefined)).toBeUndefined();
  });

  it('checks the bytes against the declared type', () => {
    expect(contentMatches('application/pdf', Buffer.from('%PDF-1.7\n…'))).toBe(true);
    expect(contentMatches('application/pdf', Buffer.from('MZ\x90\x00 this is an exe'))).toBe(false);
    expect(contentMatches('text/plain', Buffer.from('Tjänsteskrivelse'))).toBe(true);
    expect(contentMatches('text/plain', Buffer.from([0x41, 0x00, 0x42]))).toBe(false);
  });
});
