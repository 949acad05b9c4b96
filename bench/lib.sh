# Shared by the bench/ scripts (sourced, not run): check the tools a script
# needs, build the release binary and name it.
#
#   source bench/lib.sh
#   need_tools openssl python3 /usr/bin/time
#   build_isnad            # sets $bin to the absolute path of release/isnad

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
  done
}

build_isnad() {
  cargo build --release -q -p isnad-cli
  local target_dir=${CARGO_TARGET_DIR:-target}
  case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
  bin="$target_dir/release/isnad"
}
