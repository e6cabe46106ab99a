#!/usr/bin/env bash
# Re-create every file under Tests/SignalTests/Fixtures/real-exports/ with the real tools.
# Needs: python3.11, PyPI, Debian's redis-server (apt-get install redis-server). No Docker, no npm.
# Runs one tool server at a time (Label Studio on 127.0.0.1:8089, then argilla-server on 127.0.0.1:6901
# with redis on 127.0.0.1:6390), each with a fresh data dir under /tmp.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/Tests/SignalTests/Fixtures/real-exports"
mk() { [ -x "$1/bin/python" ] || python3 -m venv "$1"; "$1/bin/pip" install -q -r "$2"; }
mk /tmp/ls-venv "$here/requirements-label-studio.txt"
mk /tmp/argilla-venv "$here/requirements-argilla-sdk.txt"
mk /tmp/argilla-server-venv "$here/requirements-argilla-server.txt"
mk /tmp/argilla1-venv "$here/requirements-argilla-v1.txt"
command -v redis-server >/dev/null || apt-get install -y -qq redis-server
/tmp/ls-venv/bin/python "$here/ls_generate.py" "$out/label-studio"
ARGILLA_SERVER_PYTHON=/tmp/argilla-server-venv/bin/python \
  /tmp/argilla-venv/bin/python "$here/argilla_generate.py" "$out/argilla"
/tmp/argilla1-venv/bin/python "$here/argilla_v1_generate.py" "$out/argilla-v1"  # Argilla 1.x, no server
/tmp/argilla-venv/bin/python "$here/expected.py" "$out"
