import 'reflect-metadata';
import { agendaBench } from './agenda.bench';
import { archiveBench } from './archive.bench';
import { dnrBench, dnrProcessesBench } from './dnr.bench';
import { oparlBench, portalBench } from './oparl.bench';
import { outboxBench } from './outbox.bench';
import { planBench } from './plan.bench';
import { remindersBench } from './reminders.bench';
import { searchBench } from './search.bench';
import { tenantsBench } from './tenants.bench';
import { transitionsBench, transitionsProcessesBench } from './transitions.bench';
import { webBench } from './web.bench';

const BENCHMARKS: Record<string, () => Promise<string>> = {
  outbox: outboxBench,
  dnr: dnrBench,
  search: searchBench,
  transitions: transitionsBench,
  agenda: agendaBench,
  reminders: remindersBench,
  web: webBench,
  plan: planBench,
  oparl: oparlBench,
  portal: portalBench,
  archive: archiveBench,
  tenants: tenantsBench,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // `transitions --processes N`, `dnr --processes N`: N api and N worker processes behind a
  // round-robin proxy (see transitions.bench.ts and dnr.bench.ts).
  const at = args.indexOf('--processes');
  if (at >= 0) {
    const processes = Number(args[at + 1]);
    const rest = args.filter((_, index) => index !== at && index !== at + 1);
    const bench = { transitions: transitionsProcessesBench, dnr: dnrProcessesBench }[rest.join()];
    if (!Number.isInteger(processes) || processes < 1 || processes > 8 || !bench) {
      console.error('Usage: npm run bench -- <transitions|dnr> --processes <1…8>');
      process.exit(2);
    }
    console.log(await bench(processes));
    process.exit(0);
  }
  const names = args;
  if (names.length === 0 || names.some((name) => !(name in BENCHMARKS))) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> …`);
    process.exit(2);
  }
  for (const name of names) console.log(await BENCHMARKS[name]());
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
