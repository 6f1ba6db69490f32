#!/usr/bin/env bash
# Makes Testcontainers work on a fresh Debian 12 machine without Docker Hub: installs and
# starts Docker, builds a Debian base image from the apt archive, and builds the service
# images from it; installs Debian's Chromium and ChromeDriver for the web app's browser tests.
# Idempotent: a re-run only checks, and takes seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE=local/debian:bookworm
DOCKERD_LOG=/tmp/forewarn-dockerd.log
APT_LOG=/tmp/forewarn-apt.log
# vfs works on any filesystem; overlay2 (also works on these machines) starts containers much faster.
STORAGE_DRIVER="${FOREWARN_DOCKER_STORAGE_DRIVER:-vfs}"

log() { echo "[testenv] ${SECONDS}s $*"; }
die() { echo "[testenv] ERROR: $*" >&2; exit 1; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

apt_updated=false
apt_install() {   # installs the packages that are missing, with at most one apt-get update
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  if ! $apt_updated; then
    apt-get update >>"$APT_LOG" 2>&1 || die "apt-get update failed; see $APT_LOG"
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$APT_LOG" 2>&1 \
    || die "apt-get install failed; see $APT_LOG"
}

# --- Browser for the web app's tests -------------------------------------------------------
# Debian's Chromium and ChromeDriver: Selenium cannot download a driver here, so the tests use /usr/bin/chromedriver.
# A CJK font, so the web app's Chinese texts render in the screenshots instead of empty boxes.
apt_install chromium chromium-driver fonts-wqy-zenhei
log "browser ready ($(chromedriver --version 2>/dev/null | cut -d' ' -f1-2))"

# --- Docker engine -------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  apt_install docker.io debootstrap
  if ! pgrep -x dockerd >/dev/null; then
    log "starting dockerd --storage-driver=$STORAGE_DRIVER (log: $DOCKERD_LOG)"
    # setsid + nohup: the daemon outlives this script and the shell that ran it.
    setsid nohup dockerd --storage-driver="$STORAGE_DRIVER" >"$DOCKERD_LOG" 2>&1 </dev/null &
  fi
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || die "dockerd not ready after 60 s; see $DOCKERD_LOG"
fi
log "docker ready ($(docker version -f '{{.Server.Version}}'))"

# --- Base image from Debian's archive (nothing can be pulled) -------------------------------
if ! have_image "$BASE"; then
  apt_install debootstrap
  # The Debian mirror this machine's apt uses (deb822 "URIs:" or one-line "deb"), not the security one.
  mirror="$(grep -hsE '^\s*(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/* \
            | grep -oE 'https?://[^ ]+/debian/?(\s|$)' | head -n1 | tr -d '[:space:]' || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  root="$(mktemp -d /var/tmp/forewarn-rootfs.XXXXXX)"
  trap 'rm -rf "$root"' EXIT
  chmod 755 "$root"   # mktemp's 0700 would become the image's / and lock out non-root users
  log "debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/forewarn-debootstrap.log 2>&1 \
    || die "debootstrap failed; see /tmp/forewarn-debootstrap.log"
  # apt in the images: the archive may be a dated snapshot (as on this host); keep no caches,
  # docs or recommends, since with vfs every layer and every container is a full copy.
  printf '%s\n' 'Acquire::Check-Valid-Until "false";' 'APT::Install-Recommends "false";' \
    'APT::Keep-Downloaded-Packages "false";' 'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' \
    >"$root/etc/apt/apt.conf.d/90forewarn"
  printf 'path-exclude=/usr/share/%s/*\n' doc man info locale >"$root/etc/dpkg/dpkg.cfg.d/90forewarn"
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/{doc,man,info,locale}/*
  tar -C "$root" -c . | docker import --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE" >/dev/null
  rm -rf "$root"; trap - EXIT
  log "imported $BASE"
fi

# --- Service images: rebuilt only when their build context or the base image changed -------
# BuildKit is about 3x faster here than the classic builder, which copies the whole image for
# every instruction with vfs. Debian's docker.io 20.10 CLI has it built in; newer CLIs need buildx.
docker_build() {
  if docker buildx version >/dev/null 2>&1; then DOCKER_BUILDKIT=1 docker build "$@"
  elif /usr/bin/docker version -f '{{.Client.Version}}' 2>/dev/null | grep -qE '^(19|20)\.'; then
    DOCKER_BUILDKIT=1 /usr/bin/docker build "$@"
  else DOCKER_BUILDKIT=0 docker build "$@"; fi
}
build() {   # build IMAGE DIR
  local image="$1" dir="$HERE/$2" want have
  want="$( { docker image inspect -f '{{.Id}}' "$BASE"; cat "$dir"/*; } | sha256sum | cut -c1-16)"
  have="$(docker image inspect -f '{{index .Config.Labels "forewarn.testenv.hash"}}' "$image" 2>/dev/null || true)"
  if [ "$want" = "$have" ]; then log "$image up to date"; return; fi
  log "building $image"
  docker_build --label "forewarn.testenv.hash=$want" -t "$image" "$dir" >"/tmp/forewarn-build-$2.log" 2>&1 \
    || { tail -n 30 "/tmp/forewarn-build-$2.log" >&2; die "building $image failed"; }
}
build local/mosquitto:2 mosquitto
build local/postgres:15 postgres

# --- Native servers some tests run as child processes -------------------------------------
# influxd: Debian's InfluxDB 1.x engine, the real InfluxQL server the InfluxDB read adapter is tested against
# (InfluxDB 2's image cannot be pulled here; see docs/storage.md).
apt_install influxdb

log "done. For the tests: source $HERE/env.sh, which exports:"
grep '^export' "$HERE/env.sh" | sed 's/^/[testenv]   /'
