#!/usr/bin/env bash
# Builds eqtrack's committed static assets from GOV.UK Frontend: `make assets`.
set -euo pipefail
cd "$(dirname "$0")/.."

out=src/eqtrack/static/govuk
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
mkdir -p "$out"
npx sass --no-source-map --style=compressed --pkg-importer=node \
  --quiet-deps assets/scss/eqtrack.scss "$out/eqtrack.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk-frontend.min.js"
# No assets folder: its fonts are GDS Transport and its images the GOV.UK crest.
rm -rf "$out/assets"
if grep -q -e "GDS Transport" -e "@font-face" "$out/eqtrack.css"; then
  echo "build-assets: the CSS still refers to GDS Transport" >&2
  exit 1
fi
cp assets/eqtrack.js "$out/eqtrack.js"
cp assets/js-enabled.js "$out/js-enabled.js"
ls -l "$out"
