#!/usr/bin/env bash
# Generates the IVR prompt audio from the text lists next to this script:
#   <lang>/words.tsv    every word the speech code can emit (written by
#                       dev.cobra.ivr.speech.PromptCatalog; refreshed here when the jar exists)
#   <lang>/phrases.tsv  the fixed phrases of the shipped flow (edited by people)
# Each line is "<category>/<name><TAB><text>"; the result is <lang>/<category>/<name>.wav,
# 8 kHz mono 16-bit PCM (what Asterisk plays without transcoding on a G.711 channel).
#
# The generated files are committed, so running Cobra needs neither tool. To regenerate:
#   apt-get install -y espeak-ng sox
#   COMPANY_NAME_PT_BR="Minha Empresa" COMPANY_NAME_EN="My Company" CONTACT_NAME="Ana" \
#     ivr-flows/prompts/generate.sh
# The company name is also said to answering machines: it must not reveal debt collection
# (Reg F limited-content message, 12 CFR 1006.2(j); CDC art. 42 / LGPD for third parties).
# Replace any file with a studio recording of the same name; keep 8 kHz mono 16-bit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
: "${COMPANY_NAME_PT_BR:=Exemplo Serviços}"
: "${COMPANY_NAME_EN:=Example Services}"
: "${CONTACT_NAME:=Ana}"

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool not found (apt-get install -y espeak-ng sox)" >&2; exit 1; }
done

jar="$repo/dialer/target/cobra.jar"
if [ -f "$jar" ]; then
  java -cp "$jar" dev.cobra.ivr.speech.PromptCatalog "$here"
else
  echo "generate.sh: $jar not built; using the committed words.tsv lists" >&2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

generate() { # lang voice company
  local lang="$1" voice="$2" company="$3" count=0
  local dir="$here/$lang"
  # Stale audio (a word the code no longer says) is removed; phrases.tsv and words.tsv are the truth.
  find "$dir" -name '*.wav' -delete
  while IFS=$'\t' read -r name text; do
    [ -n "$name" ] || continue
    text="${text//\$\{COMPANY_NAME\}/$company}"
    text="${text//\$\{CONTACT_NAME\}/$CONTACT_NAME}"
    mkdir -p "$dir/$(dirname "$name")"
    espeak-ng -v "$voice" -s 165 -w "$tmp/raw.wav" -- "$text"
    # -D: no dither, so the output is byte-for-byte repeatable. Trim silence at both ends so
    # words chain without gaps, normalise, then add a short tail.
    sox -D "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$dir/$name.wav" \
      silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse norm -3 pad 0 0.04
    count=$((count + 1))
  done < <(cat "$dir/words.tsv" "$dir/phrases.tsv")
  echo "$lang: $count prompts"
}

generate pt-BR pt-br "$COMPANY_NAME_PT_BR"
generate en en-us "$COMPANY_NAME_EN"
du -sh "$here"
