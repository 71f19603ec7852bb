import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const normalizeEmail = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** Body of POST /api/auth/register. */
export class RegisterDto {
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters long' })
  // scrypt hashes any length, but an unbounded body is a cheap CPU denial of service.
  @MaxLength(256)
  password: string;
}

/** Body of POST /api/auth/login; no length rule, so a wrong password gets the same 401 as any other. */
export class LoginDto {
  @Transform(normalizeEmail)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email: string;

  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(256)
  password: string;
}
