#!/usr/bin/env bash
# Prepares what the gate and its tests need on a fresh Debian machine, for one of four engines:
#   ENGINE=legacy          Debian bookworm's docker.io (20.10) on the standard socket, classic builder and
#                          classic image store (self-hosted runners with older engines)
#   ENGINE=modern          Debian sid's dockerd 28.5 + containerd 2.1 + buildx 0.29 with the containerd image
#                          store (GitHub's ubuntu-latest: Docker 29 on the containerd store, buildx)
#   ENGINE=modern-classic  the same engine and buildx on the classic overlay2 store (GitHub's ubuntu-24.04:
#                          Docker 28, buildx, classic store)
#   ENGINE=trixie          Debian trixie's dockerd 26.1 + containerd 1.7 + buildx 0.13 with the containerd
#                          store (the suite's earlier modern engine, kept to compare; not in CI's matrix)
# The sid and trixie engines are unpacked from their .debs into /var/cache/isg-engine/<suite> without touching
# the system's packages (their binaries need glibc 2.34; bookworm has 2.36), and each runs beside the legacy
# one: its own socket, containerd, data root and bridge. Whatever follows in the same shell selects an engine
# with the variables this script prints (`eval "$(...)"`):
#   DOCKER_HOST (its socket) and DOCKER_CONFIG (a client config whose cli-plugins hold buildx, for those
#   engines only, so the legacy engine keeps the classic builder).
# For every engine it also makes the base images the examples and tests build FROM (debian:bookworm-slim via
# debootstrap, a busybox shell image), and with WITH_TEST_TOOLS=1 (or WITH_REGISTRY=1) installs what the
# tests need besides: Debian's docker-registry, skopeo, openssl and podman.
# ISG_SLOT=N starts a further instance of a modern engine (see main). Idempotent: each step is skipped when
# what it makes is already there. Progress goes to stderr.
set -euo pipefail

