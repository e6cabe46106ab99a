# Sourced by .ci/run and the server scripts.
# grep -q stops reading at its first match and closes the pipe; a writer still sending (curl
# streaming a body) then fails with EPIPE, curl with exit 23, and pipefail fails the run on
# a race. `has` reads all of its input before it answers.
has() { grep -c "$@" >/dev/null; }
