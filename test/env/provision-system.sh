#!/usr/bin/env bash
# Provisions the system packages and the Debian-unstable chroot that the real test components run in.
# Needs root (apt-get, debootstrap, chroot). Idempotent: a second run only checks what is there.
# The chroot is cached outside the repository, keyed by its package list, so later runs on the same
# machine reuse it and a fresh machine rebuilds it.
set -euo pipefail

HOST_PACKAGES=(chromium debootstrap dbus dbus-x11 gnome-keyring libsecret-1-0 fonts-dejavu-core fonts-noto-color-emoji redis-server iproute2)
# Synapse is only in sid; mediasoup-worker 3.8.4 only in experimental (see shared/ENVIRONMENT.md).
CHROOT_PACKAGES=(matrix-synapse)
CHROOT_EXPERIMENTAL_PACKAGES=(mediasoup-worker)

log() { printf '[provision] %s\n' "$*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  echo "provision-system.sh must run as root (it installs Debian packages and builds a chroot)." >&2
  exit 1
fi

cache_root="${RELAIS_ENV_CACHE:-/var/cache/relais-env}"
key=$(printf '%s\n' "v1" "${CHROOT_PACKAGES[@]}" "experimental" "${CHROOT_EXPERIMENTAL_PACKAGES[@]}" | sha256sum | cut -c1-12)
chroot_dir="$cache_root/sid-$key"

missing=()
for p in "${HOST_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing host packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "host packages present"
fi

# The mirror is whatever this machine's apt already uses: never hard-code a host name.
mirror_uri() {
  local uri=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z $uri && -f /etc/apt/sources.list ]]; then
    uri=$(awk '/^deb / && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [[ -n $uri ]] || { echo "cannot find a Debian mirror in /etc/apt sources" >&2; exit 1; }
  printf '%s' "$uri"
}

if [[ -f $chroot_dir/.relais-ready ]]; then
  log "chroot ready at $chroot_dir"
else
  mirror=$(mirror_uri)
  log "building sid chroot at $chroot_dir (a few minutes, once per machine)"
  rm -rf "$chroot_dir.tmp"
  mkdir -p "$cache_root"
  debootstrap --variant=minbase sid "$chroot_dir.tmp" "$mirror" >"$cache_root/debootstrap.log" 2>&1 || {
    tail -30 "$cache_root/debootstrap.log" >&2; exit 1; }
  printf 'deb %s sid main\ndeb %s experimental main\n' "$mirror" "$mirror" >"$chroot_dir.tmp/etc/apt/sources.list"
  cp /etc/resolv.conf "$chroot_dir.tmp/etc/resolv.conf" 2>/dev/null || true
  # The mirror serves a frozen snapshot whose Release file is past Valid-Until.
  chroot "$chroot_dir.tmp" apt-get -qq -o Acquire::Check-Valid-Until=false update
  DEBIAN_FRONTEND=noninteractive chroot "$chroot_dir.tmp" apt-get install -y -qq --no-install-recommends \
    "${CHROOT_PACKAGES[@]}" >/dev/null
  DEBIAN_FRONTEND=noninteractive chroot "$chroot_dir.tmp" apt-get install -y -qq --no-install-recommends \
    -t experimental "${CHROOT_EXPERIMENTAL_PACKAGES[@]}" >/dev/null
  chroot "$chroot_dir.tmp" apt-get clean
  touch "$chroot_dir.tmp/.relais-ready"
  rm -rf "$chroot_dir"
  mv "$chroot_dir.tmp" "$chroot_dir"
  log "chroot ready at $chroot_dir"
fi

ln -sfn "$chroot_dir" "$cache_root/current"
echo "$chroot_dir"
