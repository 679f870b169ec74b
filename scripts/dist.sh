#!/usr/bin/env bash
# Builds the release files into dist/ (or $DIST):
#
#   windows-amd64/jixiao.exe   Windows 10 and later, 64-bit
#   windows-386/jixiao.exe     Windows 10 and later, 32-bit
#   windows-arm64/jixiao.exe   Windows 10 and 11 on ARM
#   linux-amd64/jixiao         x86-64 (兆芯、海光、Intel、AMD)
#   linux-arm64/jixiao         ARM64 (飞腾、鲲鹏)
#   linux-loong64/jixiao       LoongArch64, new-world ABI (龙芯 3A5000/3A6000)
#   jixiao_<version>_<arch>.deb for amd64, arm64 and loong64
#   SHA256SUMS                 `cd dist && sha256sum -c SHA256SUMS`
#
# Every binary is stamped with the version, the commit and the commit's
# date (`jixiao version`). The date is the commit's, never the clock's, and
# the build is -trimpath without cgo, so the same commit gives the same
# bytes on any machine: running this twice gives the same SHA256SUMS.
#
#   scripts/dist.sh
#   VERSION=1.2.0 scripts/dist.sh       # version (default: the newest v* tag
#                                       # that describes HEAD, else
#                                       # 0.0.0+<commit date>.g<commit>)
#   DIST=/some/dir scripts/dist.sh      # output folder (default: dist)
#   MAINTAINER="名字 <mail>" scripts/dist.sh   # Maintainer of the .deb
#
# Outside a git checkout, set VERSION and SOURCE_DATE_EPOCH (seconds).
# Needs Go and, for the .deb packages, dpkg-deb (package dpkg).
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

dist=${DIST:-dist}
pkg=packaging/linux
maintainer=${MAINTAINER:-jixiao <jixiao@example.invalid>}

# --- what is being built
if git rev-parse --git-dir >/dev/null 2>&1; then
	commit=$(git rev-parse HEAD)
	git diff --quiet HEAD -- || commit="$commit-dirty"
	epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}
	described=$(git describe --tags --match 'v[0-9]*' HEAD 2>/dev/null || true)
	version=${VERSION:-${described#v}}
else
	commit=""
	epoch=${SOURCE_DATE_EPOCH:?not a git checkout: set SOURCE_DATE_EPOCH (and VERSION)}
	version=${VERSION:?not a git checkout: set VERSION (and SOURCE_DATE_EPOCH)}
fi
if [ -z "$version" ]; then
	version="0.0.0+$(date -u -d "@$epoch" +%Y%m%d).g${commit:0:12}"
fi
case $version in
[0-9]*) ;;
*) echo "dist.sh: VERSION must start with a digit, got '$version'" >&2; exit 2 ;;
esac
builddate=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
# Debian versions take no '-' in the upstream part: commits after a tag,
# 1.2.0-3-gabc, become 1.2.0+3.gabc (after 1.2.0); a pre-release, 1.2.0-rc1,
# becomes 1.2.0~rc1 (before 1.2.0).
if [[ $version =~ ^(.*)-([0-9]+)-g([0-9a-f]+)$ ]]; then
	debversion="${BASH_REMATCH[1]//-/\~}+${BASH_REMATCH[2]}.g${BASH_REMATCH[3]}"
else
	debversion=${version//-/\~}
fi
export SOURCE_DATE_EPOCH=$epoch

echo "jixiao $version, commit ${commit:-unknown}, date $builddate"

rm -rf "$dist"
mkdir -p "$dist"

# --- binaries
ldflags="-s -w -X main.version=$version -X main.commit=$commit -X main.buildDate=$builddate"
platforms=(windows/amd64 windows/386 windows/arm64 linux/amd64 linux/arm64 linux/loong64)
for p in "${platforms[@]}"; do
	goos=${p%/*} goarch=${p#*/}
	exe=jixiao
	[ "$goos" = windows ] && exe=jixiao.exe
	out="$dist/$goos-$goarch/$exe"
	echo "build $out"
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch \
		go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out" ./cmd/jixiao
done

# --- .deb packages
# deb ARCH builds $dist/jixiao_<debversion>_ARCH.deb from the linux/ARCH
# binary and the files in packaging/linux. Debian's and Go's names of the
# three architectures are the same.
deb() {
	local arch=$1 root
	root=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-deb.XXXXXX")
	# shellcheck disable=SC2064 # expand $root now
	trap "rm -rf '$root'" RETURN
	install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
		"$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/man/man1"
	chmod 0755 "$root"
	install -m 0755 "$dist/linux-$arch/jixiao" "$root/usr/bin/jixiao"
	install -m 0644 "$pkg/jixiao.desktop" "$root/usr/share/applications/jixiao.desktop"
	install -m 0644 "$pkg/jixiao.svg" "$root/usr/share/icons/hicolor/scalable/apps/jixiao.svg"
	sed "s/@VERSION@/$version/" "$pkg/jixiao.1" | gzip -9n >"$root/usr/share/man/man1/jixiao.1.gz"
	chmod 0644 "$root/usr/share/man/man1/jixiao.1.gz"
	local size
	size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
	sed -e "s/@VERSION@/$debversion/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
		-e "s|@MAINTAINER@|${maintainer//&/\\&}|" "$pkg/control" >"$root/DEBIAN/control"
	chmod 0644 "$root/DEBIAN/control"
	# The same timestamps on every file, whatever the checkout's.
	find "$root" -exec touch -h -d "@$epoch" {} +
	local out="$dist/jixiao_${debversion}_$arch.deb"
	echo "build $out"
	dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
}
for arch in amd64 arm64 loong64; do
	deb "$arch"
done

# --- checksums
(
	cd "$dist"
	find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum >SHA256SUMS
)
echo "wrote $dist/SHA256SUMS"
