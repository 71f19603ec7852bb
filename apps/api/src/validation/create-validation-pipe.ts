import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into one entry per bad field, nested fields as dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The 400 body: Nest's usual `message` list, plus the names of the bad fields for scripts. */
export function validationErrorBody(errors: ValidationError[]): { statusCode: 400; error: string; message: string[]; fields: string[] } {
  const problems = flattenValidationErrors(errors);
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: problems.flatMap((p) => p.problems.map((text) => describeProblem(p.field, text))),
    fields: [...new Set(problems.map((p) => p.field))],
  };
}

/**
 * The API's global pipe: unknown properties are rejected (not silently dropped) so a typo in a
 * field name is reported instead of ignored, and the 400 names every bad field at once.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(validationErrorBody(errors)),
  });
}

// class-validator's messages name the bare property ("amount must be a number", "property x should
// not exist"); say the full path so a nested field is unambiguous.
export function describeProblem(field: string, text: string): string {
  const name = field.slice(field.lastIndexOf('.') + 1);
  if (text.startsWith(`${name} `)) return `${field}${text.slice(name.length)}`;
  if (text.startsWith(`property ${name} `)) return `property ${field}${text.slice(`property ${name}`.length)}`;
  return `${field}: ${text}`;
}
