import 'reflect-metadata';
import { agendaBench } from './agenda.bench';
import { archiveBench } from './archive.bench';
import { dnrBench } from './dnr.bench';
import { oparlBench, portalBench } from './oparl.bench';
import { outboxBench } from './outbox.bench';
import { planBench } from './plan.bench';
import { remindersBench } from './reminders.bench';
import { searchBench } from './search.bench';
import { transitionsBench } from './transitions.bench';
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
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
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
