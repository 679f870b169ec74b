#!/usr/bin/env bash
# Checks what scripts/dist.sh built in dist/ (or $DIST):
#   - SHA256SUMS matches, and every binary is for the platform its folder names;
#   - the linux/arm64 and linux/loong64 binaries, run under qemu-user, write
#     a county workbook and a JSON report from samples/2024 byte-identical to
#     linux/amd64's; so does a 32-bit linux/386 build, standing in for the
#     windows/386 one (same 32-bit code, no Windows here to run it);
#   - each .deb: its control fields (dpkg-deb --info), its files and their
#     owners (dpkg-deb --contents); unpacked into a scratch root (dpkg -x),
#     its jixiao is the dist binary and `jixiao version` shows the version,
#     commit, date and platform; the desktop entry passes validation and,
#     started as its Exec line says with two files, writes the workbook
#     beside the first file, then the next free name, and waits for Enter;
#   - the man page renders without warnings, the icon is well-formed SVG;
#   - a second dist.sh run gives the same SHA256SUMS (reproducible build);
#     SKIP_REBUILD=1 leaves this out.
# A check that cannot run here (no qemu for an architecture, no
# desktop-file-validate, no groff) prints SKIP with the reason; .ci/run
# installs what they need. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${DIST:-dist}
samples=$PWD/samples/2024
fails=0
fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}
ok() { echo "ok   $*"; }
skip() { echo "SKIP $*"; }

[ -f "$dist/SHA256SUMS" ] || { echo "FAIL: no $dist/SHA256SUMS: run scripts/dist.sh first" >&2; exit 1; }
dist=$(cd "$dist" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-dist-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== checksums and platforms"
if (cd "$dist" && sha256sum --check --quiet --strict SHA256SUMS); then
	ok "SHA256SUMS"
else
	fail "SHA256SUMS does not match the files"
fi

# u16 FILE OFFSET, u32 FILE OFFSET: little-endian integers from a file.
u16() { od -An -tu2 --endian=little -j "$2" -N2 "$1" | tr -d ' '; }
u32() { od -An -tu4 --endian=little -j "$2" -N4 "$1" | tr -d ' '; }

# machine FILE: the CPU an ELF or PE executable is for, as Go names it.
machine() {
	local f=$1 m
	case $(head -c4 "$f" | od -An -c | tr -d ' ') in
	177ELF)
		m=$(u16 "$f" 18)
		case $m in 62) echo amd64 ;; 183) echo arm64 ;; 258) echo loong64 ;; 3) echo 386 ;; *) echo "elf-$m" ;; esac ;;
	MZ*)
		m=$(u16 "$f" $(($(u32 "$f" 60) + 4)))
		case $m in 34404) echo amd64 ;; 332) echo 386 ;; 43620) echo arm64 ;; *) echo "pe-$m" ;; esac ;;
	*) echo unknown ;;
	esac
}
for p in windows-amd64 windows-386 windows-arm64 linux-amd64 linux-arm64 linux-loong64; do
	f="$dist/$p/jixiao"
	[ "${p%-*}" = windows ] && f="$f.exe"
	if [ ! -s "$f" ]; then
		fail "$f missing"
	elif [ "$(machine "$f")" != "${p#*-}" ]; then
		fail "$f is for $(machine "$f"), not ${p#*-}"
	else
		ok "$f (${p#*-})"
	fi
done

# dist/ must be built from the commit checked out, or the checks below
# would test something else.
if git rev-parse --git-dir >/dev/null 2>&1; then
	head=$(git rev-parse HEAD | cut -c1-12)
	built=$("$dist/linux-amd64/jixiao" version | sed -n 's/^修订：\([0-9a-f]*\).*/\1/p')
	if [ "$built" != "$head" ]; then
		echo "FAIL: $dist was built from commit ${built:-unknown}, the checkout is at $head: run scripts/dist.sh again" >&2
		exit 1
	fi
fi

