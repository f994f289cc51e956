"""Deterministic noise: the Laplace mechanism of a kept library (IBM's diffprivlib),
seeded per figure from a secret and the figure's data.

Seeds come from a keyed hash (HMAC-SHA256) of the kind of statistic and its cell key:
the sum of its contributions' record keys, as in the cell key method that statistics
offices use (ABS TableBuilder). So a statistic over the same data gets the same noise
in every release, every request and under every label (another year, peer group,
filter or page showing the same organisations' same values): asking again, waiting
for the next release or finding the same data elsewhere gives no new draw to average
away. When any contribution changes, the noise is drawn anew."""

import hashlib
import hmac

import numpy as np

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def secret():
    """The noise secret: DISCLOSURE_NOISE_SECRET, else derived from SECRET_KEY. Whoever
    knows it can remove the noise, so it is as confidential as the contract data."""
    from django.conf import settings

    configured = getattr(settings, "DISCLOSURE_NOISE_SECRET", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"disclosure-noise", hashlib.sha256).digest()


def seed(*parts, key=None) -> int:
    """A 32-bit seed (what numpy's RandomState takes) from ``parts``."""
    message = "\x1f".join(str(part) for part in parts).encode()
    digest = hmac.new(key or secret(), message, hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "little")


def figure_seed(kind, cell: int) -> int:
    """The seed of a statistic of ``kind`` over the data whose cell key is ``cell``."""
    return seed(kind, cell)


def _mix(x):
    """SplitMix64's finaliser: spreads integer inputs over all 64 bits."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def record_keys(organisations, values) -> np.ndarray:
    """One 64-bit key per contribution (organisation and value to the cent)."""
    orgs = np.asarray(organisations, dtype=np.int64).astype(np.uint64)
    cents = np.round(np.nan_to_num(np.asarray(values, dtype="float64")) * 100)
    cents = cents.astype(np.int64).astype(np.uint64)
    return _mix(_mix(orgs + np.uint64(1)) ^ cents)


def cell_key(organisations, values) -> int:
    """The sum (mod 2**64) of the contributions' record keys: changes whenever any
    contribution does, and does not depend on their order."""
    keys = record_keys(organisations, values)
    with np.errstate(over="ignore"):
        return int(keys.sum(dtype=np.uint64) & _MASK)


def laplace_each(values, scales, figure_seed: int):
    """Each of ``values`` plus Laplace noise of its own scale, from one seeded stream."""
    # Imported here: the library loads scikit-learn, which web requests rarely need.
    from diffprivlib.mechanisms import Laplace

    stream = np.random.RandomState(figure_seed)
    noisy = []
    for value, scale in zip(values, scales, strict=True):
        if not scale or scale <= 0 or not np.isfinite(scale):
            noisy.append(float(value))
            continue
        mechanism = Laplace(epsilon=1.0, sensitivity=float(scale), random_state=stream)
        noisy.append(float(mechanism.randomise(float(value))))
    return noisy
