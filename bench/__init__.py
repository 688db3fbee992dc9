"""Side-by-side benchmarks: kctl against kubectl on the same control plane.

Run ``python -m bench`` for every scenario or ``python -m bench NAME ...`` for some; see
``bench/scenarios.py`` for what each one measures and ``bench/results/latest.md`` for the last
table.
"""
