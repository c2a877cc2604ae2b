"""`{% for_everyone "name" key... var=value... %}…{% endfor_everyone %}`: a part of a page
that is the same for everyone, rendered once per pages generation in each process
(`stretches.fragments`) and reused for every person.

The part is rendered from the `var=value` variables alone (plus the template's settings),
never from the page's context: no request, no user, no CSRF token, no bookmarks. The key
is the tag's place in its template, its name and the `key` values (say a routine's pk):
they must name everything the given variables show.
"""

from django import template
from django.template.base import token_kwargs

from stretches import fragments

register = template.Library()


class ForEveryoneNode(template.Node):
    def __init__(self, place, keys, variables, nodelist):
        self.place, self.keys, self.variables, self.nodelist = place, keys, variables, nodelist

    def render(self, context):
        keys = tuple(str(key.resolve(context)) for key in self.keys)

        def make():
            # Only the given variables (resolved only when the part is made): nothing of
            # the person's context can come in.
            values = {name: value.resolve(context) for name, value in self.variables.items()}
            return self.nodelist.render(context.new(values))

        return fragments.remember(("fragment", *self.place, *keys), make, context.get("request"))


@register.tag
def for_everyone(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('for_everyone needs a name, e.g. "card".')
    keys, rest = [], bits[1:]
    while rest and "=" not in rest[0]:
        keys.append(parser.compile_filter(rest.pop(0)))
    variables = token_kwargs(rest, parser, support_legacy=False)
    if rest:
        raise template.TemplateSyntaxError(f"for_everyone: cannot read {rest!r}")
    nodelist = parser.parse(("endfor_everyone",))
    parser.delete_first_token()
    place = (parser.origin.name if parser.origin else "", token.position)
    return ForEveryoneNode(place, keys, variables, nodelist)
