"""Vendor models: the catalogue (vendors, products, taxonomy, standards) and the
evidence behind interoperability scores (claims, certificates, CapabilityStatements)."""

from vendors.models.catalogue import (  # noqa: F401
    Product,
    ProductCategory,
    ProductCategoryQuerySet,
    Standard,
    Vendor,
    VendorRepresentative,
)
from vendors.models.conduct import (  # noqa: F401
    CodeOfConductSignature,
    VendorReply,
)
from vendors.models.evidence import (  # noqa: F401
    CapabilityStatementVersion,
    Certificate,
    ClaimReview,
    StandardClaim,
)
from vendors.models.scoring import (  # noqa: F401
    InteroperabilityScore,
    ScoringMethod,
)
