"""client-go's ``rest``: RestConfig, the REST client and what it is built from (transport,
auth, response decoding, request logging). Empty on purpose: ``kctl.rest.config`` must import
without ``requests``."""
