#!/bin/sh
# Build the one-folder bundle dist/annotator/ with PyInstaller, then check it:
# `annotator --version` and `annotator self-test` (offscreen), run from outside the checkout.
#
#   packaging/build.sh            # uses .venv/bin/python (PYTHON=... to change)
#   packaging/build.sh --tar      # also writes dist/annotator-VERSION-linux-ARCH.tar.gz
#
# DISTPATH and WORKPATH move the output (default dist/ and build/ in the checkout).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-.venv/bin/python}
DISTPATH=${DISTPATH:-$ROOT/dist}
WORKPATH=${WORKPATH:-$ROOT/build}

if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
    echo "build.sh: PyInstaller is not installed; run: $PYTHON -m pip install -e '.[package]'" >&2
    exit 1
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DISTPATH" --workpath "$WORKPATH" packaging/annotator.spec
if [ "${ANNOTATOR_BUNDLE_TRIM:-1}" != "0" ] && command -v strip >/dev/null; then
    # Not the wheels' vendored libraries (`*.libs/`): patchelf-ed, they break when stripped.
    find "$DISTPATH/annotator" -type f \( -name '*.so' -o -name '*.so.*' \) \
        -not -path '*.libs/*' -exec strip --strip-unneeded {} + 2>/dev/null || true
    strip --strip-unneeded "$DISTPATH/annotator/annotator" 2>/dev/null || true
fi
end=$(date +%s)

BIN="$DISTPATH/annotator/annotator"
cd /  # the bundle must not need the checkout
"$BIN" --version
QT_QPA_PLATFORM=offscreen "$BIN" self-test
echo "built $DISTPATH/annotator in $((end - start)) s: $(du -sh "$DISTPATH/annotator" | cut -f1)"

if [ "${1:-}" = "--tar" ]; then
    version=$("$BIN" --version | cut -d' ' -f2)
    tarball="$DISTPATH/annotator-$version-linux-$(uname -m).tar.gz"
    tar -C "$DISTPATH" -czf "$tarball" annotator
    echo "wrote $tarball: $(du -sh "$tarball" | cut -f1)"
fi
