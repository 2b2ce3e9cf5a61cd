#!/usr/bin/env bash
# Linux installers from the frozen app (run `pyinstaller --noconfirm build.spec` first;
# `make dist` does both):
#   dist/reljournal_<version>_<arch>.deb          installs to /opt/reljournal, with
#                                                 /usr/bin/reljournal, a menu entry and icons
#   dist/RelJournal-<version>-linux-<machine>.tar.gz   the same app to unpack anywhere
# Uses only dpkg-deb and tar. Usage: build-packages.sh [DIST_DIR]   (default: dist)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dist="$(cd "${1:-$root/dist}" && pwd)"
app="$dist/RelJournal"
[ -x "$app/RelJournal" ] || { echo "no frozen app at $app: run pyinstaller build.spec" >&2; exit 1; }

version="$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import reljournal; print(reljournal.__version__)' "$root")"
arch="$(dpkg --print-architecture)"
machine="$(uname -m)"
icons="$root/resources/icons"

# The oldest glibc the bundle works with: the newest GLIBC_x.y symbol any file asks for.
glibc="$(find "$app" -type f \( -name '*.so*' -o -name RelJournal \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# --- .deb -----------------------------------------------------------------------------
pkg="$stage/deb"
install -d "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/doc/reljournal" "$pkg/usr/share/icons/hicolor/scalable/apps"
cp -a "$app" "$pkg/opt/reljournal"
ln -s /opt/reljournal/RelJournal "$pkg/usr/bin/reljournal"
install -m 644 "$here/reljournal.desktop" "$pkg/usr/share/applications/reljournal.desktop"
install -m 644 "$icons/reljournal.svg" "$pkg/usr/share/icons/hicolor/scalable/apps/reljournal.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "$icons/reljournal-$size.png" \
    "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/reljournal.png"
done
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: RelJournal"
  echo
  echo "Files: *"
  echo "License: MIT"
  sed 's/^$/./; s/^/ /' "$root/LICENSE"
  echo
  echo "Files: opt/reljournal/_internal/*"
  echo "Comment: Python, Qt for Python (PySide6, LGPL-3.0), SQLCipher and the other"
  echo " libraries bundled by PyInstaller, each under its own licence."
} > "$pkg/usr/share/doc/reljournal/copyright"
find "$pkg" -type d -exec chmod 755 {} +
find "$pkg/usr/share" -type f -exec chmod 644 {} +
chmod 755 "$pkg/opt/reljournal/RelJournal"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: reljournal
Version: $version
Architecture: $arch
Maintainer: RelJournal maintainers <maintainers@reljournal.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: libc6 (>= $glibc), libgl1, libegl1, libxcb1, libdbus-1-3, libssl3 | libssl3t64, fontconfig-config
Recommends: libwayland-client0, libwayland-cursor0, libwayland-egl1
Suggests: gnome-keyring | kwalletmanager | keepassxc
Section: utils
Priority: optional
Description: private, encrypted journal of customer relationships
 RelJournal keeps a sales rep's journal of each customer relationship (what
 customers said they expect, promises both ways, how the relationship stands)
 and tells, for every account, whether the customer wants a transactional or a
 relational relationship, why it thinks so, and how much effort it deserves.
 The journal is encrypted with SQLCipher; its key is kept in the desktop's
 keychain (Secret Service) or protected by a passphrase.
CONTROL
deb="$dist/reljournal_${version}_${arch}.deb"
# xz: the smallest package (about 40 MB); DEB_COMPRESSION=zstd builds in a second (55 MB).
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$pkg" "$deb" >/dev/null
echo "$deb"

# --- .tar.gz --------------------------------------------------------------------------
name="RelJournal-$version"
tree="$stage/tar/$name"
install -d "$tree"
cp -a "$app/." "$tree/"
install -m 644 "$here/reljournal.desktop" "$tree/reljournal.desktop"
install -m 644 "$icons/reljournal-256.png" "$tree/reljournal.png"
install -m 644 "$here/README-tarball.txt" "$tree/README.txt"
tarball="$dist/$name-linux-$machine.tar.gz"
tar -C "$stage/tar" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "$tarball"
