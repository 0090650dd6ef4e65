import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = Storage['getTargetValidationMetadatas'];

const installed = new WeakSet<Storage>();

/**
 * Remembers class-validator's answer to "which rules apply to this DTO class".
 *
 * `MetadataStorage.getTargetValidationMetadatas` runs on every validated body and query, and it
 * filters the class's own rules and then walks every class that has rules (one `instanceof` per
 * DTO of every context) to collect inherited ones: it was the costliest function of a loot award
 * (6.7 % of its Node CPU, bench/RESULTS.md), and it grows with each context's DTOs. Its answer
 * depends only on its arguments and on the decorators registered so far, so it is kept per
 * argument list and forgotten whenever a decorator registers a rule or a constraint (at class
 * definition, in practice before the first request). Callers only read the returned array.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  const compute: TargetMetadatas = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new Map<unknown, Map<string, ReturnType<TargetMetadatas>>>();
  const forget = () => byTarget.clear();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let answers = byTarget.get(target);
    if (!answers) byTarget.set(target, (answers = new Map()));
    let metadatas = answers.get(key);
    if (!metadatas) answers.set(key, (metadatas = compute(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  for (const register of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = (storage[register] as (...args: unknown[]) => void).bind(storage);
    (storage[register] as (...args: unknown[]) => void) = (...args: unknown[]) => {
      forget();
      original(...args);
    };
  }
}
