#!/usr/bin/env bash
# RelJournal.app in a .dmg (a recipe: not built or tested in this project's CI, which
# runs on Linux). On a Mac, from the repository's top folder:
#
#   python3.11 -m venv .venv && .venv/bin/pip install -e '.[build]'
#   .venv/bin/pyinstaller --noconfirm build.spec      # -> dist/RelJournal.app
#   bash resources/installer/macos/build-dmg.sh       # -> dist/RelJournal-<version>.dmg
#
# build.spec writes the Info.plist (bundle identifier, version, NSHighResolutionCapable)
# and the .icns icon. Uses create-dmg (brew install create-dmg) when it is there, for a
# window with an Applications link; otherwise plain hdiutil.
#
# To ship outside your own Macs, sign and notarize (needs an Apple Developer ID):
#   RELJOURNAL_CODESIGN_IDENTITY="Developer ID Application: ..." pyinstaller build.spec
#   codesign --force --deep --options runtime --sign "$RELJOURNAL_CODESIGN_IDENTITY" dist/RelJournal.app
#   (after building the .dmg) xcrun notarytool submit dist/RelJournal-<version>.dmg --wait \
#       --keychain-profile <profile> && xcrun stapler staple dist/RelJournal-<version>.dmg
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
app="$root/dist/RelJournal.app"
[ -d "$app" ] || { echo "no $app: run pyinstaller build.spec first" >&2; exit 1; }
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
dmg="$root/dist/RelJournal-$version.dmg"
rm -f "$dmg"
if command -v create-dmg >/dev/null; then
  create-dmg --volname "RelJournal $version" --window-size 540 360 --icon-size 96 \
    --icon "RelJournal.app" 140 170 --app-drop-link 400 170 --hide-extension "RelJournal.app" \
    "$dmg" "$app"
else
  stage="$(mktemp -d)"
  trap 'rm -rf "$stage"' EXIT
  cp -R "$app" "$stage/"
  ln -s /Applications "$stage/Applications"
  hdiutil create -volname "RelJournal $version" -srcfolder "$stage" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"
fi
echo "$dmg"
