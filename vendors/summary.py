"""The summary card at the top of a vendor's and a product's page: scores with the
evidence behind them, certificates with their validity in words, the published lock-in
figure and the code-of-conduct status. Built from what vendors.profile already read;
no query of its own."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from vendors.models.evidence import EvidenceLevel

EXPIRES_SOON_DAYS = 90

# state -> (words, Utrecht status-badge modifier, a symbol so colour is never alone)
CERTIFICATE_STATES = {
    "valid": (_("Valid"), "valid", "✓"),
    "expires_soon": (_("Expires soon"), "warning", "!"),
    "expired": (_("Expired"), "invalid", "✗"),
    "not_yet_valid": (_("Not yet valid"), "neutral", "…"),
}

# strongest first, as a reader compares them
LEVELS = [EvidenceLevel.CERTIFIED, EvidenceLevel.CONFIRMED, EvidenceLevel.SELF_DECLARED]


@dataclass(frozen=True)
class CertificateStatus:
    certificate: object
    state: str  # a key of CERTIFICATE_STATES

    @property
    def label(self):
        return CERTIFICATE_STATES[self.state][0]

    @property
    def modifier(self):
        return CERTIFICATE_STATES[self.state][1]

    @property
    def symbol(self):
        return CERTIFICATE_STATES[self.state][2]


def certificate_state(certificate, day):
    if day < certificate.valid_from:
        return "not_yet_valid"
    if day > certificate.valid_until:
        return "expired"
    if certificate.valid_until - day <= timedelta(days=EXPIRES_SOON_DAYS):
        return "expires_soon"
    return "valid"


def certificate_statuses(certificates, day):
    """CertificateStatus for each certificate (each once), the ones still counting first."""
    unique = {c.pk: c for c in certificates}.values()
    statuses = [CertificateStatus(c, certificate_state(c, day)) for c in unique]
    order = list(CERTIFICATE_STATES)
    return sorted(statuses, key=lambda s: (order.index(s.state), s.certificate.valid_until))


@dataclass
class EvidenceCount:
    """How many claimed standards reach each evidence level, strongest first."""

    counts: list = field(default_factory=list)  # (EvidenceLevel, number), numbers > 0

    @classmethod
    def of(cls, levels):
        found = Counter(levels)
        return cls([(level, found[level]) for level in LEVELS if found[level]])

    @property
    def total(self):
        return sum(n for _level, n in self.counts)


def product_summary(evidence, day):
    """What a product's card shows, from a vendors.profile.ProductEvidence."""
    return {
        "evidence": evidence,
        "levels": EvidenceCount.of(level for _claim, level in evidence.claims),
        "certificates": certificate_statuses((c for c, _valid in evidence.certificates), day),
        "required_missing": _required_missing(evidence.statement),
    }


def vendor_summary(evidence_list, certificates, day):
    """A vendor's card: its products' cards and all the vendor's certificates."""
    products = [product_summary(evidence, day) for evidence in evidence_list]
    return {
        "products": products,
        "levels": EvidenceCount.of(
            level for evidence in evidence_list for _claim, level in evidence.claims
        ),
        "certificates": certificate_statuses(certificates, day),
    }


def _required_missing(statement):
    """Required (SHALL) items the latest CapabilityStatement misses over all sets, or
    None without a statement."""
    if statement is None:
        return None
    return sum(r["shall_total"] - r["shall_met"] for r in statement.coverage.values())
