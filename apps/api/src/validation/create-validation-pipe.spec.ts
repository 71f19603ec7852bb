import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNumber, IsString, MinLength, ValidateNested } from 'class-validator';
import { createValidationPipe, describeProblem } from './create-validation-pipe';

class Inner {
  @IsNumber()
  amount: number;
}

class Body {
  @IsEmail()
  email: string;

  @IsString()
  @MinLength(8)
  password: string;

  @IsIn(['paper', 'live'])
  environment: string;

  @ValidateNested()
  @Type(() => Inner)
  configuration: Inner;
}

async function rejectionOf(value: unknown): Promise<Record<string, unknown>> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as Record<string, unknown>;
  }
  throw new Error('expected a 400');
}

describe('createValidationPipe', () => {
  it('names every bad field, nested ones by path, and rejects unknown properties', async () => {
    const body = await rejectionOf({ email: 'nope', password: 'short', environment: 'demo', configuration: { amount: 'x' }, extra: 1 });
    expect(body.statusCode).toBe(400);
    expect([...(body.fields as string[])].sort()).toEqual(['configuration.amount', 'email', 'environment', 'extra', 'password']);
    expect(body.message).toEqual(
      expect.arrayContaining([
        'email must be an email',
        'password must be longer than or equal to 8 characters',
        'environment must be one of the following values: paper, live',
        expect.stringMatching(/^configuration\.amount must be a number/),
        'property extra should not exist',
      ]),
    );
  });

  it('passes a valid body through as an instance of the DTO', async () => {
    const value = await createValidationPipe().transform(
      { email: 'a@b.co', password: 'long enough', environment: 'paper', configuration: { amount: 5 } },
      { type: 'body', metatype: Body },
    );
    expect(value).toBeInstanceOf(Body);
    expect(value.configuration).toBeInstanceOf(Inner);
  });
});

describe('describeProblem', () => {
  it.each([
    ['email', 'email must be an email', 'email must be an email'],
    ['configuration.amount', 'amount must be a number', 'configuration.amount must be a number'],
    ['configuration.extra', 'property extra should not exist', 'property configuration.extra should not exist'],
    ['type', 'unknown strategy type', 'type: unknown strategy type'],
  ])('%s: "%s" -> "%s"', (field, text, expected) => {
    expect(describeProblem(field, text)).toBe(expected);
  });
});
