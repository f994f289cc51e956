"""Print the code an authenticator app would show now for a base32 key (the demo log-ins'
keys are printed by seed_demo). Usage: python scripts/totp_code.py KEY"""

import sys
import time
from base64 import b32decode

from django_otp.oath import totp

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    key = b32decode(sys.argv[1].replace(" ", "").upper())
    print(f"{totp(key, t0=0, step=30, digits=6, drift=0):06d}")
    print(f"(valid for {30 - int(time.time()) % 30} more seconds)", file=sys.stderr)
