import { bodyProblem, MAX_BODY_DEPTH } from './dangerous-keys';

describe(bodyProblem.name, () => {
  it('finds __proto__ as parsed from JSON, at any depth', () => {
    expect(bodyProblem(JSON.parse('{"a": 1, "__proto__": {"x": 1}}'))?.code).toBe('forbidden-key');
    expect(
      bodyProblem(JSON.parse('{"a": {"b": [{"constructor": {"prototype": 1}}]}}'))?.detail,
    ).toMatch(/constructor|prototype/);
  });

  it('refuses nesting past the limit, however deep, without overflowing its own stack', () => {
    const deep = JSON.parse(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    expect(bodyProblem(deep)?.code).toBe('body-too-deep');
    expect(bodyProblem({ login: deep })?.status).toBe(400);
    const allowed = JSON.parse(
      `${'['.repeat(MAX_BODY_DEPTH - 1)}1${']'.repeat(MAX_BODY_DEPTH - 1)}`,
    );
    expect(bodyProblem(allowed)).toBeUndefined();
  });

  it('lets ordinary bodies through', () => {
    expect(bodyProblem({ name: 'Kalix', roles: [{ role: 'admin' }] })).toBeUndefined();
    expect(bodyProblem(undefined)).toBeUndefined();
  });
});
