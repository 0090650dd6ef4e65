// @ts-check
/**
 * `quartermaster/boundaries`: the module boundaries of ARCHITECTURE.md as one lint rule, checked on
 * resolved paths (relative imports make a pattern list unreliable):
 * - the platform (src/platform) never imports the app, the CLI or a context;
 * - a context (src/contexts/<name>) never imports the app, the CLI, the context registry or another
 *   context's internals (only its public `contexts/<other>/index`), and never a platform entity (it calls MembersService / UsersService instead; foreign keys
 *   to users are declared with `@ReferencesUser`). The base entity classes are the one exception.
 */
import { dirname, relative, resolve, sep } from 'node:path';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const ALLOWED_PLATFORM_ENTITIES = new Set(['platform/database/base.entity']);

/** The import's path relative to src (no extension), or null for packages and paths outside src. */
function targetOf(filename, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = relative(SRC, resolve(dirname(filename), specifier))
    .split(sep)
    .join('/');
  return target.startsWith('..') ? null : target.replace(/\.(ts|js)$/, '');
}

function violation(from, target) {
  const appLayer = /^(app\.module|main|cli\/.*)$/.test(target);
  if (from.startsWith('platform/')) {
    if (appLayer || target === 'contexts' || target.startsWith('contexts/')) {
      return 'The platform never imports the app, the CLI or a context; it receives what it needs (ContextDefinition).';
    }
    return null;
  }
  const context = /^contexts\/([^/]+)\//.exec(from)?.[1];
  if (!context || context === 'README.md') return null;
  if (appLayer || target === 'contexts/index')
    return 'A context does not import the app, its entry points or the context registry.';
  const other = /^contexts\/([^/]+)\//.exec(target)?.[1];
  if (other && other !== context && target !== `contexts/${other}/index`) {
    return `A context does not import another context's internals (${target}): use what contexts/${other}/index exports, or a domain event.`;
  }
  if (target.startsWith('platform/') && target.endsWith('.entity') && !ALLOWED_PLATFORM_ENTITIES.has(target)) {
    return 'A context does not import platform entities: call MembersService / UsersService (for a foreign key, @ReferencesUser).';
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Module boundaries between the platform, the contexts and the app' },
    schema: [],
  },
  create(context) {
    const from = relative(SRC, context.filename).split(sep).join('/');
    if (from.startsWith('..')) return {};
    const check = (node, source) => {
      const target = source && typeof source.value === 'string' ? targetOf(context.filename, source.value) : null;
      const message = target && violation(from, target);
      if (message) context.report({ node, message: `${message} (imports ${target})` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

export default { rules: { boundaries } };
