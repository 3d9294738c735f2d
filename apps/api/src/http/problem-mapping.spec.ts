import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ConflictProblem, ValidationProblem } from '@nf/common';
import { toProblem } from './problem-mapping';

describe(toProblem.name, () => {
  it('keeps a domain problem as it is', () => {
    const problem = new ConflictProblem('stale-version', 'Someone else changed it.');
    expect(toProblem(problem)).toBe(problem);
  });

  it('maps Fastify’s errors before a route by their status, a body too large to 413', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, code: 'payload-too-large' });
    const mediaType = Object.assign(new Error('Unsupported Media Type'), {
      code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      statusCode: 415,
    });
    expect(toProblem(mediaType)).toMatchObject({ status: 415, code: 'unsupported-media-type' });
  });

  it('maps Nest’s HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    expect(toProblem(new PayloadTooLargeException())).toMatchObject({
      status: 413,
      code: 'payload-too-large',
    });
  });

  it('hides the details of an unexpected error behind a 500', () => {
    const problem = toProblem(new Error('password=hunter2 in a stack trace'));
    expect(problem).toMatchObject({ status: 500, code: 'internal-error' });
    expect(JSON.stringify(problem.toDocument())).not.toContain('hunter2');
  });

  it('carries field errors in the problem document', () => {
    const document = new ValidationProblem([{ field: 'slug', message: 'bad' }]).toDocument(
      '/x',
      'req-1',
    );
    expect(document).toEqual({
      type: 'tag:namndflode.se,2026:problem/validation-failed',
      title: 'Validation failed',
      status: 422,
      code: 'validation-failed',
      detail: 'The request has invalid or unknown fields.',
      instance: '/x',
      requestId: 'req-1',
      errors: [{ field: 'slug', message: 'bad' }],
    });
  });
});
