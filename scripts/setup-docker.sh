#!/usr/bin/env bash
# Prepares what the gate and its tests need on a fresh Debian machine:
#   - a running Docker engine (Debian's docker.io, started here when `docker info` fails and we are root),
#   - the base images the examples build FROM (debian:bookworm-slim via debootstrap, a busybox shell image),
#   - Debian's docker-registry (for compressed-size checks against a real registry).
# Idempotent: each step is skipped when what it makes is already there.
set -euo pipefail

log() { printf '[setup] %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=0
apt_install() {
  if ! is_root; then
    log "need root to install $* (run as root, or install it yourself)"; return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_answers() { timeout 20 docker info >/dev/null 2>&1; }

start_engine() {
  if engine_answers; then log "docker engine already answers"; return 0; fi
  if ! command -v dockerd >/dev/null 2>&1; then
    log "installing Debian's docker.io"
    apt_install docker.io
  fi
  # A killed dockerd leaves its pid file behind and the next one refuses to start.
  if [ -f /var/run/docker.pid ]; then
    old_pid="$(cat /var/run/docker.pid || true)"
    if [ -z "$old_pid" ] || ! kill -0 "$old_pid" 2>/dev/null; then
      log "removing stale /var/run/docker.pid"
      rm -f /var/run/docker.pid
    fi
  fi
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    log "starting dockerd (log in /tmp/dockerd.log)"
    nohup dockerd >/tmp/dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do
    if engine_answers; then log "docker engine is up"; return 0; fi
    sleep 1
  done
  log "dockerd did not answer within 60 s; see /tmp/dockerd.log"; tail -20 /tmp/dockerd.log >&2 || true
  return 1
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

make_debian_base() {
  if image_exists debian:bookworm-slim; then log "debian:bookworm-slim present"; return 0; fi
  if timeout 30 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then log "pulled debian:bookworm-slim"; return 0; fi
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  local rootfs; rootfs="$(mktemp -d /tmp/bookworm-rootfs.XXXXXX)"
  log "debootstrapping debian:bookworm-slim (about 30 s)"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/tmp/debootstrap.log 2>&1 \
    || { tail -20 /tmp/debootstrap.log >&2; rm -rf "$rootfs"; return 1; }
  # Keep the image slim the way the official one is: no apt lists or caches.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
  tar -C "$rootfs" -c . | docker import -c 'CMD ["bash"]' - debian:bookworm-slim >/dev/null
  rm -rf "$rootfs"
  log "created debian:bookworm-slim"
}

make_busybox_base() {
  # A 2 MB image with a shell, for tests that need a tiny base; built from Debian's busybox-static.
  if image_exists image-size-gate/busybox:latest; then log "image-size-gate/busybox present"; return 0; fi
  [ -x /bin/busybox ] && file_is_static=1 || file_is_static=0
  if ! dpkg -s busybox-static >/dev/null 2>&1; then apt_install busybox-static; fi
  local rootfs; rootfs="$(mktemp -d /tmp/busybox-rootfs.XXXXXX)"
  mkdir -p "$rootfs"/bin "$rootfs"/etc "$rootfs"/tmp
  cp /bin/busybox "$rootfs"/bin/busybox
  for applet in sh ls cat echo sleep httpd nc wget mkdir rm cp mv chmod dd head tail env id true false; do
    ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs"/etc/passwd
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs"/etc/group
  tar -C "$rootfs" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - image-size-gate/busybox:latest >/dev/null
  rm -rf "$rootfs"
  log "created image-size-gate/busybox:latest"
}

main() {
  start_engine
  make_debian_base
  make_busybox_base
  if [ "${WITH_REGISTRY:-0}" = 1 ] && ! command -v docker-registry >/dev/null 2>&1; then
    log "installing Debian's docker-registry"; apt_install docker-registry
  fi
}

main "$@"
