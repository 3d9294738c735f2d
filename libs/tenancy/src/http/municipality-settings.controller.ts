import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Returns } from '@nf/common';
import { MunicipalityView } from './tenancy.views';
import { Access, CurrentPrincipal, Permission, Principal, RequirePermission } from '@nf/access';
import { Municipalities } from '../municipalities';
import { toMunicipalityView } from '../municipality.entity';
import { UpdateMunicipalitySettings } from '../settings/update-municipality-settings.use-case';
import { UpdateMunicipalitySettingsDto } from './dto/organisation.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/municipality')
export class MunicipalitySettingsController {
  constructor(
    private readonly municipalities: Municipalities,
    private readonly updateSettings: UpdateMunicipalitySettings,
  ) {}

  @Get()
  @Returns(MunicipalityView)
  @Access('authenticated')
  async get(@CurrentPrincipal() principal: Principal) {
    return { ...toMunicipalityView(await this.municipalities.getById(principal.municipalityId)) };
  }

  @Patch()
  @Returns(MunicipalityView)
  @RequirePermission(Permission.SettingsManage)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateMunicipalitySettingsDto,
  ) {
    const { version, ...settings } = body;
    return toMunicipalityView(await this.updateSettings.execute(principal, settings, version));
  }
}
