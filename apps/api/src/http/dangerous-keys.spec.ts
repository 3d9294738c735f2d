import { findDangerousKey } from './dangerous-keys';

describe(findDangerousKey.name, () => {
  it('finds __proto__ as parsed from JSON, at any depth', () => {
    expect(findDangerousKey(JSON.parse('{"a": 1, "__proto__": {"x": 1}}'))).toBe('__proto__');
    expect(findDangerousKey(JSON.parse('{"a": {"b": [{"constructor": {"prototype": 1}}]}}'))).toBe(
      'constructor',
    );
  });

  it('lets ordinary bodies through', () => {
    expect(findDangerousKey({ name: 'Kalix', roles: [{ role: 'admin' }] })).toBeUndefined();
    expect(findDangerousKey(undefined)).toBeUndefined();
  });
});
