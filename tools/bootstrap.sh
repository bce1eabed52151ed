#!/usr/bin/env bash
# RetroGait set-up on a fresh Debian 12 machine: installs the Debian packages it needs
# (with sudo when not root, non-interactive), configures and builds, then
#   run   runs the main job: the studio when a display is available, otherwise the headless
#         forward-vs-backward comparison with its report, in out/compare (the default)
#   test  runs the whole test suite (the long scenario runs are opt-in: ctest -L long)
#   build only installs and builds
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-run}"

packages=(g++ cmake make pkg-config libbullet-dev libimgui-dev libglfw3-dev libglm-dev catch2 libstb-dev
          libepoxy-dev xvfb xauth libgl1-mesa-dri libeigen3-dev nlohmann-json3-dev libcli11-dev
          python3 python3-matplotlib python3-numpy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "== installing: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== building (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

case "$what" in
  build) ;;
  test)
    echo "== testing"
    ctest --test-dir build --output-on-failure -LE long -j"$(nproc)"
    ;;
  run)
    if [ -n "${DISPLAY:-}" ] && [ -x build/bin/retrogait-studio ]; then
      exec build/bin/retrogait-studio --scene scenes/treadmill.json
    fi
    echo "== no display: headless forward-vs-backward comparison on the treadmill, files in out/compare"
    build/bin/retrogait compare --scene scenes/treadmill.json --speed 1.25 --strides 10 --out out/compare
    echo "== report: out/compare/report.html (summary: out/compare/summary.json)"
    ;;
  *) echo "usage: bash tools/bootstrap.sh [run|test|build]" >&2; exit 2 ;;
esac
