"""click commands: parse flags, call the layers below, hand results to a printer."""
