"""Two-factor authentication (TOTP app plus single-use backup codes, via django-otp).

Required for everyone who can change or read more than their own work: organisation
admins, CMS editors and staff (policy.requires_two_factor); any other user may switch it
on for themselves. After the password, TwoFactorMiddleware sends such users to set up an
authenticator app or to enter a code before anything else is served."""
