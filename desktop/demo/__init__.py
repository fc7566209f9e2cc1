"""The embedded demo: a tiny registrar, a demo caller, and the IXC / Discord / OPA simulators
the demo and the tests talk to.
"""
