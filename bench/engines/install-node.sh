#!/bin/sh
# Installs node and npm from Debian when they are missing (through sudo
# when not root, as tools/deps.sh does).
set -e
command -v npm > /dev/null && exit 0
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq nodejs npm
