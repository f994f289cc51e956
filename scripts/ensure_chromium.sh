#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when missing (we never download
# a browser build of our own). Without root or a package mirror, browser tests are
# skipped locally and fail in CI.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "Could not install chromium; browser tests will be skipped (and fail in CI)."
else
  echo "chromium is not installed; browser tests will be skipped (and fail in CI)."
fi
exit 0
