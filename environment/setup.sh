#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (or CI) for building and testing the project.
# Idempotent: installs only what is missing, then restores NuGet packages.
#   - patchelf, g++, python3: used by environment/torch_native_fix.py, which the build runs to
#     make TorchSharp's native library load here and to put MKL on its fast path on AMD CPUs.
#   - python3-nbformat, python3-jupyter-client, python3-nbclient: used by tests that validate
#     executed notebooks and drive the Jupyter kernel with a real client.
#   - chromium: the browser tests open report.html and the notebook exports in it through Playwright (which
#     cannot download its own browsers here), and --png renders the report's figures with it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need=()
command -v patchelf >/dev/null 2>&1 || need+=(patchelf)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# Debian's own python3 (/usr/bin/python3, not a pyenv shim) runs the notebook and kernel checks.
[ -x /usr/bin/python3 ] || need+=(python3)
/usr/bin/python3 -c "import nbformat" >/dev/null 2>&1 || need+=(python3-nbformat)
/usr/bin/python3 -c "import jupyter_client" >/dev/null 2>&1 || need+=(python3-jupyter-client)
/usr/bin/python3 -c "import nbclient" >/dev/null 2>&1 || need+=(python3-nbclient)
[ -x /usr/bin/chromium ] || need+=(chromium)
for pkg in ${DISTILL_EXTRA_APT:-}; do need+=("$pkg"); done

if ((${#need[@]})); then
  echo "[setup] installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q >/dev/null
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "[setup] the .NET 10 SDK is required (dotnet was not found on PATH)" >&2
  exit 1
fi

echo "[setup] restoring NuGet packages"
dotnet restore Research.sln --verbosity quiet
echo "[setup] ready: $(dotnet --version), $(python3 --version), $(patchelf --version)"
