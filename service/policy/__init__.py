"""The follow-up policy as pure code: facts in, intents out (spec: policy.md P1-P6).

Nothing here reads a clock, a database or the network; ``now`` is always a parameter.
"""
