"""Shell completion: the ``kctl __complete`` protocol, its engine and the shell scripts.

Everything a completion request touches here is standard library only, so a TAB costs little
more than Python's own start-up; ``kctl/__main__.py`` routes ``__complete`` straight here
without importing click. Only the name completers (a live, time-limited list) load the
kubeconfig properly.
"""
