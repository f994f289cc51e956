"""``{% guide_link "benchmark" %}``: a link to the live guide on a topic
(portal.help_links), or nothing while there is none."""

from django import template

from portal.help_links import guide_for

register = template.Library()


@register.inclusion_tag("portal/_guide_link.html")
def guide_link(topic):
    found = guide_for(topic)
    return {"title": found[0], "url": found[1]} if found else {}
