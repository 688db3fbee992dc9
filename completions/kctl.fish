# fish completion for kctl
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
