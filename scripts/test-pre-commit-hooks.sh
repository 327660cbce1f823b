#!/usr/bin/env bash
# Runs .pre-commit-hooks.yaml through the real pre-commit (`pre-commit try-repo`) in a scratch repository holding a
# copy of the example spec and its committed outputs, with BINARY as the `edgeproof` on the PATH:
#   both hooks pass on the example; a misspelt key fails edgeproof-check; a changed output fails
#   edgeproof-build-check while edgeproof-check still passes.
# Usage: scripts/test-pre-commit-hooks.sh BINARY PRE_COMMIT
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BINARY PRE_COMMIT" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=$(readlink -f "$1")
pre_commit=$(readlink -f "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-pre-commit-hooks: $*" >&2; exit 1; }

mkdir -p "$work/bin" "$work/project"
ln -s "$binary" "$work/bin/edgeproof"
cp "$repo/examples/agenticverz/edge.yaml" "$work/project/edge.yaml"
cp -R "$repo/examples/agenticverz/out" "$work/project/out"
cd "$work/project"
git init -q
git -c user.name=t -c user.email=t@example.com add . >/dev/null
git -c user.name=t -c user.email=t@example.com commit -q -m example
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/cache"
# Runs one hook of this repository's .pre-commit-hooks.yaml on every file; prints pre-commit's output on failure.
hook() {
  "$pre_commit" try-repo "$repo" "$1" --all-files > "$work/hook.log" 2>&1
}
show() { sed 's/^/  | /' "$work/hook.log" >&2; }

hook edgeproof-check || { show; fail "edgeproof-check failed on the example"; }
hook edgeproof-build-check || { show; fail "edgeproof-build-check failed on the example"; }
echo "ok: both hooks pass on the example"

sed -i 's/^version:/vresion:/' edge.yaml
if hook edgeproof-check; then show; fail "edgeproof-check passed a spec with a misspelt key"; fi
grep -q "unknown key 'vresion'" "$work/hook.log" || { show; fail "edgeproof-check did not show the diagnostic"; }
git checkout -q edge.yaml
echo "ok: edgeproof-check fails on a misspelt key and shows the diagnostic"

echo "# edited by hand" >> out/fly/fly.toml
hook edgeproof-check || { show; fail "edgeproof-check failed on a spec that did not change"; }
if hook edgeproof-build-check; then show; fail "edgeproof-build-check passed a changed output"; fi
grep -q "fly/fly.toml" "$work/hook.log" || { show; fail "edgeproof-build-check did not name the drifted file"; }
echo "ok: edgeproof-build-check fails on a changed output and names it"
