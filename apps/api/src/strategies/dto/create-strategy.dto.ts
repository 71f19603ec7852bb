import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** Body of POST /api/strategies; `type` and `configuration` are checked against the type's schema by the service. */
export class CreateStrategyDto {
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(255)
  name: string;

  @IsString({ message: 'type must be a string naming a strategy type (GET /api/strategies/types lists them)' })
  type: string;

  @IsOptional()
  @IsBoolean()
  is_active?: boolean;

  @IsOptional()
  @IsBoolean()
  auto_start?: boolean;

  @IsObject({ message: 'configuration must be an object' })
  configuration: Record<string, unknown>;
}
