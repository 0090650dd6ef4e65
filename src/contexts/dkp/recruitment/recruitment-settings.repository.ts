import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { ApplicationQuestion } from './application-question.entity';
import { RecruitmentSettings } from './recruitment-settings.entity';

/** Every read and write of an org's recruitment rules and questionnaire. */
@Injectable()
export class RecruitmentSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The org's row, or null while it uses the defaults. */
  find(orgId: string, manager: EntityManager = this.db.manager): Promise<RecruitmentSettings | null> {
    return manager.findOne(RecruitmentSettings, { where: { orgId } });
  }

  /** The org's row is created on first change (defaults from the columns), then updated. */
  async change(orgId: string, changes: Partial<RecruitmentSettings>): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      await tx.createQueryBuilder().insert().into(RecruitmentSettings).values({ orgId }).orIgnore().execute();
      if (Object.keys(changes).length) await tx.update(RecruitmentSettings, { orgId }, changes);
    });
  }

  /** The questionnaire in the order it is asked. */
  questions(orgId: string, options: { includeInactive: boolean }): Promise<ApplicationQuestion[]> {
    return this.db.getRepository(ApplicationQuestion).find({
      where: options.includeInactive ? { orgId } : { orgId, active: true },
      order: { sortOrder: 'ASC', createdAt: 'ASC' },
    });
  }

  question(orgId: string, id: string): Promise<ApplicationQuestion> {
    return findInOrg(this.db.manager, ApplicationQuestion, orgId, id, 'Question');
  }

  createQuestion(
    values: Pick<ApplicationQuestion, 'orgId' | 'prompt' | 'required' | 'sortOrder' | 'active'>,
  ): Promise<ApplicationQuestion> {
    const questions = this.db.getRepository(ApplicationQuestion);
    return questions.save(questions.create(values));
  }

  saveQuestion(question: ApplicationQuestion): Promise<ApplicationQuestion> {
    return this.db.getRepository(ApplicationQuestion).save(question);
  }

  async deleteQuestion(question: ApplicationQuestion): Promise<void> {
    await this.db.getRepository(ApplicationQuestion).delete({ id: question.id, orgId: question.orgId });
  }
}
