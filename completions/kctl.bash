# bash completion for kctl
#
# Load it in the current shell:
#   source <(kctl completion bash)
# Install it for every new shell (with the bash-completion package):
#   kctl completion bash > ~/.local/share/bash-completion/completions/kctl
# Without bash-completion: save it anywhere and source that file from ~/.bashrc.
#
# Works with or without the bash-completion package; needs bash 4.1 or newer.

# __kctl_request PROG ARGS...: the engine's answer (candidates, then ":<directive>") in
# __kctl_out. Not run in a subshell, so the launcher it learns is kept for the next TAB.
__kctl_request() {
    local prog="$1" out=""
    shift
    if [[ "${__kctl_launcher_for-}" != "$prog" ]]; then
        __kctl_launcher=()
        local part
        while IFS= read -r part; do
            __kctl_launcher+=("$part")
        done < <("$prog" __completion_launcher 2>/dev/null)
        __kctl_launcher_for="$prog"
    fi
    if [[ ${#__kctl_launcher[@]} -gt 1 ]]; then
        out=$("${__kctl_launcher[@]}" "$@" 2>/dev/null)
    fi
    if [[ "${out##*$'\n'}" != :* ]]; then
        # no answer from the fast command: forget it (the next TAB asks again) and use kctl
        __kctl_launcher=()
        __kctl_launcher_for=""
        out=$("$prog" "$@" 2>/dev/null)
    fi
    __kctl_out="$out"
}

__kctl_complete() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local line="${COMP_LINE:0:COMP_POINT}"
    local -a words=()
    read -r -a words <<< "$line"
    # a blank before the cursor means a new, empty word is being completed
    if [[ ${#words[@]} -eq 0 || "$line" == *[[:space:]] ]]; then
        words+=("")
    fi
    local prog=kctl
    if [[ "${words[0]}" == */* ]]; then
        prog="${words[0]/#\~/$HOME}"
    fi

    local __kctl_out=""
    __kctl_request "$prog" __completeNoDesc "${words[@]:1}"
    local out="$__kctl_out"
    local last="${out##*$'\n'}"
    [[ "$last" == :* ]] || return 0
    local directive="${last:1}"
    [[ "$directive" =~ ^[0-9]+$ ]] || directive=0
    if [[ "$out" == *$'\n'* ]]; then
        out="${out%$'\n'*}"
    else
        out=""
    fi
    (( directive & 1 )) && return 0

    # bash splits words at = and : (COMP_WORDBREAKS); the candidates are whole words, so cut
    # them down to the part that replaces bash's current word.
    local word="${words[${#words[@]}-1]}"
    local strip=0
    if [[ "$word" == *"$cur" ]]; then
        strip=$(( ${#word} - ${#cur} ))
    fi

    COMPREPLY=()
    local candidate
    while IFS= read -r candidate; do
        [[ -n "$candidate" ]] && COMPREPLY+=("${candidate:strip}")
    done <<< "$out"

    if (( directive & 2 )); then
        compopt -o nospace 2>/dev/null
    fi
    if [[ ${#COMPREPLY[@]} -eq 0 ]]; then
        if (( directive & 16 )); then
            compopt -o dirnames 2>/dev/null
        elif (( ! (directive & 4) )); then
            compopt -o default 2>/dev/null
        fi
    fi
    return 0
}

complete -F __kctl_complete kctl
