"""Who performs a contract write: a person, an organisation's API token, or the system
(seeding). The audit trail records the label."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user: object = None  # a User, or None for tokens and the system
    label: str = "systeem"

    @classmethod
    def of_user(cls, user):
        return cls(user=user, label=user.get_username())

    @classmethod
    def of_token(cls, token):
        return cls(user=None, label=f"API-token {token.name} ({token.key_prefix}…)")

    @classmethod
    def of_principal(cls, principal):
        """The actor of an API request: a person, or the organisation token that
        contracts.api_auth.OrganizationPrincipal stands in for."""
        token = getattr(principal, "token", None)
        return cls.of_token(token) if token is not None else cls.of_user(principal)


SYSTEM = Actor()
