#!/usr/bin/env bash
# Builds the collection's documentation site (module reference) with antsibull-docs and Sphinx
# into build/docsite/build/html, treating every Sphinx warning as an error.
# Offline-safe: the intersphinx inventories of docs.ansible.com and python.org cannot be fetched
# here, so links into those sites stay plain text instead of failing the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
site="$root/build/docsite"
rm -rf "$site"
mkdir -p "$site"
antsibull-docs sphinx-init --use-current --lenient --dest-dir "$site" jupyterhub.hub >/dev/null
cat >>"$site/conf.py" <<'CONF'

# Offline build (tests/utils/build-docsite.sh): no intersphinx inventories to fetch.
intersphinx_mapping = {}
suppress_warnings = ["ref.ref"]
CONF
"$site/build.sh" >"$site/build.log" 2>&1 || { tail -n 40 "$site/build.log"; exit 1; }
echo "docs site: $site/build/html/index.html"
