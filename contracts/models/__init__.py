from contracts.models.audit import AccessLogEntry, ContractAuditEvent
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
    "AccessLogEntry",
    "Contract",
    "ContractAuditEvent",
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
