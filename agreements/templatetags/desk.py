from django import template

from agreements import desk

register = template.Library()


@register.inclusion_tag("admin/agreements/desk.html", takes_context=True)
def staff_desk(context):
    return {"items": desk.items(context["request"].user)}
