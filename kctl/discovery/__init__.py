"""client-go's ``discovery``: the discovery client and its one-file disk cache. Empty on
purpose: ``kctl.discovery.cache`` is stdlib only (completion reads it)."""
