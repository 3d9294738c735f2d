import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './time/clock';

/** The clock, once for the whole application; tests override `Clock` with a FixedClock. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class CommonModule {}
