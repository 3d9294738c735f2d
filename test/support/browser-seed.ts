import { apiCall, apiToken } from './browser';

/** What the browser tests set up through the api before a person opens the page. */
export class KalixSeed {
  private readonly tokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async token(username: string): Promise<string> {
    if (!this.tokens.has(username))
      this.tokens.set(username, await apiToken(this.baseUrl, username));
    return this.tokens.get(username)!;
  }

  async call<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
    return apiCall<T>(this.baseUrl, await this.token(username), method, path, body);
  }

  async organId(code: string): Promise<number> {
    const organs = await this.call<Array<{ id: number; code: string }>>(
      'sekreterare',
      'GET',
      '/api/v1/organs',
    );
    return organs.find((organ) => organ.code === code)!.id;
  }

  async userId(displayName: string): Promise<number> {
    const people = await this.call<Array<{ id: number; displayName: string }>>(
      'registrator',
      'GET',
      '/api/v1/users/directory',
    );
    return people.find((person) => person.displayName === displayName)!.id;
  }

  /** A case registered, its tjänsteskrivelse submitted and put on ks-arende: ready for KSAPU. */
  async readyCase(title: string, secret?: { osl: string; publicTitle: string }): Promise<number> {
    const record = await this.call<{ id: number }>('registrator', 'POST', '/api/v1/cases', {
      title,
      organId: await this.organId('KS'),
      responsibleUserId: await this.userId('Jeanette Larsson'),
      ...(secret ? { secrecyOsl: secret.osl, publicTitle: secret.publicTitle } : {}),
    });
    const draft = await this.call<{ id: number; version: number }>(
      'handlaggare',
      'POST',
      `/api/v1/cases/${record.id}/tjansteskrivelser`,
      {
        authorTitle: 'Utredare',
        proposalClauses: [`godkänna förslaget om ${title.toLowerCase()}`],
      },
    );
    await this.call('handlaggare', 'POST', `/api/v1/tjansteskrivelser/${draft.id}/submit`, {
      version: draft.version,
    });
    await this.call('registrator', 'POST', `/api/v1/cases/${record.id}/route`, {
      template: 'ks-arende',
    });
    return record.id;
  }

  /** A planned KSAPU meeting on that day at 09:00. */
  async ksapuMeeting(date: string): Promise<number> {
    const organId = await this.organId('KSAPU');
    const plan = await this.call<{ meetings: Array<{ id: number }> }>(
      'sekreterare',
      'POST',
      `/api/v1/organs/${organId}/meeting-plan`,
      {
        year: Number(date.slice(0, 4)),
        meetings: [{ startsAt: `${date}T09:00`, place: 'Sessionssalen' }],
      },
    );
    return plan.meetings[0]!.id;
  }

  /** A second nämndsekreterare of KSAPU, to edit an agenda beside the demo's. */
  async secondSecretary(username: string, password: string): Promise<void> {
    await this.call('admin', 'POST', '/api/v1/users', {
      username,
      displayName: 'Andra Sekreteraren',
      password,
      roles: [{ role: 'sekreterare', organId: await this.organId('KSAPU') }],
    });
  }

  /** A person given a seat on the organ for the demo's mandate period. */
  async seat(name: string, party: string, organCode: string, role: string): Promise<number> {
    const person = await this.call<{ id: number }>('admin', 'POST', '/api/v1/people', {
      name,
      party,
      title: role === 'ersattare' ? 'Ersättare' : 'Ledamot',
    });
    await this.call('admin', 'POST', '/api/v1/memberships', {
      organId: await this.organId(organCode),
      personId: person.id,
      role,
      party,
      validFrom: '2023-01-01',
      validTo: '2026-12-31',
    });
    return person.id;
  }

  /** A meeting of the organ (at `startsAt`, local time) with the cases on its agenda, summoned. */
  async summonedMeeting(organCode: string, startsAt: string, caseIds: number[]): Promise<number> {
    const meeting = await this.call<{ id: number }>('sekreterare', 'POST', '/api/v1/meetings', {
      organId: await this.organId(organCode),
      startsAt,
      place: 'Sessionssalen',
    });
    const version = async () =>
      (await this.call<{ version: number }>('sekreterare', 'GET', `/api/v1/meetings/${meeting.id}`))
        .version;
    for (const caseId of caseIds) {
      await this.call('sekreterare', 'POST', `/api/v1/meetings/${meeting.id}/items`, {
        version: await version(),
        kind: 'case',
        caseId,
      });
    }
    await this.call('sekreterare', 'POST', `/api/v1/meetings/${meeting.id}/kallelse`, {
      version: await version(),
    });
    return meeting.id;
  }

  /** The meeting's protocol opened (the demo's chair and justerare), locked and signed by both. */
  async adjust(meetingId: number): Promise<void> {
    const opened = await this.call<{ id: number }>(
      'sekreterare',
      'POST',
      `/api/v1/meetings/${meetingId}/protocol`,
      {
        chairUserId: await this.userId('Susanne Andersson'),
        adjusterUserIds: [await this.userId('Demoledamot Två')],
      },
    );
    const { version } = await this.call<{ version: number }>(
      'sekreterare',
      'GET',
      `/api/v1/protocols/${opened.id}`,
    );
    const locked = await this.call<{ contentHash: string }>(
      'sekreterare',
      'POST',
      `/api/v1/protocols/${opened.id}/lock`,
      { version },
    );
    for (const user of ['ordforande', 'justerare']) {
      await this.call(user, 'POST', `/api/v1/protocols/${opened.id}/signatures`, {
        contentHash: locked.contentHash,
      });
    }
  }
}
