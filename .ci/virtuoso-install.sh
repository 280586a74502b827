#!/usr/bin/env bash
# Install Virtuoso Open Source 7 (Debian's virtuoso-opensource) for the store tests.
# Idempotent: does nothing if virtuoso-t is already installed. Needs root (or sudo).
# The package cannot start its own service in a container; the tests start their own server
# with their own virtuoso.ini (tests/stores.py), so the preseeded password is only a default.
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1; then
    echo "virtuoso-t already installed: $(command -v virtuoso-t)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

$SUDO debconf-set-selections <<'SEL'
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba
SEL
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq virtuoso-opensource
# The package's service is not wanted: the tests run their own server on 127.0.0.1.
if command -v service >/dev/null 2>&1; then
    $SUDO service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
fi
command -v virtuoso-t
