"""Printers: server Tables to rows, json/yaml/name, JSONPath templates, custom columns."""
