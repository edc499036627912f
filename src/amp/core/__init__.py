"""The pure domain of amp: money, periods, the plan model, plan arithmetic and checks.

Nothing here imports a framework, a database or a file format; every other part of amp
depends on this package, and it depends on nothing of ours outside it.
"""
