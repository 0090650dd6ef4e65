import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problem';

/**
 * How deeply arrays and objects may nest in a JSON body. No request of this API goes past a
 * handful of levels; anything deeper is hostile (the validators and transformers recurse and
 * would overflow the stack or block the event loop for seconds).
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether `text` nests arrays/objects deeper than `limit`. One pass, no recursion, and it stops at
 * the first bracket past the limit, so a hostile body costs microseconds. Brackets inside strings
 * (escaped quotes included) do not count. Malformed JSON is left to the parser that runs next.
 */
export function exceedsJsonDepth(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

type ParserDone = (error: Error | null, body?: unknown) => void;

/**
 * Replaces Fastify's JSON body parser with one that refuses bodies nested deeper than
 * MAX_JSON_DEPTH (400 `body-too-deep`) before anything parses them, and otherwise hands the text to
 * Fastify's own parser, which keeps its empty-body and prototype-poisoning checks.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done: ParserDone) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (exceedsJsonDepth(text)) {
        done(
          new Problem(400, `The body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`, {
            slug: 'body-too-deep',
            title: 'Body nested too deeply',
            extensions: { maxDepth: MAX_JSON_DEPTH },
          }),
        );
        return;
      }
      parseJson(request, text, done);
    },
  );
}
