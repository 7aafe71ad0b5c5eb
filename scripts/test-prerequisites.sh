#!/usr/bin/env bash
# What the test suite runs against, besides node_modules: nginx (mutual TLS in front of the IoT and MinIO stand-ins),
# tinyproxy (a real HTTP proxy), openssl (certificates made the way users make them), Go with Debian's minio-go sources
# (MinIO's own client, built offline), python3 with moto and boto3 (STS, IAM and IoT on loopback) and the AWS CLI.
# `npm test` runs this first. Missing Debian packages are installed with apt-get when running as root or with
# passwordless sudo (TEST_PREREQUISITES_INSTALL=no turns that off); the Python side is never installed here (PyPI is
# not reachable from CI). Whatever is still missing is named in one message, with how to get it, and the exit status
# is 1, before any test runs.
set -uo pipefail

MINIO_GO_FILE=/usr/share/gocode/src/github.com/minio/minio-go/v7/pkg/credentials/sts_tls_identity.go

on_path() { command -v "$1" >/dev/null 2>&1; }

# Each missing tool adds a line to `problems`; those a Debian package provides also add the package to `packages`.
problems=()
packages=()
check_debian() {
  on_path nginx || [ -x /usr/sbin/nginx ] || {
    problems+=("nginx: not on PATH nor at /usr/sbin/nginx (Debian package nginx)")
    packages+=(nginx)
  }
  on_path tinyproxy || [ -x /usr/bin/tinyproxy ] || [ -x /usr/sbin/tinyproxy ] || {
    problems+=("tinyproxy: not on PATH nor in /usr/bin or /usr/sbin (Debian package tinyproxy)")
    packages+=(tinyproxy)
  }
  on_path openssl || {
    problems+=("openssl: not on PATH (Debian package openssl)")
    packages+=(openssl)
  }
  on_path go || {
    problems+=("go: not on PATH (Debian package golang-go)")
    packages+=(golang-go)
  }
  [ -f "$MINIO_GO_FILE" ] || {
    problems+=("minio-go: its sources are not at ${MINIO_GO_FILE%/pkg/*} (Debian package golang-github-minio-minio-go-v7-dev)")
    packages+=(golang-github-minio-minio-go-v7-dev)
  }
}

check_python() {
  if ! on_path python3; then
    problems+=("python3: not on PATH; the tests need a python3 with moto (and its server extra), boto3 and the AWS CLI")
    return
  fi
  local python missing
  python=$(command -v python3)
  missing=$(python3 -c '
import importlib, sys
missing = []
for name in ("moto", "boto3"):
    try:
        importlib.import_module(name)
    except Exception:
        missing.append(name)
if "moto" not in missing:
    try:
        importlib.import_module("moto.server")
    except Exception:
        missing.append("moto.server (the moto[server] extra: flask, flask-cors)")
print(", ".join(missing))
' 2>/dev/null) || missing="moto, boto3 (python3 failed to run)"
  if [ -n "$missing" ]; then
    problems+=("python3 ($python) cannot import: $missing. Install them into that Python (pip install 'moto[server]' boto3 where PyPI is reachable); this script installs no Python packages")
  fi
}

check_aws() {
  aws --version >/dev/null 2>&1 || problems+=("aws: the AWS CLI does not run from PATH. Install it for the python3 above (pip install awscli) or from https://aws.amazon.com/cli/")
}

check_all() {
  problems=()
  packages=()
  check_debian
  check_python
  check_aws
}

check_all
[ ${#problems[@]} -eq 0 ] && exit 0

# Install the missing Debian packages, as root or through passwordless sudo.
apt_note=""
if [ ${#packages[@]} -gt 0 ]; then
  as_root=()
  if [ "${TEST_PREREQUISITES_INSTALL:-yes}" = no ]; then
    apt_note="apt-get was not run: TEST_PREREQUISITES_INSTALL=no."
  elif ! on_path apt-get; then
    apt_note="There is no apt-get on this machine: install the tools above with its package manager."
  elif [ "$(id -u)" = 0 ]; then
    as_root=(env)
  elif on_path sudo && sudo -n true >/dev/null 2>&1; then
    as_root=(sudo -n env)
  else
    apt_note="apt-get was not run: not root, and sudo asks for a password. As root: apt-get install -y --no-install-recommends ${packages[*]}"
  fi
  if [ ${#as_root[@]} -gt 0 ]; then
    wanted="${packages[*]}"
    echo "test prerequisites: installing $wanted with apt-get" >&2
    if "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; then
      apt_note="apt-get installed $wanted."
    else
      apt_note="apt-get install $wanted failed (its output is above)."
    fi
    check_all
    [ ${#problems[@]} -eq 0 ] && exit 0
    [ ${#packages[@]} -gt 0 ] && apt_note="$apt_note Still missing after it: ${packages[*]}."
  fi
fi

{
  echo "The tests cannot run: this machine lacks what they run against."
  for p in "${problems[@]}"; do echo "  - $p"; done
  [ -n "$apt_note" ] && echo "$apt_note"
  echo "No test was run."
} >&2
exit 1
