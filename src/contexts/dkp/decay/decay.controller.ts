import { Controller, HttpCode, Post } from '@nestjs/common';

import { UuidParam } from '../../../platform/http/params';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { Posting } from '../common/posting.decorator';
import { DkpAdmin } from '../dkp-access';
import type { PostingContext } from '../points/ledger.service';
import { DecayService } from './decay.service';
import { DecayResultDto } from './dto/decay.dto';

/** Points decay of a pool, on demand (the job applies it on its own once per period). */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class DecayController {
  constructor(private readonly decay: DecayService) {}

  /** Applies the current decay period now if it has not been applied yet (the job does this on its own). */
  @Post('pools/:id/decay')
  @HttpCode(200)
  @DkpAdmin()
  runPoolDecay(@Posting() posting: PostingContext, @UuidParam('id') id: string): Promise<DecayResultDto> {
    return this.decay.runNow(posting, id);
  }
}