# --- the same workbook on every architecture
# consolidate NAME CMD...: runs CMD consolidate on samples/2024 in
# $work/run-NAME, leaving 县级汇总.xlsx and report.json there.
consolidate() {
	local name=$1 rc=0
	shift
	mkdir -p "$work/run-$name"
	(cd "$work/run-$name" && "$@" consolidate -q --json report.json -o 县级汇总.xlsx "$samples") || rc=$?
	# 1 only means the samples hold validation errors, which they do.
	if [ "$rc" -gt 1 ] || [ ! -s "$work/run-$name/县级汇总.xlsx" ]; then
		fail "$name: consolidate exited $rc without a workbook"
		return 1
	fi
}
# same NAME: compares run NAME's workbook and report with amd64's.
same() {
	local f
	for f in 县级汇总.xlsx report.json; do
		if ! cmp -s "$work/run-amd64/$f" "$work/run-$1/$f"; then
			fail "$1: $f differs from amd64's"
			return
		fi
	done
	ok "$1: workbook and report byte-identical to amd64's ($(sha256sum <"$work/run-$1/县级汇总.xlsx" | cut -c1-16)…)"
}

echo "== the same county workbook on every architecture"
consolidate amd64 "$dist/linux-amd64/jixiao" || { echo "FAIL: no amd64 reference" >&2; exit 1; }
ok "amd64: reference workbook from samples/2024"
for a in arm64:aarch64 loong64:loongarch64; do
	arch=${a%%:*} qemu=qemu-${a#*:}-static
	if ! command -v "$qemu" >/dev/null; then
		if [ "$arch" = loong64 ]; then
			skip "loong64: $qemu is not installed (qemu-user-static of this system has no LoongArch); the loong64 binary was NOT run"
		else
			fail "$arch: $qemu is not installed (apt-get install qemu-user-static)"
		fi
		continue
	fi
	consolidate "$arch" "$qemu" "$dist/linux-$arch/jixiao" && same "$arch"
done
# 32-bit: windows/386 cannot run here; a linux/386 build of the same code
# can, natively on a kernel with 32-bit support or under qemu-i386-static.
# A two-line program tells first whether either can start 32-bit Go at all
# (qemu-i386 7.2 cannot: Go's runtime crashes as it starts its threads).
printf 'package main\n\nfunc main() { println("ok") }\n' >"$work/probe.go"
CGO_ENABLED=0 GOOS=linux GOARCH=386 go build -o "$work/probe-386" "$work/probe.go"
run386=()
if "$work/probe-386" >/dev/null 2>&1; then
	run386=(env)
elif command -v qemu-i386-static >/dev/null && qemu-i386-static "$work/probe-386" >/dev/null 2>&1; then
	run386=(qemu-i386-static)
fi
if [ ${#run386[@]} -eq 0 ]; then
	skip "386: neither this kernel nor qemu-i386-static runs 32-bit Go programs; the 32-bit code (as in windows/386) was NOT run"
elif CGO_ENABLED=0 GOOS=linux GOARCH=386 go build -trimpath -o "$work/jixiao-386" ./cmd/jixiao; then
	consolidate 386 "${run386[@]}" "$work/jixiao-386" && same 386
else
	fail "386: build failed"
fi

# --- packages
echo "== .deb packages"
commit=""
if git rev-parse --git-dir >/dev/null 2>&1; then
	commit=$(git rev-parse HEAD | cut -c1-12)
	builddate=$(date -u -d "@$(git log -1 --format=%ct HEAD)" +%Y-%m-%dT%H:%M:%SZ)
fi

# field DEB NAME: one control field of a package.
field() { dpkg-deb --field "$1" "$2"; }

# desktop_start ROOT ARCH RUN...: starts the unpacked jixiao as the desktop
# entry's Exec line says, with two files for %F, twice.
desktop_start() {
	local root=$1 arch=$2 exec dir a b args rc out
	shift 2
	exec=$(sed -n 's/^Exec=//p' "$root/usr/share/applications/jixiao.desktop")
	dir="$work/drop-$arch/乡镇 报送"
	mkdir -p "$dir" "$work/drop-$arch/其他"
	a="$dir/王官营镇.xlsx" b="$work/drop-$arch/其他/丰登坞镇.xlsx"
	cp "$samples/王官营镇.xlsx" "$a"
	cp "$samples/丰登坞镇.xlsx" "$b"
	# Exec=jixiao --desktop %F → the program, its switches, then the files.
	read -r -a args <<<"${exec%%%F*}"
	[ "${args[0]}" = jixiao ] || { fail "$arch: Exec does not start jixiao: $exec"; return; }
	for n in 1 2; do
		rc=0
		out=$(printf '\n' | "$@" "$root/usr/bin/jixiao" "${args[@]:1}" "$a" "$b" 2>&1) || rc=$?
		if [ "$rc" -gt 1 ] || ! grep -q 按回车键关闭窗口 <<<"$out"; then
			fail "$arch: desktop start $n exited $rc or did not wait for Enter: $out"
			return
		fi
	done
	if [ -s "$dir/县级汇总_2024.xlsx" ] && [ -s "$dir/县级汇总_2024(2).xlsx" ]; then
		ok "$arch: desktop start (Exec=$exec) writes 县级汇总_2024.xlsx, then 县级汇总_2024(2).xlsx, beside the first file, and waits for Enter"
	else
		fail "$arch: desktop start did not write both workbooks beside the first file: $(ls "$dir")"
	fi
}

for arch in amd64 arm64 loong64; do
	debs=("$dist"/jixiao_*_"$arch".deb)
	deb=${debs[0]}
	if [ ${#debs[@]} -ne 1 ] || [ ! -f "$deb" ]; then
		fail "$arch: expected one $dist/jixiao_*_$arch.deb, found ${#debs[@]}"
		continue
	fi
	if ! dpkg-deb --info "$deb" >"$work/info-$arch"; then
		fail "$deb: dpkg-deb --info failed"
		continue
	fi
	version=$(field "$deb" Version)
	[ "$(field "$deb" Package)" = jixiao ] || fail "$deb: Package is not jixiao"
	[ "$(field "$deb" Architecture)" = "$arch" ] || fail "$deb: Architecture is not $arch"
	[ "$deb" = "$dist/jixiao_${version}_$arch.deb" ] || fail "$deb: file name does not match Version $version"
	for f in Maintainer Installed-Size Description; do
		[ -n "$(field "$deb" $f)" ] || fail "$deb: no $f"
	done

	dpkg-deb --contents "$deb" >"$work/contents-$arch"
	for want in ./usr/bin/jixiao ./usr/share/applications/jixiao.desktop \
		./usr/share/icons/hicolor/scalable/apps/jixiao.svg ./usr/share/man/man1/jixiao.1.gz; do
		grep -q " $want\$" "$work/contents-$arch" || fail "$deb: lacks $want"
	done
	grep -q '^-rwxr-xr-x root/root .* \./usr/bin/jixiao$' "$work/contents-$arch" ||
		fail "$deb: usr/bin/jixiao is not an executable owned by root"
	if awk '$2 != "root/root"' "$work/contents-$arch" | grep -q .; then
		fail "$deb: files not owned by root: $(awk '$2 != "root/root"' "$work/contents-$arch")"
	fi
	ok "$deb: control fields and contents"

	root="$work/root-$arch"
	dpkg -x "$deb" "$root"
	cmp -s "$root/usr/bin/jixiao" "$dist/linux-$arch/jixiao" || fail "$deb: usr/bin/jixiao is not $dist/linux-$arch/jixiao"

	run=()
	case $arch in
	arm64) run=(qemu-aarch64-static) ;;
	loong64) run=(qemu-loongarch64-static) ;;
	esac
	if [ ${#run[@]} -gt 0 ] && ! command -v "${run[0]}" >/dev/null; then
		if [ "$arch" = loong64 ]; then
			skip "$deb: ${run[0]} is not installed; its jixiao was NOT run"
		else
			fail "$deb: ${run[0]} is not installed (apt-get install qemu-user-static)"
		fi
	else
		v=$("${run[@]}" "$root/usr/bin/jixiao" version) || fail "$deb: jixiao version failed"
		# dist.sh turns the '-' of 1.2.0-rc1 and 1.2.0-3-gabc into ~ and + for Debian.
		shown=$(sed -n '1s/^jixiao //p' <<<"$v")
		[ "$(tr -- '-+~' ... <<<"$shown")" = "$(tr -- '-+~' ... <<<"$version")" ] ||
			fail "$deb: jixiao version shows ${shown:-nothing}, the package is $version: $v"
		grep -q "^平台：linux/$arch\$" <<<"$v" || fail "$deb: jixiao version does not show linux/$arch: $v"
		if [ -n "$commit" ]; then
			grep -q "^修订：$commit" <<<"$v" || fail "$deb: jixiao version does not show commit $commit: $v"
			grep -q "^构建日期：$builddate" <<<"$v" || fail "$deb: jixiao version does not show the commit date $builddate: $v"
		fi
		ok "$deb: jixiao version from the unpacked root: $(tr '\n' ' ' <<<"$v")"
		desktop_start "$root" "$arch" "${run[@]}"
	fi
done

echo "== desktop entry, icon, man page"
root="$work/root-amd64"
entry="$root/usr/share/applications/jixiao.desktop"
if [ -f "$entry" ]; then
	if command -v desktop-file-validate >/dev/null; then
		if out=$(desktop-file-validate "$entry" 2>&1) && [ -z "$out" ]; then
			ok "desktop-file-validate"
		else
			fail "desktop-file-validate: $out"
		fi
	else
		skip "desktop-file-validate is not installed (package desktop-file-utils)"
	fi
	for want in 'Name\[zh_CN\]=绩效目标汇总' 'Exec=jixiao .*%F$' 'Terminal=true' 'Icon=jixiao' 'Type=Application'; do
		grep -q "^$want" "$entry" || fail "jixiao.desktop lacks $want"
	done
	for mime in application/vnd.openxmlformats-officedocument.spreadsheetml.sheet application/vnd.ms-excel \
		text/csv application/vnd.openxmlformats-officedocument.wordprocessingml.document \
		application/vnd.oasis.opendocument.spreadsheet; do
		grep -q "^MimeType=.*$mime;" "$entry" || fail "jixiao.desktop MimeType lacks $mime"
	done
	ok "jixiao.desktop: name, Exec with %F, terminal, icon, MIME types of .xlsx .xls .csv .docx .ods"
fi
svg="$root/usr/share/icons/hicolor/scalable/apps/jixiao.svg"
if command -v python3 >/dev/null; then
	if python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(r.tag != "{http://www.w3.org/2000/svg}svg")' "$svg"; then
		ok "jixiao.svg is well-formed SVG"
	else
		fail "jixiao.svg is not well-formed SVG"
	fi
else
	skip "python3 is not installed: jixiao.svg not parsed"
fi
man="$root/usr/share/man/man1/jixiao.1.gz"
if command -v groff >/dev/null; then
	warn=$(zcat "$man" | LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -z 2>&1)
	text=$(zcat "$man" | LC_ALL=C.UTF-8 groff -k -man -Tutf8 2>/dev/null)
	if [ -n "$warn" ]; then
		fail "man page: $warn"
	elif ! grep -q 乡镇预算绩效目标 <<<"$text" || grep -q @VERSION@ <<<"$text"; then
		fail "man page does not render as expected"
	else
		ok "man page renders without warnings"
	fi
else
	skip "groff is not installed: man page not rendered"
fi

echo "== reproducible"
if [ -n "${SKIP_REBUILD:-}" ]; then
	skip "SKIP_REBUILD is set: dist.sh not run a second time"
else
	DIST="$work/again" bash scripts/dist.sh >/dev/null
	if diff "$dist/SHA256SUMS" "$work/again/SHA256SUMS"; then
		ok "a second build gives the same SHA256SUMS"
	else
		fail "a second build differs (above)"
	fi
fi

if [ "$fails" -gt 0 ]; then
	echo "dist-check: $fails failure(s)" >&2
	exit 1
fi
echo "dist-check: all passed"
