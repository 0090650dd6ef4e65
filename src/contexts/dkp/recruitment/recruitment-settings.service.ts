import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { findInOrg } from '../../../platform/database/org-scoped';
import { withTransaction } from '../../../platform/database/transactions';
import { Problem } from '../../../platform/http/problem';
import type { VotingRules } from './application-rules';
import { ApplicationQuestion } from './application-question.entity';
import type { StoredAnswer } from './application.entity';
import { ApplicationAnswerInputDto } from './dto/application.dto';
import { ApplicationQuestionDto, CreateApplicationQuestionDto, RecruitmentSettingsDto, UpdateApplicationQuestionDto, UpdateRecruitmentSettingsDto } from './dto/recruitment-settings.dto';
import { RecruitmentSettings } from './recruitment-settings.entity';

export const DEFAULT_RECRUITMENT_SETTINGS: RecruitmentSettingsDto = {
  votingHours: 48,
  minAttendancePercent: 15,
  quorum: 1,
  tieRule: 'recycle',
  passThresholdPercent: 50,
  trialDays: 14,
};

function toSettingsDto(s: RecruitmentSettings): RecruitmentSettingsDto {
  return {
    votingHours: s.votingHours,
    minAttendancePercent: Number(s.minAttendancePercent),
    quorum: s.quorum,
    tieRule: s.tieRule,
    passThresholdPercent: Number(s.passThresholdPercent),
    trialDays: s.trialDays,
  };
}

export function toQuestionDto(q: ApplicationQuestion): ApplicationQuestionDto {
  return { id: q.id, prompt: q.prompt, required: q.required, sortOrder: q.sortOrder, active: q.active, createdAt: q.createdAt };
}

export function votingRulesOf(s: RecruitmentSettingsDto): VotingRules {
  return { minAttendancePercent: s.minAttendancePercent, quorum: s.quorum, tieRule: s.tieRule, passThresholdPercent: s.passThresholdPercent };
}

/** The org's recruitment rules and questionnaire. */
@Injectable()
export class RecruitmentSettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(orgId: string, manager: EntityManager = this.db.manager): Promise<RecruitmentSettingsDto> {
    const row = await manager.findOne(RecruitmentSettings, { where: { orgId } });
    return row ? toSettingsDto(row) : { ...DEFAULT_RECRUITMENT_SETTINGS };
  }

  async update(orgId: string, dto: UpdateRecruitmentSettingsDto): Promise<RecruitmentSettingsDto> {
    const changes: Partial<RecruitmentSettings> = {
      ...(dto.votingHours !== undefined ? { votingHours: dto.votingHours } : {}),
      ...(dto.minAttendancePercent !== undefined ? { minAttendancePercent: dto.minAttendancePercent.toFixed(1) } : {}),
      ...(dto.quorum !== undefined ? { quorum: dto.quorum } : {}),
      ...(dto.tieRule !== undefined ? { tieRule: dto.tieRule } : {}),
      ...(dto.passThresholdPercent !== undefined ? { passThresholdPercent: dto.passThresholdPercent.toFixed(1) } : {}),
      ...(dto.trialDays !== undefined ? { trialDays: dto.trialDays } : {}),
    };
    await withTransaction(this.db, async (tx) => {
      // The org row's settings are created on first change (defaults from the columns), then updated.
      await tx.createQueryBuilder().insert().into(RecruitmentSettings).values({ orgId }).orIgnore().execute();
      if (Object.keys(changes).length) await tx.update(RecruitmentSettings, { orgId }, changes);
    });
    return this.get(orgId);
  }

  async listQuestions(orgId: string, includeInactive: boolean): Promise<ApplicationQuestionDto[]> {
    const rows = await this.db.getRepository(ApplicationQuestion).find({
      where: includeInactive ? { orgId } : { orgId, active: true },
      order: { sortOrder: 'ASC', createdAt: 'ASC' },
    });
    return rows.map(toQuestionDto);
  }

  async createQuestion(orgId: string, dto: CreateApplicationQuestionDto): Promise<ApplicationQuestionDto> {
    const repo = this.db.getRepository(ApplicationQuestion);
    const saved = await repo.save(repo.create({ orgId, prompt: dto.prompt, required: dto.required ?? false, sortOrder: dto.sortOrder ?? 0, active: dto.active ?? true }));
    return toQuestionDto(saved);
  }

  async updateQuestion(orgId: string, id: string, dto: UpdateApplicationQuestionDto): Promise<ApplicationQuestionDto> {
    const question = await findInOrg(this.db.manager, ApplicationQuestion, orgId, id, 'Question');
    Object.assign(question, dto);
    return toQuestionDto(await this.db.getRepository(ApplicationQuestion).save(question));
  }

  /** Deleting is safe: applications keep each answer with its prompt. */
  async deleteQuestion(orgId: string, id: string): Promise<void> {
    const question = await findInOrg(this.db.manager, ApplicationQuestion, orgId, id, 'Question');
    await this.db.getRepository(ApplicationQuestion).delete({ id: question.id, orgId });
  }

  /** Answers must address active questions of the org, once each, and cover every required one. */
  async validateAnswers(orgId: string, answers: ApplicationAnswerInputDto[]): Promise<StoredAnswer[]> {
    const questions = await this.db.getRepository(ApplicationQuestion).find({ where: { orgId, active: true }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
    const byId = new Map(questions.map((q) => [q.id, q]));
    const errors: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    answers.forEach((a, i) => {
      if (!byId.has(a.questionId)) errors.push({ path: `answers.${i}.questionId`, message: 'not an active question of this org' });
      else if (seen.has(a.questionId)) errors.push({ path: `answers.${i}.questionId`, message: 'question answered twice' });
      seen.add(a.questionId);
    });
    const given = new Map(answers.map((a) => [a.questionId, a.answer.trim()]));
    for (const q of questions) {
      if (q.required && !given.get(q.id)) errors.push({ path: 'answers', message: `question ${q.id} is required: ${q.prompt}` });
    }
    if (errors.length) throw Problem.validation(errors);
    return questions.filter((q) => given.has(q.id)).map((q) => ({ questionId: q.id, prompt: q.prompt, answer: given.get(q.id)! }));
  }
}
