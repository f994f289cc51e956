"""The load test's users (bench/load_test.py): a realistic mix of anonymous visitors and
logged-in procurement specialists on the national demo dataset."""

import random

from locust import HttpUser, between, task

QUERIES = ["epd", "pacs", "fhir", "zorgsuite", "ecd", "laboratorium", "medmij", "huisarts"]
CATEGORIES = ["epd-ziekenhuis", "pacs-vna", "ecd-vvt-ghz", "his-huisarts", "epd-ggz"]


class Visitor(HttpUser):
    """Anyone: home, search, vendor and product pages, the public API."""

    weight = 7
    wait_time = between(1, 3)

    def on_start(self):
        vendors = self.client.get("/api/v1/vendors/?page_size=50", name="/api/v1/vendors/").json()
        self.vendors = [v["slug"] for v in vendors["results"]] or ["none"]

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def search(self):
        self.client.get(f"/zoeken/?q={random.choice(QUERIES)}", name="/zoeken/?q=")

    @task(3)
    def vendor_page(self):
        self.client.get(
            f"/leveranciers/{random.choice(self.vendors)}/", name="/leveranciers/<slug>/"
        )

    @task(2)
    def api_products(self):
        self.client.get(
            f"/api/v1/products/?category={random.choice(CATEGORIES)}", name="/api/v1/products/"
        )


class ProcurementSpecialist(HttpUser):
    """A hospital's buyer: logs in once at the start of the session (as people do; the
    session then lasts the working day), then contract list, benchmark explorer,
    contracts API."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/inloggen/", name="/inloggen/")
        token = page.cookies.get("csrftoken") or self.client.cookies.get("csrftoken")
        with self.client.post(
            "/inloggen/",
            {
                "username": random.choice(["inkoper.a", "inkoper.b"]),
                "password": "demo-portaal-2026",
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/inloggen/"},
            name="/inloggen/ (POST)",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure("not logged in")

    @task(3)
    def contract_list(self):
        with self.client.get("/contracten/", name="/contracten/", catch_response=True) as page:
            if "/inloggen/" in page.url:  # a lost session would time the log-in page
                page.failure("sent to the log-in page")

    @task(3)
    def benchmarks(self):
        self.client.get(
            f"/prijzen/?categorie={random.choice(CATEGORIES)}&maatstaf=annual",
            name="/prijzen/?categorie=",
        )

    @task(2)
    def contracts_api(self):
        self.client.get("/api/v1/contracts/", name="/api/v1/contracts/")

    @task(1)
    def home(self):
        self.client.get("/", name="home")
