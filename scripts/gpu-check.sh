#!/usr/bin/env bash
# GPU check, for a machine with an NVIDIA GPU: builds the CPU flavour and the GPU flavour (-p:OnnxRuntimeGpu=true, which
# links Microsoft.ML.OnnxRuntime.Gpu), runs the text encoder + cross-encoder bench (`agentrec bench encoders`) and the
# LLM decode bench (`agentrec bench llm`, the test models under shared/models/test) on the CPU and on the CUDA execution
# provider, and prints one JSON line:
#   {"check":"gpu","gpu":..,"seconds":..,"cpu":{"encoders":{..},"llm":{..}},"cuda":{"encoders":{..},"llm":{..}},"error":..}
# Each bench object is that bench's own last-line JSON. Exit 0 when both providers ran; otherwise exit 1 with "error"
# saying what is missing (no GPU, no CUDA provider, a failed build or bench); the CPU figures are still reported.
# Runs in under 5 minutes on a 16-core GPU machine with the NuGet cache warm (each bench is capped by --bench-timeout).
#
#   scripts/gpu-check.sh [--seconds 2] [--tokens 32] [--runs 3] [--bench-timeout 100]
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=2
tokens=32
runs=3
bench_timeout=100
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --tokens) tokens=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --bench-timeout) bench_timeout=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--tokens N] [--runs N] [--bench-timeout S]" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=artifacts/gpu-check
mkdir -p "$out"
log="$out/gpu-check.log"
: >"$log"
started=$SECONDS
errors=()
gpu=null
declare -A result=([cpu.encoders]=null [cpu.llm]=null [cuda.encoders]=null [cuda.llm]=null)

# A JSON string of $1 (escapes backslashes, quotes and control characters).
json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/ }
  s=${s//$'\r'/}
  s=${s//$'\t'/ }
  printf '"%s"' "$s"
}

# The last lines of a command's output without colour codes, on one line, for an error message.
tail_text() { sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" | grep -v '^\s*$' | tail -n "${2:-3}" | tr -s ' \n' ' '; }

# build FLAVOUR [msbuild args...]: a Release build of the command line in its own artifacts folder, so the two
# flavours never share restore or build outputs with each other or with the working tree's own build.
build() {
  local flavour=$1
  shift
  echo "== build $flavour" | tee -a "$log" >&2
  if dotnet build src/AgentRec.Cli -c Release --artifacts-path "$out/$flavour" "$@" >"$out/build-$flavour.txt" 2>&1; then
    cat "$out/build-$flavour.txt" >>"$log"
    return 0
  fi
  cat "$out/build-$flavour.txt" >>"$log"
  errors+=("the $flavour flavour did not build: $(grep -E ' error [A-Z]+[0-9]+' "$out/build-$flavour.txt" | sed 's/^[^:]*: //' | sort -u | head -n 2 | tr '\n' ' ')")
  return 1
}

# bench FLAVOUR PROVIDER NAME ARGS...: runs `agentrec bench NAME ARGS --provider PROVIDER` from FLAVOUR's build and
# stores its last-line JSON as result[PROVIDER.NAME].
bench() {
  local flavour=$1 provider=$2 name=$3
  shift 3
  local dll="$out/$flavour/bin/AgentRec.Cli/release/agentrec.dll"
  local file="$out/$provider-$name.txt"
  echo "== bench $name on $provider" | tee -a "$log" >&2
  timeout "$bench_timeout" dotnet "$dll" bench "$name" --provider "$provider" "$@" >"$file" 2>&1
  local rc=$?
  cat "$file" >>"$log"
  local last
  last=$(tail -n 1 "$file")
  if [ $rc -eq 0 ] && [[ $last == '{"bench":'* ]]; then
    result[$provider.$name]=$last
  elif [ $rc -eq 124 ]; then
    errors+=("bench $name on $provider did not finish within $bench_timeout s")
  else
    errors+=("bench $name on $provider failed (exit $rc): $(tail_text "$file" 4)")
  fi
}

if ! command -v dotnet >/dev/null; then
  errors+=("dotnet is not installed (the .NET SDK pinned in global.json is needed)")
else
  # The CPU flavour: the reference figures.
  if build cpu; then
    bench cpu cpu encoders --seconds "$seconds" --round-seconds 1 --no-peer
    bench cpu cpu llm --tokens "$tokens" --runs "$runs" --warmup-seconds 1
  fi

  # The GPU flavour, only where a GPU answers.
  if ! command -v nvidia-smi >/dev/null; then
    errors+=("no NVIDIA GPU: nvidia-smi is not installed, so no CUDA execution provider can run here")
  elif ! smi=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1) || [ -z "$smi" ]; then
    errors+=("no NVIDIA GPU: nvidia-smi found none ($(echo "$smi" | head -n 1))")
  else
    gpu=$(json_str "$(echo "$smi" | head -n 1)")
    if build gpu -p:OnnxRuntimeGpu=true; then
      bench gpu cuda encoders --seconds "$seconds" --round-seconds 1 --no-peer
      bench gpu cuda llm --tokens "$tokens" --runs "$runs" --warmup-seconds 1
    fi
  fi
fi

error=null
if [ ${#errors[@]} -gt 0 ]; then
  joined=$(printf '%s; ' "${errors[@]}")
  error=$(json_str "${joined%; }")
fi

printf '{"check":"gpu","gpu":%s,"seconds":%d,"cpu":{"encoders":%s,"llm":%s},"cuda":{"encoders":%s,"llm":%s},"log":"%s","error":%s}\n' \
  "$gpu" $((SECONDS - started)) "${result[cpu.encoders]}" "${result[cpu.llm]}" "${result[cuda.encoders]}" "${result[cuda.llm]}" "$log" "$error"
[ "$error" = null ]
