from coalitions.models.core import (  # noqa: F401
    Coalition,
    CoalitionGroupObjectPermission,
    CoalitionMember,
    CoalitionUserObjectPermission,
)
from coalitions.models.directory import CoalitionDirectoryPage  # noqa: F401
from coalitions.models.rfi import VendorAnswer, VendorRequest  # noqa: F401
from coalitions.models.work import (  # noqa: F401
    ChecklistConfirmation,
    Document,
    DocumentVersion,
    Message,
    Requirement,
    RequirementComment,
    RequirementVote,
)
