"""client-go's ``tools/clientcmd``: kubeconfig files, their merge, validation, command-line
overrides, and what they resolve to (see docs/layers.md). Empty on purpose: completion imports
``kctl.clientcmd.paths`` on every TAB and must not pay for the rest."""
