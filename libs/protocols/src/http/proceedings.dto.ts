import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { SEAT_ROLES, type SeatRole } from '../election';
import { BALLOTS, type Ballot } from '../proceedings';

const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;
const MAX_PEOPLE = 200;

class PersonDto {
  @ApiProperty({ example: 'Tommy Nyman' }) @IsString() @Length(1, 200) name: string;

  @ApiPropertyOptional({ example: 'S' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  party?: string;
}

class SubstituteDto extends PersonDto {
  @ApiProperty({ description: 'The member the substitute serves for', example: 'Anna Larsson' })
  @IsString()
  @Length(1, 200)
  replacing: string;
}

class OtherPresentDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;

  @ApiPropertyOptional({ example: 'kommundirektör' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [PersonDto], description: 'Members present (beslutande ledamöter)' })
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  members: PersonDto[];

  @ApiProperty({
    type: [SubstituteDto],
    description: 'Substitutes serving (tjänstgörande ersättare)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => SubstituteDto)
  substitutes: SubstituteDto[];

  @ApiProperty({ type: [OtherPresentDto], description: 'Others present (övriga närvarande)' })
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => OtherPresentDto)
  others: OtherPresentDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Tommy Nyman',
    description:
      'Who presided in the ordförande’s place (vice ordförande or ålderspresident); absent: the ordförande',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  presidedBy?: string | null;
}

export class UpdateProtocolDto {
  @ApiProperty({ description: 'The protocol version you read' }) @IsInt() @Min(1) version: number;

  @ApiPropertyOptional({ description: 'The user who chaired the meeting' })
  @IsOptional()
  @IsInt()
  @Min(1)
  chairUserId?: number;

  @ApiPropertyOptional({
    type: [Number],
    description: 'The justerare elected under "Val av justerare"',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @IsInt({ each: true })
  @Min(1, { each: true })
  adjusterUserIds?: number[];

  @ApiPropertyOptional({ type: AttendanceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AttendanceDto)
  attendance?: AttendanceDto;

  @ApiPropertyOptional({
    example: '2023-12-13T13:00',
    description: 'Local date and time of justering',
  })
  @IsOptional()
  @IsString()
  @Matches(LOCAL_DATE_TIME, {
    message: 'justeringAt must be a local date and time, YYYY-MM-DDTHH:mm',
  })
  justeringAt?: string;

  @ApiPropertyOptional({ example: 'Kommunkansliet' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  justeringPlace?: string;
}

class YrkandeDto {
  @ApiProperty({ example: 'Tommy Nyman (S)' }) @IsString() @Length(1, 200) by: string;

  @ApiProperty({ example: 'bifall till arbetsutskottets förslag.' })
  @IsString()
  @Length(1, 5_000)
  text: string;
}

class BallotDto {
  @ApiProperty() @IsString() @Length(1, 200) member: string;

  @ApiProperty({ enum: BALLOTS }) @IsIn(BALLOTS) vote: Ballot;
}

class VoteringDto {
  @ApiProperty({ example: 'Ja för arbetsutskottets förslag, nej för Anna Larssons yrkande' })
  @IsString()
  @Length(1, 1_000)
  question: string;

  @ApiProperty({ type: [BallotDto] })
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => BallotDto)
  ballots: BallotDto[];
}

class ReservationDto {
  @ApiProperty() @IsString() @Length(1, 200) member: string;

  @ApiPropertyOptional({ description: 'The written reasons, if handed in already' })
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  reasons?: string;
}

class NoteDto {
  @ApiProperty() @IsString() @Length(1, 200) by: string;

  @ApiProperty() @IsString() @Length(1, 5_000) text: string;
}

class RecipientDto {
  @ApiProperty({ example: 'Ekonomienheten' }) @IsString() @Length(1, 200) name: string;

  @ApiPropertyOptional({ example: 'ekonomi@kalix.se', description: 'Sent the extract by e-mail' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;
}

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

class SeatDto {
  @ApiProperty({ description: 'The organ the seat is on' }) @IsInt() @Min(1) organId: number;

  @ApiProperty({ enum: SEAT_ROLES }) @IsIn(SEAT_ROLES) role: SeatRole;

  @ApiProperty({ example: '2023-12-11' })
  @Matches(LOCAL_DATE, { message: 'validFrom must be a date, YYYY-MM-DD' })
  validFrom: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(LOCAL_DATE, { message: 'validTo must be a date, YYYY-MM-DD' })
  validTo: string;
}

class NominationDto extends PersonDto {
  @ApiPropertyOptional({ description: 'The person the seat is written to once adjusted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  personId?: number;
}

class ElectionBallotDto {
  @ApiProperty() @IsString() @Length(1, 200) member: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The candidate; null: blank' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  candidate?: string | null;
}

class ElectionDto {
  @ApiProperty({ type: SeatDto }) @ValidateNested() @Type(() => SeatDto) seat: SeatDto;

  @ApiPropertyOptional({ description: 'How many are elected (default: 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  seats?: number;

  @ApiProperty({ type: [NominationDto] })
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => NominationDto)
  nominations: NominationDto[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Members asking for a proportional election',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  proportionalRequestedBy?: string[];

  @ApiPropertyOptional({ type: [ElectionBallotDto], description: 'A vote by majority' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => ElectionBallotDto)
  ballots?: ElectionBallotDto[];

  @ApiPropertyOptional({ description: 'Who the lot fell on, when votes tied (KL 5 kap. 55 §)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  lottningDrawn?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'A proportional election’s result, as the valförrättare announced it',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  proportionalElected?: string[];
}

/** What happened under a paragraph; each list given replaces the one before. */
export class ProceedingsDto {
  @ApiPropertyOptional({
    type: ElectionDto,
    description:
      'An election (val): the paragraph’s outcome is then `election`; counted by the server',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ElectionDto)
  val?: ElectionDto;

  @ApiPropertyOptional({
    type: [Number],
    description:
      'On KF’s motion report: the motions (their case ids) KF writes off (KL 5 kap. 35 §)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  avskrivna?: number[];

  @ApiPropertyOptional({ type: [YrkandeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => YrkandeDto)
  yrkanden?: YrkandeDto[];

  @ApiPropertyOptional({ description: 'The order the proposals were put in' })
  @IsOptional()
  @IsString()
  @Length(1, 5_000)
  propositionsordning?: string;

  @ApiPropertyOptional({
    type: VoteringDto,
    nullable: true,
    description: 'The vote; counted by the server. null: no vote (it is removed)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => VoteringDto)
  votering?: VoteringDto | null;

  @ApiPropertyOptional({ type: [ReservationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @ValidateNested({ each: true })
  @Type(() => ReservationDto)
  reservations?: ReservationDto[];

  @ApiPropertyOptional({ type: [String], description: 'Who declared jäv and left the room' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  jav?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'Members who left the meeting during this paragraph and returned after it: not in its vote',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PEOPLE)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  absent?: string[];

  @ApiPropertyOptional({ type: [NoteDto], description: 'Protocol notes (protokollsanteckningar)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NoteDto)
  notes?: NoteDto[];

  @ApiPropertyOptional({ type: [RecipientDto], description: 'Who the extract goes to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  expediering?: RecipientDto[];
}

export class ReservationReasonsDto {
  @ApiProperty({ description: 'The member who reserved themselves' })
  @IsString()
  @Length(1, 200)
  member: string;

  @ApiProperty({ description: 'The written reasons (skriftlig reservation)' })
  @IsString()
  @Length(1, 20_000)
  reasons: string;
}

export class ImmediateJusteringDto {
  @ApiProperty({ description: 'The protocol version you read' }) @IsInt() @Min(1) version: number;
}
