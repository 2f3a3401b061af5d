# Sourced by bench/eval-unseen.sh and bench/eval-rivals.sh: optional sampling settings from the environment,
# as eval options in the array `sampling` (PRESERVE -> --preserve: keep the source where the latent did not change,
# 0 = off; ETA -> --eta: DDIM eta, 0 deterministic, 1 ancestral).
sampling=()
[[ -n "${PRESERVE:-}" ]] && sampling+=(--preserve "$PRESERVE")
[[ -n "${ETA:-}" ]] && sampling+=(--eta "$ETA")
true
