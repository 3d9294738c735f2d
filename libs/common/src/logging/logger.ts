import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { RequestContexts } from '../context/request-context';

/** pino-pretty, loaded only when a person reads the logs (not into every production process). */
function prettyStream(): typeof import('pino-pretty') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pino-pretty') as typeof import('pino-pretty');
}

export type LogFormat = 'auto' | 'json' | 'pretty';

/** `auto`: readable lines for a person at a terminal, JSON lines for everything else. */
export function logFormatFor(format: LogFormat, terminal: boolean): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return terminal ? 'pretty' : 'json';
}

/**
 * One JSON line per event (or, for a person at a terminal, one readable line); every line carries
 * the request id and actor when there is one.
 */
export function createRootLogger(options: {
  level: string;
  app: string;
  format?: LogFormat;
  /** Whether stdout is a terminal (`auto` asks it). */
  terminal?: boolean;
}): Logger {
  const terminal = options.terminal ?? process.stdout.isTTY === true;
  const format = logFormatFor(options.format ?? 'auto', terminal);
  const stream =
    format === 'pretty'
      ? prettyStream()({
          colorize: terminal,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,app,context',
          messageFormat: '{app} {if context}[{context}] {end}{msg}',
          sync: true,
        })
      : undefined;
  return pino(
    {
      level: options.level,
      base: { app: options.app },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const context = RequestContexts.current();
        if (!context) return {};
        return {
          requestId: context.requestId,
          ...(context.municipalityId === undefined
            ? {}
            : { municipalityId: context.municipalityId }),
          ...(context.actor.id === undefined
            ? {}
            : { actor: `${context.actor.type}:${context.actor.id}` }),
        };
      },
    },
    stream,
  );
}

/** Adapts pino to Nest's LoggerService so that framework messages are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as object) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
