#!/bin/sh
# Install the Debian packages folio needs to build and test, only those missing.
pkgs="gcc make pkg-config libhpdf-dev libxml2-dev zlib1g-dev libcmocka-dev libhyphen-dev
hyphen-sv poppler-utils qpdf valgrind time
default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "deps: missing packages:$missing; run as root: apt-get install$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq >/dev/null && ${SUDO:-} apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	{ echo "deps: apt-get install$missing failed" >&2; exit 1; }
