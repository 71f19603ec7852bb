import { IsBoolean, IsOptional } from 'class-validator';

/** Body of POST /api/emergency/stop and POST /api/admin/emergency/stop (may be empty). */
export class EmergencyStopDto {
  /** Also close the positions in every symbol the stopped strategies traded. */
  @IsOptional()
  @IsBoolean({ message: 'flatten must be true or false' })
  flatten?: boolean;
}
