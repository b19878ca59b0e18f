#!/usr/bin/env bash
# Runs galaxy-importer on a built collection tarball as Galaxy and Automation Hub do on upload
# (settings: tests/utils/galaxy-importer.cfg), and fails on any ERROR or WARNING it logs: Galaxy
# shows the warnings on the collection's page, and Automation Hub's certification rejects them.
#   tests/utils/galaxy-import.sh build/jupyterhub-hub-1.0.0.tar.gz
# The importer's whole output is kept in galaxy-importer.log beside the tarball.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 NAMESPACE-NAME-VERSION.tar.gz" >&2
    exit 2
fi
tarball=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
requirements="$root/tests/requirements-galaxy-importer.txt"
venv="$root/.venvs/galaxy-importer"
log="$(dirname "$tarball")/galaxy-importer.log"
version=$(sed -n 's/^galaxy-importer==//p' "$requirements")

# Its own venv (the Makefile installs it from $requirements): it pins its own ansible-lint and ansible-core.
installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("galaxy-importer"))' 2>/dev/null || true)
if [ "$installed" != "$version" ]; then
    echo "FAILED: no galaxy-importer $version in $venv: run make .venvs/galaxy-importer/.installed"
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home"

# A scratch directory for everything it writes (importer_result.json goes to the current one),
# and a home of its own, so that no collection installed in ~/.ansible stands in for this one.
# The importer calls ansible-doc, ansible-lint and flake8 from PATH: its venv's come first.
status=0
(
    cd "$work"
    env -u ANSIBLE_COLLECTIONS_PATH -u ANSIBLE_TEST_CONTENT_ROOT \
        HOME="$work/home" \
        PATH="$venv/bin:$PATH" \
        GALAXY_IMPORTER_CONFIG="$root/tests/utils/galaxy-importer.cfg" \
        GALAXY_IMPORTER_TMP_ROOT_DIR="$work" \
        GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP="$work/ansible-tmp" \
        "$venv/bin/python" -m galaxy_importer.main "$tarball"
) >"$log" 2>&1 || status=$?

problems=$(grep -E '^\[?(CRITICAL|ERROR|WARNING)' "$log" || true)
if [ "$status" -ne 0 ] || [ -n "$problems" ] || ! grep -q '^Importer processing completed successfully$' "$log"; then
    echo "galaxy-importer $version: $(basename "$tarball") does not import cleanly (exit $status; whole output in $log):" >&2
    if [ -n "$problems" ]; then
        echo "$problems" >&2
    else
        tail -n 20 "$log" >&2
    fi
    exit 1
fi
echo "galaxy-importer $version: $(basename "$tarball") imports with no error or warning ($(grep -c '^Loading ' "$log") contents loaded; log in $log)"
