import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../../platform/config/app-config';
import { Problem } from '../../../../platform/http/problem';

export type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ProviderToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ProviderMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | ContentPart[] | null;
  tool_calls?: ProviderToolCall[];
  tool_call_id?: string;
}

export interface ProviderTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ProviderAnswer {
  content: string | null;
  toolCalls: ProviderToolCall[];
  finishReason: string | null;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** Retries after the first attempt, on timeouts, network errors, 429 and 5xx. */
export const PROVIDER_RETRIES = 3;
const BACKOFF_MS = 250;

/** A failed attempt, and whether another may succeed. */
class AttemptFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * The model provider: an OpenAI-compatible `POST {ASSISTANT_URL}/chat/completions` with the key as
 * a Bearer token. Each attempt has ASSISTANT_TIMEOUT_MS (30 s); timeouts, network errors, 429 and
 * 5xx are retried 3 times with exponential backoff; then 502 `assistant-provider-failed`. Unset:
 * 503 `assistant-unavailable`.
 */
@Injectable()
export class AssistantProvider {
  private readonly logger = new Logger(AssistantProvider.name);

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.ASSISTANT_URL);
  }

  /** Whether images can be read (a provider is set and its model reads images). */
  get vision(): boolean {
    return this.configured && this.config.ASSISTANT_VISION;
  }

  /** 503 `assistant-unavailable` unless a provider is configured. */
  assertConfigured(): void {
    if (!this.configured)
      throw new Problem(503, 'No model provider is configured for the assistant on this server', {
        slug: 'assistant-unavailable',
        title: 'Assistant unavailable',
      });
  }

  async complete(messages: ProviderMessage[], tools: ProviderTool[] = []): Promise<ProviderAnswer> {
    this.assertConfigured();
    const body = JSON.stringify({
      model: this.config.ASSISTANT_MODEL,
      messages,
      ...(tools.length ? { tools, tool_choice: 'auto' } : {}),
    });
    let last: AttemptFailed | undefined;
    for (let attempt = 0; attempt <= PROVIDER_RETRIES; attempt++) {
      if (attempt > 0) await backoff(attempt);
      try {
        return await this.attempt(body);
      } catch (error) {
        last = error instanceof AttemptFailed ? error : new AttemptFailed(String(error), true);
        this.logger.warn({ attempt, reason: last.message }, 'assistant provider call failed');
        if (!last.retryable) break;
      }
    }
    throw new Problem(502, `The assistant's model provider failed: ${last?.message ?? 'no answer'}`, {
      slug: 'assistant-provider-failed',
      title: 'Assistant provider failed',
    });
  }

  private async attempt(body: string): Promise<ProviderAnswer> {
    const url = `${this.config.ASSISTANT_URL!.replace(/\/+$/, '')}/chat/completions`;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.config.ASSISTANT_KEY) headers.authorization = `Bearer ${this.config.ASSISTANT_KEY}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.config.ASSISTANT_TIMEOUT_MS),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new AttemptFailed(name === 'TimeoutError' ? 'timed out' : `unreachable (${name})`, true);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok)
      throw new AttemptFailed(`HTTP ${response.status}`, response.status === 429 || response.status >= 500);
    return parseAnswer(text, this.config.ASSISTANT_MODEL);
  }
}

function backoff(attempt: number): Promise<void> {
  const ms = BACKOFF_MS * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface RawAnswer {
  model?: unknown;
  choices?: { message?: { content?: unknown; tool_calls?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
}

/** The first choice of a chat/completions answer; an answer of another shape is a failed attempt (not retried). */
function parseAnswer(text: string, model: string): ProviderAnswer {
  let raw: RawAnswer;
  try {
    raw = JSON.parse(text) as RawAnswer;
  } catch {
    throw new AttemptFailed('the answer is not JSON', false);
  }
  const choice = raw?.choices?.[0];
  if (!choice?.message) throw new AttemptFailed('the answer has no choices[0].message', false);
  const content = typeof choice.message.content === 'string' ? choice.message.content : null;
  const toolCalls = Array.isArray(choice.message.tool_calls)
    ? (choice.message.tool_calls as ProviderToolCall[]).filter(
        (c) => typeof c?.id === 'string' && typeof c.function?.name === 'string',
      )
    : [];
  return {
    content,
    toolCalls: toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.function.name, arguments: String(c.function.arguments ?? '{}') },
    })),
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    model: typeof raw.model === 'string' ? raw.model : model,
    promptTokens: tokens(raw.usage?.prompt_tokens),
    completionTokens: tokens(raw.usage?.completion_tokens),
  };
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, 2 ** 31 - 1) : 0;
}
