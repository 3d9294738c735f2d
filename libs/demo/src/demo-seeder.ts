import { Injectable, Logger } from '@nestjs/common';
import { AssignableRole, Role } from '@nf/access';
import { RequestContexts, Tenant } from '@nf/common';
import { CreateUser } from '@nf/identity';
import {
  AddMembership,
  CreateMunicipality,
  CreateMunicipalityCommand,
  CreateOrgan,
  CreatePerson,
  MembershipRole,
  Municipalities,
  OrganKind,
} from '@nf/tenancy';
import { loadKalixFixture } from './demo-fixture';
import { DemoRegistry } from './demo-registry';
import { DemoWorkflow } from './demo-workflow';
import { DemoMeetings } from './demo-meetings';
import { DemoProtocols } from './demo-protocols';
import { DemoFollowups } from './demo-followups';

export const DEMO_MUNICIPALITY_SLUG = 'kalix';
export const DEMO_PASSWORD = 'demo';

/**
 * The mandate periods the demo's seats run for: 2023–2026, the seed's, and 2027–2030, for which
 * the demo takes the same members to be re-elected (the seed cannot say), so that the demo's
 * members keep their seats after New Year's Eve 2026.
 */
const PERIODS = [
  { validFrom: '2023-01-01', validTo: '2026-12-31' },
  { validFrom: '2027-01-01', validTo: '2030-12-31' },
];

/** Two members the fixture does not name, so that the ledamot and justerare demo users sit on KS. */
const DEMO_MEMBERS = [
  { name: 'Demoledamot Ett', party: 'M' },
  { name: 'Demoledamot Två', party: 'C' },
];

const SEATS: Array<{ person: string; organ: string; role: MembershipRole }> = [
  { person: 'Susanne Andersson', organ: 'KS', role: 'ordforande' },
  { person: 'Susanne Andersson', organ: 'KSAPU', role: 'ordforande' },
  { person: 'Demoledamot Ett', organ: 'KS', role: 'ledamot' },
  { person: 'Demoledamot Två', organ: 'KS', role: 'ledamot' },
  { person: 'Demoledamot Två', organ: 'KSAPU', role: 'ledamot' },
];

