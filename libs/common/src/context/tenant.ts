/** The municipality a query runs within. Tenant-scoped repositories take one on every call. */
export interface Tenant {
  readonly municipalityId: number;
}
