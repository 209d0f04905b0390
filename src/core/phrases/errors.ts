/**
 * The server's refusals as phrases (`errorPhrase('error.noModule')`), worded in every locale. The
 * catalog comes in two parts so the learner's first screen carries only the refusals it can meet
 * (errors.*.ts); the people, admin and pilot screens add theirs (people-errors.*.ts).
 */
import type { z } from 'zod';
import { defineWording, type Params, type Phrase } from '../wording';
import { de } from './errors.de';
import { en } from './errors.en';
import { de as peopleDe } from './people-errors.de';
import { en as peopleEn } from './people-errors.en';
import { de as xapiDe } from './xapi-errors.de';
import { en as xapiEn } from './xapi-errors.en';

const all = {
  en: { ...en, ...peopleEn, ...xapiEn },
  de: { ...de, ...peopleDe, ...xapiDe },
};
export const errorPhrase = defineWording(all);
export type ErrorKey = keyof typeof all.en;

const isErrorKey = (message: string): message is ErrorKey => Object.hasOwn(all.en, message);

/**
 * One zod issue as a phrase naming the field: a schema's own message when it is an
 * `error.field.*` key (with the refinement's `params`), otherwise worded from the issue's code and bounds.
 */
export function issuePhrase(issue: z.core.$ZodIssue, whole = 'request'): Phrase {
  const field = issue.path.length ? issue.path.join('.') : whole;
  if (isErrorKey(issue.message))
    return errorPhrase(issue.message, {
      ...(issue.code === 'custom' ? (issue.params as Params | undefined) : undefined),
      field,
    });
  switch (issue.code) {
    case 'invalid_type':
      return errorPhrase(
        / received undefined$/.test(issue.message)
          ? 'error.field.missing'
          : 'error.field.wrongType',
        { field },
      );
    case 'too_small':
    case 'too_big': {
      const count = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const small = issue.code === 'too_small';
      const key =
        issue.origin === 'string'
          ? small
            ? 'error.field.tooShort'
            : 'error.field.tooLong'
          : issue.origin === 'array' || issue.origin === 'set'
            ? small
              ? 'error.field.tooFew'
              : 'error.field.tooMany'
            : small
              ? 'error.field.tooSmall'
              : 'error.field.tooBig';
      return errorPhrase(key, { field, count });
    }
    case 'invalid_value':
      return errorPhrase('error.field.choice', { field, options: issue.values.join(', ') });
    case 'invalid_format':
      return errorPhrase('error.field.format', { field });
    case 'unrecognized_keys':
      return errorPhrase('error.field.unknown', {
        field: [...issue.path, issue.keys[0]].join('.'),
      });
    default:
      return errorPhrase('error.field.invalid', { field });
  }
}
