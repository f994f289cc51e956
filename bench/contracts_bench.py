"""Child-process parts of the contract benchmarks (run by bench/run.py with Django set
up against a scratch database). Prints one JSON line of figures."""

import json
import pathlib
import random
import resource
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from permissions_bench import permission_query_ms  # noqa: E402

from contracts.importing.columns import HEADERS  # noqa: E402
from contracts.models import Contract  # noqa: E402
from portal.models import Membership, Organization  # noqa: E402
from portal.services import add_member, create_organization  # noqa: E402
from vendors.models import Product  # noqa: E402

LINE_KINDS = [
    ("abonnement", "jaarlijks", "per gebruiker", "850"),
    ("implementatie", "eenmalig", "vast", ""),
    ("onderhoud", "jaarlijks", "vast", ""),
]


def _organization(slug):
    call_command("seed_demo", scale="small", no_users=True, verbosity=0)
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        org = create_organization(
            name=f"Benchmark {slug}", slug=slug, type="care_provider", sector="general_hospital"
        )
    return org


def write_csv(path, rows_wanted, seed=1, contracts_wanted=None):
    """A Dutch Excel CSV of `rows_wanted` rows (or `contracts_wanted` contracts):
    contracts of 2 or 3 lines each."""
    rng = random.Random(seed)
    products = list(Product.objects.select_related("vendor", "category"))
    rows, number = 0, 0
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        out.write(";".join(HEADERS) + "\r\n")
        while (rows < rows_wanted) if contracts_wanted is None else (number < contracts_wanted):
            number += 1
            product = rng.choice(products)
            start = f"01-{rng.randint(1, 12):02d}-{rng.randint(2016, 2025)}"
            end_year = int(start[-4:]) + rng.choice([3, 4, 5])
            lines = rng.choice([2, 3])
            if contracts_wanted is None:
                lines = min(lines, rows_wanted - rows)
            for line in range(1, lines + 1):
                kind, pay, unit, quantity = LINE_KINDS[line - 1]
                amount = f"{rng.randint(1000, 900000)},{rng.randint(0, 99):02d}"
                cells = [
                    f"BENCH-{number:06d}",
                    product.vendor.name,
                    product.category.slug,
                    product.name,
                    start,
                    f"31-12-{end_year}",
                    "36",
                    "12",
                    "6",
                    "ja",
                    "",
                    str(line),
                    kind,
                    "",
                    amount,
                    pay,
                    unit,
                    quantity,
                    "ja",
                    "nee",
                ]
                cells += [""] * (len(HEADERS) - len(cells))
                out.write(";".join(cells) + "\r\n")
            rows += lines
    return number


def import_rows(rows_wanted):
    org = _organization("bench-import")
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        path = handle.name
    contracts = write_csv(path, rows_wanted)
    figures = {"rows": rows_wanted, "contracts": contracts}
    for label in ("first", "again"):  # the same file again: matched, nothing duplicated
        started = time.perf_counter()
        call_command("import_contracts", path, organization=org.slug, stdout=open("/dev/null", "w"))
        seconds = time.perf_counter() - started
        figures[f"{label}_seconds"] = seconds
        figures[f"{label}_rows_per_second"] = rows_wanted / seconds
    figures["stored_contracts"] = Contract.objects.filter(organization=org).count()
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def contract_list(contracts_wanted, repeats=30):
    from django.contrib.auth import get_user_model

    org = _organization("bench-list")
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        path = handle.name
    write_csv(path, 0, contracts_wanted=contracts_wanted)
    call_command("import_contracts", path, organization=org.slug, stdout=open("/dev/null", "w"))
    user = get_user_model().objects.create_user("bench-inkoper", password="x")
    add_member(organization=org, user=user, role=Membership.Role.PROCUREMENT_SPECIALIST)
    client = Client()
    client.force_login(user)
    timings = []
    for repeat in range(repeats + 3):
        started = time.perf_counter()
        response = client.get("/contracten/", {"page": 1 + repeat % 5})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200
        if repeat >= 3:  # warm-up
            timings.append(elapsed)
    timings.sort()
    return {
        "contracts": Contract.objects.filter(organization=org).count(),
        "all_contracts": Contract.objects.count(),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        **permission_query_ms(user, repeats),
    }


if __name__ == "__main__":
    operation, size = sys.argv[1], int(sys.argv[2])
    result = import_rows(size) if operation == "import" else contract_list(size)
    print(json.dumps(result))
