#!/usr/bin/env bash
# Makes sure the programs the local stack runs are on this machine:
#   moto             the multi-account AWS API emulator (Python package moto[server], 5.1 or newer),
#                    which the sandbox runs with python3 and its policy additions
#   docker-registry  a real container registry server
#   skopeo           a reference image copier, used by benchmarks
#   python3-pandas   pandas for the custom pandas steps of Data Wrangler flows in local job mode
#                    (any Python 3 that imports pandas will do: set SLUICE_PYTHON to it)
#   iam-evaluator    the npm packages of sandbox/iam-evaluator, which tests use to check calls
#                    against IAM policies (needs Node.js 18 or newer and npm)
# Installs the Debian packages with apt-get when they are missing and apt-get can be used;
# otherwise stops with the exact command a person must run. Fast when everything is present.
set -euo pipefail

missing_packages=()
command -v docker-registry >/dev/null 2>&1 || missing_packages+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing_packages+=(skopeo)
# Whether a module is installed, found without importing it (importing pandas or moto takes a second).
has_module='import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 1)'
pandas_python() {
  for python in ${SLUICE_PYTHON:-python3 /usr/bin/python3}; do
    if "$python" -c "$has_module" pandas >/dev/null 2>&1; then
      return 0
    fi
  done
  return 1
}
pandas_found=true
pandas_python || { pandas_found=false; missing_packages+=(python3-pandas); }

if [ ${#missing_packages[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_prefix=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_prefix=(sudo -n)
      else
        echo "local-tools: missing ${missing_packages[*]}; run: sudo apt-get update && sudo apt-get install -y ${missing_packages[*]}" >&2
        exit 1
      fi
    fi
    echo "local-tools: installing ${missing_packages[*]} with apt-get" >&2
    "${sudo_prefix[@]}" apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
  else
    echo "local-tools: missing ${missing_packages[*]}; install the Debian/Ubuntu packages of those names (or the registry:2 and skopeo programs of your platform)" >&2
    exit 1
  fi
fi

# moto's server and the services the sandbox extends (Lake Formation came in 5.1), by their files.
moto_server_files='import importlib.util, os, sys
spec = importlib.util.find_spec("moto")
root = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else ""
sys.exit(0 if root and all(os.path.isfile(os.path.join(root, *name.split("/")) + ".py")
                           for name in ("server", "lakeformation/models", "sagemaker/responses")) else 1)'
if ! python3 -c "$moto_server_files" >/dev/null 2>&1; then
  echo "local-tools: python3 has no moto server with Lake Formation (5.1 or newer); run: python3 -m pip install 'moto[server]>=5.1'" >&2
  exit 1
fi
if ! command -v docker-registry >/dev/null 2>&1; then
  echo "local-tools: docker-registry is still missing after installation; run: apt-get install -y docker-registry" >&2
  exit 1
fi
if ! "$pandas_found" && ! pandas_python; then
  echo "local-tools: no Python 3 here imports pandas; run: apt-get install -y python3-pandas (or set SLUICE_PYTHON to a Python with pandas)" >&2
  exit 1
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "local-tools: node and npm are needed for sandbox/iam-evaluator; install Node.js 18 or newer with npm (Debian/Ubuntu: apt-get install -y nodejs npm)" >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "local-tools: sandbox/iam-evaluator needs Node.js 18 or newer; this is $(node --version)" >&2
  exit 1
fi
evaluator_directory="$(cd "$(dirname "$0")" && pwd)/iam-evaluator"
# npm ci writes node_modules/.package-lock.json last, so it marks a complete install.
installed_lock="$evaluator_directory/node_modules/.package-lock.json"
if [ ! -f "$installed_lock" ] || [ "$evaluator_directory/package-lock.json" -nt "$installed_lock" ]; then
  echo "local-tools: installing the npm packages of sandbox/iam-evaluator" >&2
  (cd "$evaluator_directory" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
fi
