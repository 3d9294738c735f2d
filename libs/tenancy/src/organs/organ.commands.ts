import { OrganKind } from './organ.entity';

export interface CreateOrganCommand {
  code: string;
  name: string;
  kind: OrganKind;
  parentId?: number | null;
  adjustersCount?: number;
}

export interface UpdateOrganCommand {
  id: number;
  expectedVersion?: number;
  name?: string;
  kind?: OrganKind;
  parentId?: number | null;
  adjustersCount?: number;
  active?: boolean;
}
