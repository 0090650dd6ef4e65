import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../../platform/config/app-config';
import { Problem } from '../../../../platform/http/problem';
import { AssistantConversationsRepository } from '../conversations/assistant-conversations.repository';
import { monthStart } from '../conversations/conversation-rules';

/**
 * Each org's monthly token budget (ASSISTANT_MONTHLY_TOKEN_BUDGET, calendar month in UTC): the
 * prompt and completion tokens of its chat answers and of the images the model transcribed.
 * Checked before each call to the model; a call in flight may pass it by one answer.
 */
@Injectable()
export class AssistantBudget {
  constructor(
    private readonly usage: AssistantConversationsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** 429 `assistant-budget-exhausted` once the org's tokens this month reach the budget. */
  async assertAvailable(orgId: string, now = new Date()): Promise<void> {
    const budget = this.config.ASSISTANT_MONTHLY_TOKEN_BUDGET;
    const start = monthStart(now);
    const used = await this.usage.tokensUsedSince(orgId, start);
    if (used < budget) return;
    const resetsAt = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)).toISOString();
    throw new Problem(429, `The org has used its ${budget} assistant tokens for this month`, {
      slug: 'assistant-budget-exhausted',
      title: 'Assistant budget exhausted',
      extensions: { budget, used, resetsAt },
    });
  }
}
