import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Principal } from '@nf/access';
import { NotFoundProblem, Returns } from '@nf/common';
import { CalendarFeedView } from './followups.views';
import { CalendarFeedQueries } from '../calendar-feed.queries';
import { CreateCalendarFeed } from '../use-cases/create-calendar-feed.use-case';
import { RevokeCalendarFeed } from '../use-cases/revoke-calendar-feed.use-case';

@ApiTags('follow-ups')
@Controller('api/v1')
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedQueries,
    private readonly creating: CreateCalendarFeed,
    private readonly revoking: RevokeCalendarFeed,
  ) {}

  /**
   * A new secret address of the user's calendar feed (meetings, deadlines, follow-ups), to
   * subscribe to in a calendar program; shown once, and the previous address stops working.
   */
  @Post('me/calendar-feed')
  @Returns(CalendarFeedView, 201)
  @HttpCode(201)
  @ApiBearerAuth()
  @Access('authenticated')
  createFeed(@CurrentPrincipal() principal: Principal) {
    return this.creating.execute(principal);
  }

  @Delete('me/calendar-feed')
  @Returns.nothing()
  @HttpCode(204)
  @ApiBearerAuth()
  @Access('authenticated')
  async revokeFeed(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.revoking.execute(principal);
  }

  /** The feed itself (text/calendar), read without logging in: the token is the key. */
  @Get('calendar/:token.ics')
  @Returns.file('text/calendar')
  @Access('public')
  @Header('Cache-Control', 'private, no-store')
  async feed(@Param('token') token: string): Promise<StreamableFile> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFoundProblem('calendar feed', 'token');
    return new StreamableFile(Buffer.from(await this.feeds.render(token), 'utf8'), {
      type: 'text/calendar; charset=utf-8',
      disposition: 'inline; filename="namndflode.ics"',
    });
  }
}
