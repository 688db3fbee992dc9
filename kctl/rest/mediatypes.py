"""The Accept headers kctl sends, one copy for the dynamic client and for completion's name
lister (which must stay light: this module imports nothing)."""

# A Table of meta.k8s.io/v1, else v1beta1 (older aggregated APIs), else the plain JSON object
# or list (a server that cannot build Tables): client-go's order, so get and a TAB ask alike.
TABLE_ACCEPT = (
    "application/json;as=Table;v=v1;g=meta.k8s.io,"
    "application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
    "application/json"
)
JSON_ACCEPT = "application/json"
