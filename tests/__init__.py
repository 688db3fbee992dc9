"""kctl's tests; a package so ``python -m tests.envtest`` and the fixtures can import helpers."""
