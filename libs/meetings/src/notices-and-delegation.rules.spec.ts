import { kronor, outsideOrder } from './notices-and-delegation.rules';

describe('a delegated decision outside the delegation order', () => {
  const point = { code: '7.1', limitAmount: 50_000_000 };

  it('is within the order under a point, at or below its amount', () => {
    expect(outsideOrder(point, { amount: 40_000_000 })).toBeNull();
    expect(outsideOrder(point, { amount: 50_000_000 })).toBeNull();
    expect(outsideOrder({ code: '10.1', limitAmount: null }, { amount: 9_000_000 })).toBeNull();
  });

  it('is flagged without a point, naming the free text it gave', () => {
    expect(outsideOrder(null, {})).toBe('Beslutet anger ingen punkt i delegationsordningen.');
    expect(outsideOrder(null, { pointText: 'Nedskrivning/uppskrivning' })).toBe(
      'Beslutet anges ha fattats med stöd av ”Nedskrivning/uppskrivning”, som inte är en punkt i delegationsordningen.',
    );
  });

  it('is flagged over the point’s amount, in kronor as Swedish prints them', () => {
    expect(outsideOrder(point, { amount: 60_000_000 })).toBe(
      'Beloppet 60 000 000 kr överstiger gränsen i punkt 7.1 (50 000 000 kr).',
    );
    expect(kronor(341_906)).toBe('341 906 kr');
  });

  it('is not flagged when it stands for an utskott’s protocol', () => {
    expect(outsideOrder(null, { sourceProtocol: { id: 1, paragraphs: '§§ 93–100' } })).toBeNull();
  });
});
