export { DEMO_MUNICIPALITY_SLUG, DEMO_PASSWORD, DEMO_USERS, DemoSeeder } from './demo-seeder';
export type { DemoSeedResult } from './demo-seeder';
export { DemoModule, DemoOnStart } from './demo.module';
export { loadKalixFixture } from './demo-fixture';
export type { KalixFixture } from './demo-fixture';
export { DemoLulea, LULEA_SLUG } from './demo-lulea';
export { loadLuleaFixtures } from './demo-fixture';
