#!/usr/bin/env bash
# ansible-test sanity's compile and import tests on each Python X.Y given: the Pythons of
# tests/config.yml that no ansible-core's whole sanity run covers (make sanity-CORE runs this
# after the whole run, in the same copy of the collection and with the same tools on PATH).
# Usage, in the collection's copy: tests/utils/sanity-compile-import.sh 3.10 [3.13 ...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for version in "$@"; do
    echo "== ansible-test sanity (compile, import) on Python $version"
    interpreter=$("$here/find-python.sh" "$version")
    PATH="$(dirname "$interpreter"):$PATH" \
        ansible-test sanity --test compile --test import --python "$version" --color no
done
