"""The bash, zsh and fish completion scripts printed by ``kctl completion SHELL``.

Each script only turns the shell's command line into ``kctl __complete <words...> <partial>``
and the answer back into the shell's candidates; all knowledge lives in the engine. Generating
a script contacts no server and reads no kubeconfig. The same text is committed under
``completions/``.

Speed: on its first TAB a shell asks ``kctl __completion_launcher`` for a faster command line
for the same engine (the interpreter with ``-S`` and the package path, skipping the
console-script wrapper and site-packages start-up) and remembers it for the session. Should
that command ever fail to answer (kctl moved or upgraded), the script forgets it and runs
``kctl __complete`` itself.
"""

from __future__ import annotations

BASH = r"""# bash completion for kctl
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
"""

ZSH = r"""#compdef kctl
# zsh completion for kctl
#
# Install it (compinit must be enabled):  kctl completion zsh > "${fpath[1]}/_kctl"
#   then start a new shell (or: rm -f ~/.zcompdump*; compinit)
# Or load it in the current shell, after compinit:  source <(kctl completion zsh)

# __kctl_request PROG ARGS...: the engine's answer (candidates, then ":<directive>") in
# __kctl_out. Not run in a subshell, so the launcher it learns is kept for the next TAB.
__kctl_request() {
    local prog=$1 out=""
    shift
    if [[ ${__kctl_launcher_for-} != "$prog" ]]; then
        typeset -ga __kctl_launcher
        __kctl_launcher=("${(@f)$("$prog" __completion_launcher 2>/dev/null)}")
        typeset -g __kctl_launcher_for=$prog
    fi
    if (( ${#__kctl_launcher} > 1 )); then
        out=$("${__kctl_launcher[@]}" "$@" 2>/dev/null)
    fi
    if [[ ${out##*$'\n'} != :* ]]; then
        # no answer from the fast command: forget it (the next TAB asks again) and use kctl
        __kctl_launcher=()
        __kctl_launcher_for=""
        out=$("$prog" "$@" 2>/dev/null)
    fi
    __kctl_out=$out
}

__kctl_zsh_complete() {
    local cur=${(Q)words[CURRENT]}
    local -a before
    before=("${(@Q)words[2,CURRENT-1]}")
    local prog=kctl
    [[ ${words[1]} == */* ]] && prog=${~words[1]}

    local __kctl_out=""
    __kctl_request "$prog" __complete "${before[@]}" "$cur"
    local out=$__kctl_out
    local -a lines
    lines=("${(@f)out}")
    local last=${lines[-1]}
    [[ $last == :* ]] || return 1
    local directive=${last#:}
    [[ $directive == <-> ]] || directive=0
    lines=("${(@)lines[1,-2]}")
    (( directive & 1 )) && return 1

    local -a values shown
    local entry value desc
    for entry in "${lines[@]}"; do
        [[ -z $entry ]] && continue
        value=${entry%%$'\t'*}
        desc=""
        [[ $entry == *$'\t'* ]] && desc=${entry#*$'\t'}
        values+=("$value")
        if [[ -n $desc ]]; then
            shown+=("$value  -- $desc")
        else
            shown+=("$value")
        fi
    done

    if (( ${#values} == 0 )); then
        if (( directive & 16 )); then
            _path_files -/
            return
        elif (( ! (directive & 4) )); then
            _files
            return
        fi
        return 1
    fi
    local -a opts
    # -U: the engine already matched the word (short names too), so zsh must not filter again
    opts=(-U -l -d shown)
    (( directive & 2 )) && opts+=(-S '')
    compadd "${opts[@]}" -a values
}

if [[ "${funcstack[1]}" == _kctl ]]; then
    __kctl_zsh_complete "$@"
else
    compdef __kctl_zsh_complete kctl
fi
"""

FISH = r"""# fish completion for kctl
#
# Load it in the current shell:    kctl completion fish | source
# Install it for every new shell:  kctl completion fish > ~/.config/fish/completions/kctl.fish

# __kctl_request PROG ARGS...: print the engine's answer (candidates, then ":<directive>").
function __kctl_request
    set -l prog $argv[1]
    set -l args $argv[2..-1]
    # fish reports a missing command itself, whatever stderr says: check first
    command -q $prog
    or return
    if test "$__kctl_launcher_for" != "$prog"
        set -g __kctl_launcher ($prog __completion_launcher 2>/dev/null)
        set -g __kctl_launcher_for $prog
    end
    set -l lines
    if test (count $__kctl_launcher) -gt 1; and command -q $__kctl_launcher[1]
        set lines ($__kctl_launcher $args 2>/dev/null)
    end
    if not string match -q -- ':*' "$lines[-1]"
        # no answer from the fast command: forget it (the next TAB asks again) and use kctl
        set -g __kctl_launcher
        set -g __kctl_launcher_for ""
        set lines ($prog $args 2>/dev/null)
    end
    printf '%s\n' $lines
end

function __kctl_fish_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l prog kctl
    if string match -q -- '*/*' $tokens[1]
        set prog $tokens[1]
    end
    set -l lines (__kctl_request $prog __complete $tokens[2..-1] "$current")
    set -l last $lines[-1]
    string match -q -- ':*' "$last"
    or return
    set -l directive (string sub -s 2 -- $last)
    string match -qr -- '^[0-9]+$' "$directive"
    or set directive 0
    set -e lines[-1]
    if test (math "$directive % 2") -eq 1
        return
    end
    if test (count $lines) -eq 0
        if test (math "floor($directive / 16) % 2") -eq 1
            __fish_complete_directories "$current"
        else if test (math "floor($directive / 4) % 2") -eq 0
            __fish_complete_path "$current"
        end
        return
    end
    # fish adds no space after a candidate ending in "/" or "=", which is where the engine
    # asks for none (TYPE/, -o jsonpath=, /apis/)
    printf '%s\n' $lines
end

complete -c kctl -e
complete -c kctl -f -a '(__kctl_fish_complete)'
"""

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}
