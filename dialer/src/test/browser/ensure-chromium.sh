#!/bin/sh
# Installs Debian's chromium and chromium-driver for the console's browser test (ConsoleBrowserTest).
# Idempotent: returns at once when both are installed. Needs root and Debian's package mirrors; it
# exits non-zero with a message saying so otherwise (the test then fails with that message, unless the
# developer opts out with COBRA_SKIP_BROWSER_TEST=1).
set -eu
CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver
if [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: $CHROMIUM or $DRIVER is missing and this user is not root;" \
       "run 'apt-get install -y chromium chromium-driver' as root, or set COBRA_SKIP_BROWSER_TEST=1" >&2
  exit 2
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no apt-get here (expected Debian 12); install chromium and chromedriver at" \
       "$CHROMIUM and $DRIVER, or set COBRA_SKIP_BROWSER_TEST=1" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core; }; then
  echo "ensure-chromium: apt-get could not install chromium chromium-driver (no network to the Debian mirrors?);" \
       "set COBRA_SKIP_BROWSER_TEST=1 to skip the browser test" >&2
  exit 4
fi
[ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]
