import { Injectable, Logger } from '@nestjs/common';
import { ConflictProblem, RequestContexts } from '@nf/common';
import { CreateMunicipality, CreateMunicipalityCommand, Municipalities } from '@nf/tenancy';
import { loadKalixFixture } from './demo-fixture';

export const DEMO_MUNICIPALITY_SLUG = 'kalix';

export interface DemoSeedResult {
  created: boolean;
  municipality: string;
}

/**
 * Loads the demo municipality (Kalix, from the fixture). Idempotent: it does nothing when the
 * municipality exists. Later contexts add their part of the fixture here.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly municipalities: Municipalities,
    private readonly createMunicipality: CreateMunicipality,
  ) {}

  async seed(): Promise<DemoSeedResult> {
    return RequestContexts.run(
      {
        requestId: `demo-seed-${Date.now()}`,
        actor: { type: 'system', id: 'demo-seed', label: 'Demodata' },
      },
      async () => {
        if (await this.municipalities.findBySlug(DEMO_MUNICIPALITY_SLUG)) {
          return { created: false, municipality: DEMO_MUNICIPALITY_SLUG };
        }
        const fixture = loadKalixFixture();
        try {
          await this.createMunicipality.execute(
            new CreateMunicipalityCommand(DEMO_MUNICIPALITY_SLUG, fixture.municipality.name),
          );
        } catch (error) {
          // Another process seeded it at the same moment.
          if (error instanceof ConflictProblem)
            return { created: false, municipality: DEMO_MUNICIPALITY_SLUG };
          throw error;
        }
        this.logger.log(
          `Demo data loaded: ${fixture.municipality.name} (${DEMO_MUNICIPALITY_SLUG})`,
        );
        return { created: true, municipality: DEMO_MUNICIPALITY_SLUG };
      },
    );
  }
}
