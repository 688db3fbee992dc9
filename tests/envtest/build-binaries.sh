#!/usr/bin/env bash
# Build kube-apiserver, kubectl and etcd from the Go module proxy into a versioned cache dir.
#
# Usage: build-binaries.sh OUT_DIR K8S_VERSION ETCD_VERSION
# Two throw-away wrapper modules are generated in a temp dir:
#  - k8s: requires k8s.io/kubernetes and replaces every staging module pinned at v0.0.0 in
#    k/k's own go.mod with the matching published v0.N.P tag (generated, not hard-coded);
#  - etcd: requires go.etcd.io/etcd/server/v3 on its own, so MVS never mixes the two graphs.
# Binaries are written to OUT_DIR.tmp first and renamed into place, so a failed or interrupted
# build never leaves a half-filled cache entry.
set -euo pipefail

out=${1:?out dir}; k8s=${2:?k8s version, e.g. v1.36.3}; etcd=${3:?etcd version, e.g. v3.6.16}
minor=${k8s#v1.}; minor=${minor%%.*}; patch=${k8s##*.}
staging="v0.${minor}.${patch}"
work=$(mktemp -d "${TMPDIR:-/tmp}/kctl-build.XXXXXX")
heartbeat=
# On any exit: drop the work dir and a half-filled stage dir, stop the heartbeat.
trap 'rm -rf "$work" ${stage:+"$stage"}; [ -z "$heartbeat" ] || kill "$heartbeat" 2>/dev/null || true' EXIT
stage="${out}.tmp.$$"
rm -rf "$stage"; mkdir -p "$stage"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-p=2 -buildvcs=false"
step() { printf '[build %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
started=$(date +%s)
# The go command's "go: downloading ..." lines (hundreds) go to a log kept next to the cache
# entry; the step lines stay on stderr, and a failure prints the log's tail.
log="${out}.build.log"
mkdir -p "$(dirname "$out")"; : > "$log"
quiet() {
  "$@" >>"$log" 2>&1 || {
    echo "failed: $*" >&2; echo "--- last lines of $log ---" >&2; tail -n 40 "$log" >&2; exit 1
  }
}
step "build log: $log"

step "reading k8s.io/kubernetes@${k8s} go.mod from the module proxy"
mkdir -p "$work/k8s"; cd "$work/k8s"
go mod init local.test/k8sbins >/dev/null 2>&1
gomod=$(go mod download -json "k8s.io/kubernetes@${k8s}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
[ -f "$gomod" ] || { echo "cannot read go.mod of k8s.io/kubernetes@${k8s}" >&2; exit 1; }
mods=$(awk '/^require \(/{r=1;next} r&&/^\)/{r=0} r&&$1 ~ /^k8s\.io\// && $2=="v0.0.0"{print $1}' "$gomod" | sort -u)
[ -n "$mods" ] || { echo "no staging modules found in $gomod" >&2; exit 1; }
{
  echo "module local.test/k8sbins"; echo; echo "go 1.26.0"; echo
  grep '^godebug' "$gomod" || true; echo
  echo "replace ("
  for m in $mods; do echo "	$m => $m $staging"; done
  echo ")"
} > go.mod
step "$(echo "$mods" | wc -l) staging modules pinned to ${staging}"
step "resolving kube-apiserver and kubectl (downloads several hundred MB the first time)"
quiet go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@${k8s}" "k8s.io/kubernetes/cmd/kubectl@${k8s}"
quiet go mod tidy
bd=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ld="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $pkg.gitVersion=${k8s} -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor} -X $pkg.gitTreeState=clean -X $pkg.buildDate=${bd}"
done
step "compiling kube-apiserver and kubectl (the slow part: minutes on 2 cores)"
( trap 'kill "$s" 2>/dev/null; exit 0' TERM
  while :; do sleep "${KCTL_BUILD_HEARTBEAT:-60}" & s=$!; wait "$s"
    step "still compiling ($(( $(date +%s) - started ))s since start)"; done ) &
heartbeat=$!
go build -trimpath -tags selinux,notest -ldflags "$ld" -o "$stage/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl
kill "$heartbeat" 2>/dev/null || true; heartbeat=

step "resolving etcd ${etcd}"
mkdir -p "$work/etcd"; cd "$work/etcd"
go mod init local.test/etcdbin >/dev/null 2>&1
quiet go get -tool "go.etcd.io/etcd/server/v3@${etcd}"
quiet go mod tidy
step "compiling etcd"
go build -trimpath -ldflags "-s -w" -o "$stage/etcd" go.etcd.io/etcd/server/v3

"$stage/kube-apiserver" --version >&2
"$stage/etcd" --version | head -1 >&2
rm -rf "$out"; mkdir -p "$(dirname "$out")"; mv "$stage" "$out"
step "done in $(( $(date +%s) - started ))s -> $out"
