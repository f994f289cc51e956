from contracts.models.contract import (
    Contract,
    ContractClause,
    ContractGroupObjectPermission,
    ContractLine,
    ContractUserObjectPermission,
    LockInClause,
)
from contracts.models.imports import ContractImport
from contracts.models.reminders import RenewalReminder
from contracts.models.switching import VendorSwitch
from contracts.models.tokens import OrganizationApiToken

__all__ = [
    "Contract",
    "ContractClause",
    "ContractGroupObjectPermission",
    "ContractImport",
    "ContractLine",
    "ContractUserObjectPermission",
    "LockInClause",
    "OrganizationApiToken",
    "RenewalReminder",
    "VendorSwitch",
]