ENGINE="${ENGINE:-legacy}"
CACHE=/var/cache/isg-engine
log() { printf '[setup %s] %s\n' "$ENGINE" "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=0
apt_install() {
  if ! is_root; then
    log "need root to install $* (run as root, or install it yourself)"
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_answers() { timeout 20 docker info >/dev/null 2>&1; }

wait_for_engine() {
  for _ in $(seq 1 60); do
    if engine_answers; then
      log "docker engine is up"
      return 0
    fi
    sleep 1
  done
  log "the engine did not answer within 60 s; see $1"
  tail -20 "$1" >&2 || true
  return 1
}

# A killed daemon leaves its pid file behind and the next one refuses to start.
remove_stale_pidfile() {
  local pidfile="$1" old_pid
  [ -f "$pidfile" ] || return 0
  old_pid="$(cat "$pidfile" || true)"
  if [ -z "$old_pid" ] || ! kill -0 "$old_pid" 2>/dev/null; then
    log "removing stale $pidfile"
    rm -f "$pidfile"
  fi
}

start_legacy_engine() {
  unset DOCKER_HOST DOCKER_CONFIG
  if engine_answers; then
    log "docker engine already answers"
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || {
    log "installing Debian's docker.io"
    apt_install docker.io
  }
  remove_stale_pidfile /var/run/docker.pid
  if ! pgrep -x dockerd -a | grep -qv -- '--data-root /var/lib/isg-'; then
    log "starting dockerd (log in /tmp/dockerd.log)"
    nohup dockerd >/tmp/dockerd.log 2>&1 &
  fi
  wait_for_engine /tmp/dockerd.log
}

# A Debian suite's engine, unpacked (not installed) into $CACHE/<suite>/root: sid gives dockerd 28.5.2,
# containerd 2.1.9 and buildx 0.29.1; trixie dockerd 26.1.5, containerd 1.7.24 and buildx 0.13.1.
unpack_engine() {
  local suite="$1" dir="$CACHE/$1"
  local root="$dir/root"
  if [ -x "$root/usr/sbin/dockerd" ] && [ -x "$root/usr/bin/containerd" ] && [ -x "$root/usr/libexec/docker/cli-plugins/docker-buildx" ]; then
    return 0
  fi
  is_root || {
    log "need root to fetch Debian $suite's docker.io, containerd and docker-buildx"
    return 1
  }
  log "fetching Debian $suite's docker.io, containerd and docker-buildx into $dir"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
  echo "deb http://deb.debian.org/debian $suite main" >"$dir/sources.list"
  local apt_options=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache")
  apt-get "${apt_options[@]}" update -qq >/dev/null
  rm -f "$dir"/debs/*.deb
  (cd "$dir/debs" && apt-get "${apt_options[@]}" download docker.io containerd docker-buildx >/dev/null 2>&1)
  rm -rf "$root.new"
  for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$root.new"; done
  # A newer suite's runc may need a newer libc than bookworm's; the system's runc serves.
  rm -f "$root.new/usr/sbin/runc"
  rm -rf "$root"
  mv "$root.new" "$root"
  command -v runc >/dev/null 2>&1 || apt_install runc
}

# Its own bridge with NAT for builds and containers; the daemon runs with --iptables=false so that it does not
# rewrite the chains the legacy engine owns.
setup_bridge() {
  local bridge="$1" cidr="$2" subnet="$3"
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "$cidr" dev "$bridge"
  fi
  ip link set "$bridge" up
  sysctl -qw net.ipv4.ip_forward=1
  iptables -t nat -C POSTROUTING -s "$subnet" ! -o "$bridge" -j MASQUERADE 2>/dev/null ||
    iptables -t nat -A POSTROUTING -s "$subnet" ! -o "$bridge" -j MASQUERADE
  iptables -C FORWARD -i "$bridge" -j ACCEPT 2>/dev/null || iptables -I FORWARD -i "$bridge" -j ACCEPT
  iptables -C FORWARD -o "$bridge" -j ACCEPT 2>/dev/null || iptables -I FORWARD -o "$bridge" -j ACCEPT
}

start_modern_engine() {
  local name="$1" suite="$2" snapshotter="$3" bridge="$4" cidr="$5" subnet="$6"
  local root="$CACHE/$suite/root" state="/run/isg-$name" data="/var/lib/isg-$name"
  export DOCKER_HOST="unix://$state/docker.sock"
  export DOCKER_CONFIG="$data/client-config"
  mkdir -p "$DOCKER_CONFIG/cli-plugins"
  unpack_engine "$suite"
  ln -sf "$root/usr/libexec/docker/cli-plugins/docker-buildx" "$DOCKER_CONFIG/cli-plugins/docker-buildx"
  if engine_answers; then
    log "docker engine already answers on $DOCKER_HOST"
    return 0
  fi
  command -v iptables >/dev/null 2>&1 || apt_install iptables
  mkdir -p "$state" "$data"
  setup_bridge "$bridge" "$cidr" "$subnet"
  remove_stale_pidfile "$state/containerd.pid"
  remove_stale_pidfile "$state/dockerd.pid"
  # containerd 2.x reads version 3 of its config, 1.7 version 2.
  local config_version=2
  "$root/usr/bin/containerd" --version | grep -q 'containerd/v2 ' && config_version=3
  cat >"$data/containerd.toml" <<EOF
version = $config_version
root = "$data/containerd"
state = "$state/containerd"
[grpc]
  address = "$state/containerd.sock"
EOF
  printf '{"features": {"containerd-snapshotter": %s}}\n' "$snapshotter" >"$data/daemon.json"
  if [ ! -S "$state/containerd.sock" ] || ! pgrep -f "containerd --config $data/containerd.toml" >/dev/null; then
    log "starting containerd (log in $data/containerd.log)"
    # A socket left by a containerd that is gone (a restarted machine) would look like one that serves, and a
    # dockerd started against it exits at once: it goes, and containerd is awaited until it says it has booted.
    rm -f "$state/containerd.sock" "$state/containerd.sock.ttrpc"
    PATH="$root/usr/bin:$PATH" nohup "$root/usr/bin/containerd" --config "$data/containerd.toml" >"$data/containerd.log" 2>&1 &
    echo $! >"$state/containerd.pid"
    for _ in $(seq 1 60); do
      [ -S "$state/containerd.sock" ] && grep -q 'containerd successfully booted' "$data/containerd.log" && break
      sleep 0.5
    done
  fi
  log "starting dockerd $("$root/usr/sbin/dockerd" --version | awk '{print $3}' | tr -d ,) (log in $data/dockerd.log)"
  PATH="$root/usr/bin:$root/usr/sbin:$PATH" nohup "$root/usr/sbin/dockerd" \
    --host "$DOCKER_HOST" --containerd "$state/containerd.sock" \
    --data-root "$data/docker" --exec-root "$state/exec" --pidfile "$state/dockerd.pid" \
    --config-file "$data/daemon.json" --bridge "$bridge" --iptables=false --ip-masq=false \
    --userland-proxy-path "$root/usr/sbin/docker-proxy" >"$data/dockerd.log" 2>&1 &
  wait_for_engine "$data/dockerd.log"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The root filesystem is made once per machine and imported into each engine.
make_debian_base() {
  if image_exists debian:bookworm-slim; then
    log "debian:bookworm-slim present"
    return 0
  fi
  local tarball="$CACHE/bookworm-slim-rootfs.tar"
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
    local rootfs
    rootfs="$(mktemp -d /tmp/bookworm-rootfs.XXXXXX)"
    log "debootstrapping debian:bookworm-slim (about 30 s)"
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/tmp/debootstrap.log 2>&1 ||
      {
        tail -20 /tmp/debootstrap.log >&2
        rm -rf "$rootfs"
        return 1
      }
    # Keep the image slim the way the official one is: no apt lists or caches.
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
    mkdir -p "$CACHE"
    tar -C "$rootfs" -cf "$tarball.new" .
    mv "$tarball.new" "$tarball"
    rm -rf "$rootfs"
  fi
  docker import -c 'CMD ["bash"]' "$tarball" debian:bookworm-slim >/dev/null
  log "created debian:bookworm-slim"
}

make_busybox_base() {
  # A 2 MB image with a shell, for tests that need a tiny base; built from Debian's busybox-static.
  if image_exists image-size-gate/busybox:latest; then
    log "image-size-gate/busybox present"
    return 0
  fi
  dpkg -s busybox-static >/dev/null 2>&1 || apt_install busybox-static
  local rootfs
  rootfs="$(mktemp -d /tmp/busybox-rootfs.XXXXXX)"
  mkdir -p "$rootfs"/bin "$rootfs"/etc "$rootfs"/tmp
  cp /bin/busybox "$rootfs"/bin/busybox
  for applet in sh ls cat echo sleep httpd nc wget mkdir rm cp mv chmod dd head tail env id true false ln; do
    ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs"/etc/passwd
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs"/etc/group
  tar -C "$rootfs" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - image-size-gate/busybox:latest >/dev/null
  rm -rf "$rootfs"
  log "created image-size-gate/busybox:latest"
}

main() {
  # ISG_SLOT=N (1-9) starts another instance of a modern engine beside the first (its own socket, data root,
  # bridge and subnet), so that two end-to-end runs can each have an engine of their own.
  local slot="${ISG_SLOT:-}" suffix="" offset=0
  if [ -n "$slot" ]; then
    case "$slot" in [1-9]) ;; *)
      log "ISG_SLOT must be a digit from 1 to 9"
      return 2
      ;;
    esac
    [ "$ENGINE" = legacy ] && {
      log "ISG_SLOT starts another modern engine; the legacy engine has one instance (the standard socket)"
      return 2
    }
    suffix="-$slot"
    offset=$((10 * slot))
  fi
  case "$ENGINE" in
    legacy) start_legacy_engine ;;
    modern) start_modern_engine "modern$suffix" sid true "isg-modern${slot}0" "172.30.$((1 + offset)).1/24" "172.30.$((1 + offset)).0/24" ;;
    modern-classic)
      start_modern_engine "modern-classic$suffix" sid false "isg-mclassic${slot}0" "172.30.$((2 + offset)).1/24" "172.30.$((2 + offset)).0/24"
      ;;
    trixie) start_modern_engine "trixie$suffix" trixie true "isg-trixie${slot}0" "172.30.$((3 + offset)).1/24" "172.30.$((3 + offset)).0/24" ;;
    *)
      log "ENGINE must be legacy, modern, modern-classic or trixie"
      return 2
      ;;
  esac
  make_debian_base
  make_busybox_base
  # The tools the tests need besides the engine: Debian's docker-registry (distribution) to serve images,
  # skopeo as a second registry client that checks the figures and copies images between test registries,
  # openssl for the token server's certificate, podman to build and save OCI archives.
  if [ "${WITH_TEST_TOOLS:-${WITH_REGISTRY:-0}}" = 1 ]; then
    local missing=()
    command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
    command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v podman >/dev/null 2>&1 || missing+=(podman)
    if [ "${#missing[@]}" -gt 0 ]; then
      log "installing ${missing[*]}"
      apt_install "${missing[@]}"
    fi
  fi
  # What a shell needs to talk to this engine.
  if [ "$ENGINE" = legacy ]; then
    echo 'unset DOCKER_HOST DOCKER_CONFIG'
  else
    printf 'export DOCKER_HOST=%q DOCKER_CONFIG=%q\n' "$DOCKER_HOST" "$DOCKER_CONFIG"
  fi
}

main "$@"
