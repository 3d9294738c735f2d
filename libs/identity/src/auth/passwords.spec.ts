import { isDefaultPassword, PasswordHasher, passwordPolicyViolation } from './passwords';

describe(PasswordHasher.name, () => {
  const sut = new PasswordHasher(1024);

  it('verifies the password it hashed and refuses another', async () => {
    const hash = await sut.hash('Långt lösenord 2024!');
    expect(hash).toMatch(/^scrypt\$1024\$8\$3\$/);
    await expect(sut.verify('Långt lösenord 2024!', hash)).resolves.toBe(true);
    await expect(sut.verify('Långt lösenord 2024?', hash)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await sut.hash('same password here')).not.toBe(await sut.hash('same password here'));
  });

  it('verifies hashes made at another cost (the cost is stored with the hash)', async () => {
    const old = await new PasswordHasher(2048).hash('an older hash 123');
    await expect(sut.verify('an older hash 123', old)).resolves.toBe(true);
  });

  it('refuses when there is no hash, without throwing', async () => {
    await expect(sut.verify('anything', null)).resolves.toBe(false);
  });
});

describe(passwordPolicyViolation.name, () => {
  it.each([
    ['demo', 'at least 12'],
    ['short', 'at least 12'],
    ['kalle.anka-2024-xyz', 'user name'],
  ])('refuses %s', (password, message) => {
    expect(passwordPolicyViolation(password, 'kalle.anka')).toContain(message);
  });

  it('accepts a long password that is not a default', () => {
    expect(passwordPolicyViolation('korrekt häst batteri häftklammer', 'kalle')).toBeUndefined();
  });

  it('knows the demo password as a default', () => {
    expect(isDefaultPassword('demo')).toBe(true);
    expect(isDefaultPassword(' Password ')).toBe(true);
    expect(isDefaultPassword('korrekt häst batteri')).toBe(false);
  });
});
