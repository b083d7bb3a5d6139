#!/usr/bin/env sh
# A self-signed certificate for trying the installation on one machine; a real site uses its own certificate.
set -eu
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:3072 -nodes -days 30 -subj "/CN=${NRM_HOST:-localhost}" \
  -keyout privkey.pem -out fullchain.pem
