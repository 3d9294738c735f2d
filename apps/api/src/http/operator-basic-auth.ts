import { PROBLEM_CONTENT_TYPE, UnauthorizedProblem } from '@nf/common';
import { AppConfig } from '@nf/config';
import { presentedOperatorToken, secretMatches } from '@nf/identity';
import type { NextFunction, Request, Response } from 'express';

/**
 * Guards the queue dashboard (a plain Express router, outside Nest's guards) with the operator
 * token: HTTP Basic `admin:<APP_ADMIN_TOKEN>` so that a browser can log in. Closed when no token is set.
 */
export function operatorBasicAuth(config: AppConfig) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const token = presentedOperatorToken(request.headers.authorization);
    if (secretMatches(token, config.app.adminToken)) {
      next();
      return;
    }
    const problem = new UnauthorizedProblem('The queue dashboard needs the operator token.');
    response
      .status(401)
      .setHeader('WWW-Authenticate', 'Basic realm="Namndflode operator", charset="UTF-8"')
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.toDocument(request.originalUrl)));
  };
}