/** "Demoledamot Två" → "demoledamot.tva@kalix.example.se". */
export function demoEmail(name: string): string {
  const local = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${local}@kalix.example.se`;
}

/** One user per role, password `demo` (accepted in demo mode only). */
export const DEMO_USERS: Array<{
  username: string;
  displayName: string;
  person?: string;
  roles: Array<{ role: AssignableRole; organ?: string }>;
}> = [
  { username: 'admin', displayName: 'Demo Administratör', roles: [{ role: Role.Admin }] },
  { username: 'registrator', displayName: 'Demo Registrator', roles: [{ role: Role.Registrator }] },
  {
    username: 'handlaggare',
    displayName: 'Jeanette Larsson',
    person: 'Jeanette Larsson',
    roles: [{ role: Role.Handlaggare }],
  },
  {
    // Items 7 and 8 report to KS from the näringslivschef, who wrote their tjänsteskrivelser.
    username: 'naringslivschef',
    displayName: 'Birgitta M Larsson',
    person: 'Birgitta M Larsson',
    roles: [{ role: Role.Handlaggare }],
  },
  {
    username: 'sekreterare',
    displayName: 'Helena Landström',
    person: 'Helena Landström',
    roles: [
      { role: Role.Sekreterare, organ: 'KS' },
      { role: Role.Sekreterare, organ: 'KSAPU' },
    ],
  },
  {
    username: 'ordforande',
    displayName: 'Susanne Andersson',
    person: 'Susanne Andersson',
    roles: [],
  },
  { username: 'justerare', displayName: 'Demoledamot Två', person: 'Demoledamot Två', roles: [] },
  { username: 'ledamot', displayName: 'Demoledamot Ett', person: 'Demoledamot Ett', roles: [] },
];

export interface DemoSeedResult {
  created: boolean;
  municipality: string;
}

/**
 * Loads the demo municipality from the Kalix fixture: the municipality, its organs, people and
 * seats, and one user per role. Idempotent: nothing happens when the municipality exists. Later
 * contexts add their part of the fixture here.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly municipalities: Municipalities,
    private readonly createMunicipality: CreateMunicipality,
    private readonly createOrgan: CreateOrgan,
    private readonly createPerson: CreatePerson,
    private readonly addMembership: AddMembership,
    private readonly createUser: CreateUser,
    private readonly registry: DemoRegistry,
    private readonly workflow: DemoWorkflow,
    private readonly meetings: DemoMeetings,
    private readonly protocols: DemoProtocols,
    private readonly followups: DemoFollowups,
  ) {}

  /**
   * Seeds the demo under `slug` (tests seed a second, identical municipality to check isolation).
   * `stopBefore: 'ksapu-protocol'` leaves the fixture's cases ready for KSAPU, with no KSAPU
   * protocol and no KS meeting, for a test that takes them through the chain itself.
   */
  async seed(
    slug = DEMO_MUNICIPALITY_SLUG,
    options: { stopBefore?: 'ksapu-protocol' } = {},
  ): Promise<DemoSeedResult> {
    return RequestContexts.run(
      {
        requestId: `demo-seed-${Date.now()}`,
        actor: { type: 'system', id: 'demo-seed', label: 'Demodata' },
      },
      async () => {
        if (await this.municipalities.findBySlug(slug))
          return { created: false, municipality: slug };
        const fixture = loadKalixFixture();
        const municipality = await this.createMunicipality.execute(
          new CreateMunicipalityCommand(slug, fixture.municipality.name),
        );
        const tenant: Tenant = { municipalityId: municipality.id };

        const organIds = new Map<string, number>();
        for (const organ of fixture.organs as Array<{
          code: string;
          name: string;
          kind: string;
          parent?: string;
        }>) {
          const created = await this.createOrgan.execute(tenant, {
            code: organ.code,
            name: organ.name,
            kind: organ.kind as OrganKind,
            parentId: organ.parent ? organIds.get(organ.parent) : null,
          });
          organIds.set(organ.code, created.id);
        }

        const personIds = new Map<string, number>();
        const people = [
          ...(fixture.people as Array<{ name: string; title?: string; party?: string }>),
          ...DEMO_MEMBERS,
        ];
        for (const person of people) {
          const created = await this.createPerson.execute(tenant, {
            name: person.name,
            title: 'title' in person ? (person.title ?? null) : 'Ledamot',
            party: person.party ?? null,
            // Demo addresses (example.se is reserved), so that kallelser reach the mail catcher.
            email: demoEmail(person.name),
          });
          personIds.set(person.name, created.id);
        }

        for (const period of PERIODS) {
          for (const seat of SEATS) {
            await this.addMembership.execute(tenant, null, {
              organId: organIds.get(seat.organ)!,
              personId: personIds.get(seat.person)!,
              role: seat.role,
              ...period,
            });
          }
        }

        const userIds = new Map<string, number>();
        for (const user of DEMO_USERS) {
          const created = await this.createUser.execute(tenant, {
            username: user.username,
            displayName: user.displayName,
            personId: user.person ? personIds.get(user.person) : null,
            password: DEMO_PASSWORD,
            allowDefaultPassword: true,
            roles: user.roles.map((grant) => ({
              role: grant.role,
              organId: grant.organ ? organIds.get(grant.organ) : null,
            })),
          });
          userIds.set(user.username, created.id);
        }
        const caseIds = await this.registry.seed(tenant, fixture, {
          organs: organIds,
          users: userIds,
        });
        await this.workflow.seed(tenant, fixture, caseIds, organIds);
        if (options.stopBefore !== 'ksapu-protocol') {
          const ksapuProtocolId = await this.protocols.seed(
            tenant,
            fixture,
            caseIds,
            organIds,
            userIds,
          );
          await this.meetings.seed(
            tenant,
            fixture,
            caseIds,
            organIds,
            userIds.get('sekreterare')!,
            ksapuProtocolId,
          );
          const organNames = new Map(
            (fixture.organs as Array<{ code: string; name: string }>).map((organ) => [
              organ.code,
              organ.name,
            ]),
          );
          await this.followups.seed(tenant, caseIds, organIds, userIds, organNames);
        }
        this.logger.log(`Demo data loaded: ${fixture.municipality.name} (${slug})`);
        return { created: true, municipality: slug };
      },
    );
  }
}
