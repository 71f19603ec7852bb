import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** Body of PATCH /api/strategies/:id: every field optional; configuration replaces the old one whole. */
export class UpdateStrategyDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(255)
  name?: string;

  @IsOptional()
  @IsBoolean()
  is_active?: boolean;

  @IsOptional()
  @IsBoolean()
  auto_start?: boolean;

  @IsOptional()
  @IsObject({ message: 'configuration must be an object' })
  configuration?: Record<string, unknown>;
}
