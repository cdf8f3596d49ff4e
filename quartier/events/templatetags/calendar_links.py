"""Subscription links of calendar feeds: `webcal://` opens the calendar program of the
device and subscribes (Apple, Outlook, Thunderbird, Android with an iCal app); the same
address with `https://` is what people paste into Google Calendar."""

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_address(context: template.Context, path: str, scheme: str = "https") -> str:
    request: HttpRequest = context["request"]
    return f"{scheme}://{request.get_host()}{path}"
