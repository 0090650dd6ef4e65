import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Problem } from '../../../platform/http/problem';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import type { VotingRules } from './application-rules';
import { ApplicationQuestion } from './application-question.entity';
import type { StoredAnswer } from './application.entity';
import { ApplicationAnswerInputDto } from './dto/application.dto';
import {
  ApplicationQuestionDto,
  CreateApplicationQuestionDto,
  ListApplicationQuestionsQueryDto,
  RecruitmentSettingsDto,
  UpdateApplicationQuestionDto,
  UpdateRecruitmentSettingsDto,
} from './dto/recruitment-settings.dto';
import { isRecruiter } from './recruitment-access';
import { RecruitmentSettings } from './recruitment-settings.entity';
import { RecruitmentSettingsRepository } from './recruitment-settings.repository';

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
  return {
    id: q.id,
    prompt: q.prompt,
    required: q.required,
    sortOrder: q.sortOrder,
    active: q.active,
    createdAt: q.createdAt,
  };
}

export function votingRulesOf(s: RecruitmentSettingsDto): VotingRules {
  return {
    minAttendancePercent: s.minAttendancePercent,
    quorum: s.quorum,
    tieRule: s.tieRule,
    passThresholdPercent: s.passThresholdPercent,
  };
}

/** The org's recruitment rules and questionnaire. */
@Injectable()
export class RecruitmentSettingsService {
  constructor(private readonly store: RecruitmentSettingsRepository) {}

  /** The org's rules (defaults until changed); pass `manager` to read inside a transaction. */
  async get(orgId: string, manager?: EntityManager): Promise<RecruitmentSettingsDto> {
    const row = await this.store.find(orgId, manager);
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
    await this.store.change(orgId, changes);
    return this.get(orgId);
  }

  /** Active questions; recruiters (and bot keys) may ask for the inactive ones too. */
  async listQuestions(access: OrgAccess, q: ListApplicationQuestionsQueryDto): Promise<ApplicationQuestionDto[]> {
    const includeInactive = Boolean(q.includeInactive) && access.tier !== null && isRecruiter(access);
    return (await this.store.questions(access.org.id, { includeInactive })).map(toQuestionDto);
  }

  async createQuestion(orgId: string, dto: CreateApplicationQuestionDto): Promise<ApplicationQuestionDto> {
    return toQuestionDto(
      await this.store.createQuestion({
        orgId,
        prompt: dto.prompt,
        required: dto.required ?? false,
        sortOrder: dto.sortOrder ?? 0,
        active: dto.active ?? true,
      }),
    );
  }

  async updateQuestion(orgId: string, id: string, dto: UpdateApplicationQuestionDto): Promise<ApplicationQuestionDto> {
    const question = await this.store.question(orgId, id);
    Object.assign(question, dto);
    return toQuestionDto(await this.store.saveQuestion(question));
  }

  /** Deleting is safe: applications keep each answer with its prompt. */
  async deleteQuestion(orgId: string, id: string): Promise<void> {
    await this.store.deleteQuestion(await this.store.question(orgId, id));
  }

  /** Answers must address active questions of the org, once each, and cover every required one. */
  async validateAnswers(orgId: string, answers: ApplicationAnswerInputDto[]): Promise<StoredAnswer[]> {
    const questions = await this.store.questions(orgId, { includeInactive: false });
    const byId = new Map(questions.map((q) => [q.id, q]));
    const errors: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    answers.forEach((answer, i) => {
      if (!byId.has(answer.questionId))
        errors.push({ path: `answers.${i}.questionId`, message: 'not an active question of this org' });
      else if (seen.has(answer.questionId))
        errors.push({ path: `answers.${i}.questionId`, message: 'question answered twice' });
      seen.add(answer.questionId);
    });
    const given = new Map(answers.map((answer) => [answer.questionId, answer.answer.trim()]));
    for (const q of questions) {
      if (q.required && !given.get(q.id))
        errors.push({ path: 'answers', message: `question ${q.id} is required: ${q.prompt}` });
    }
    if (errors.length) throw Problem.validation(errors);
    return questions
      .filter((q) => given.has(q.id))
      .map((q) => ({ questionId: q.id, prompt: q.prompt, answer: given.get(q.id)! }));
  }
}
