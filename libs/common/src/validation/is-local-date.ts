import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseLocalDate } from '../time/stockholm';

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-29). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            parseLocalDate(value);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}
