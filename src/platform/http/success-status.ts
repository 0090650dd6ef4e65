import { ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';

/** The status a handler answers with on success: its @HttpCode, else Nest's default. */
export function successStatus(reflector: Reflector, context: ExecutionContext): number {
  const method = context.switchToHttp().getRequest<{ method: string }>().method;
  return reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (method === 'POST' ? 201 : 200);
}
