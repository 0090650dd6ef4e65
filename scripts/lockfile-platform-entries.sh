#!/usr/bin/env bash
# Restores package-lock.json entries for platform-specific optional dependencies that npm left
# out because the registry this machine reaches does not serve them (404), e.g.
# @swc/core-darwin-arm64 or @unrs/resolver-binding-win32-x64-msvc.
#
# Without those entries `npm ci` refuses to run ("package.json and package-lock.json ... are not
# in sync ... Missing: @swc/core-darwin-arm64@ from lock file"). Each restored entry carries the
# version its parent pins plus os/cpu/libc taken from the package name, so npm skips it on other
# platforms; on its own platform npm fetches it by version (no integrity is recorded for it).
#
# Usage: scripts/lockfile-platform-entries.sh [--check]   (run after `npm install <pkg>`)
#   --check  only report missing entries; exit 1 when there are any.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

node - "${1:-}" <<'EOF'
const fs = require('node:fs');
const check = process.argv[2] === '--check';
const file = 'package-lock.json';
const text = fs.readFileSync(file, 'utf8');
const lock = JSON.parse(text);
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];

/** os/cpu/libc from a platform package name such as core-linux-arm64-musl or binding-win32-x64-msvc. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('gnueabihf') || parts.includes('eabi') ? 'arm' : undefined);
  const entry = {};
  if (cpu) entry.cpu = [cpu];
  if (os === 'linux') {
    if (parts.some((p) => p.startsWith('musl'))) entry.libc = ['musl'];
    else if (parts.some((p) => p.startsWith('gnu') || p === 'glibc')) entry.libc = ['glibc'];
  }
  if (os) entry.os = [os];
  return os || cpu ? entry : null;
}

const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    // Resolution as Node does it: nested under the parent, then each ancestor, then the root.
    const segments = path ? path.split('/node_modules/') : [];
    let found = false;
    for (let i = segments.length; i >= 0 && !found; i--) {
      const base = segments.slice(0, i).join('/node_modules/');
      found = `${base ? `${base}/` : ''}node_modules/${name}` in packages;
    }
    if (found) continue;
    const platform = platformOf(name);
    if (!platform) continue; // not a platform binary: a real inconsistency, leave it to npm
    const target = `node_modules/${name}` in packages ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    const flags = { ...platform, optional: true };
    if (meta.dev) flags.dev = true;
    if (meta.devOptional) flags.devOptional = true;
    // Key order as npm writes it (version first, the rest sorted), so `npm install` keeps it as is.
    packages[target] = { version, ...Object.fromEntries(Object.entries(flags).sort(([a], [b]) => a.localeCompare(b))) };
    added.push(`${target}@${version}`);
  }
}

if (!added.length) {
  console.log('package-lock.json: no platform entries missing');
  process.exit(0);
}
console.log(`${check ? 'missing' : 'added'} ${added.length} platform entries:\n  ${added.join('\n  ')}`);
if (check) process.exit(1);
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
EOF
