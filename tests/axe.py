"""axe-core in the browser tests: injected from node_modules (npm, package.json; the
portal never serves it) into a page opened with ``bypass_csp=True`` (the portal's
content security policy allows no inline scripts)."""

from pathlib import Path

from django.conf import settings

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# Every rule axe-core has, those it leaves off by default too (AAA contrast 7:1 among
# them), but the experimental ones: axe marks those as not ready and they flag every
# keyboard-scrollable table box (.table-scroll, focus-order-semantics).
RUN_ALL_RULES = """() => axe.run(document, {
  runOnly: {type: "rule", values: axe.getRules()
    .filter((rule) => !rule.tags.includes("experimental")).map((rule) => rule.ruleId)},
  resultTypes: ["violations"],
}).then((results) => results.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
})))"""


def drawn(page):
    """Wait until the page and its charts (plotly) are drawn."""
    page.wait_for_load_state("load")
    if page.locator(".chart").count():
        page.wait_for_selector(".chart .main-svg")


def violations_on(page):
    drawn(page)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_ALL_RULES)
