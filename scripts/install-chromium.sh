#!/usr/bin/env bash
# Debian's headless-capable Chromium for the browser tests (Playwright drives it; it never
# downloads a browser of its own). Needs root or sudo; does nothing when chromium is there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium
