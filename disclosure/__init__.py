"""The disclosure gate: every figure the portal publishes from confidential data
(contract values, prices, organisation sizes, contract lock-in risk) is computed through
this package, from a release.

It sits at the bottom of the dependency graph and imports no app of the portal. The
apps that own the data register a producer (disclosure.releases.register) that turns
their data into protected figures with the functions of disclosure.statistics; the
command ``publish_release`` runs every producer and stores what they return as one
immutable release (disclosure.models.Release)."""
