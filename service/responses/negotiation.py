"""Which representation to answer with: the `format=` parameter first, then the
Accept header with its q-values (werkzeug parses it: quality, then specificity).
The formats themselves are in service/responses/formats.py."""
from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

from hzkg.service.errors import NotAcceptable
from hzkg.service.responses import formats
from hzkg.service.responses.formats import Format

__all__ = ["Format", "RESULT_FORMATS", "GRAPH_FORMATS", "DESCRIPTION_FORMATS", "choose_format"]


RESULT_FORMATS = formats.offers(formats.RESULTS)
GRAPH_FORMATS = formats.offers(formats.GRAPH)
# The service description (no query): RDF for clients, the editor for browsers.
DESCRIPTION_FORMATS = GRAPH_FORMATS


def choose_format(offers: tuple[Format, ...], accept: MIMEAccept, format_parameter: str | None) -> Format:
    """The offer named by `format=` (a key, alias or media type), else the best match for Accept.

    An absent or empty Accept header means any: the first offer is the default.
    """
    if format_parameter:
        wanted = format_parameter.strip().lower()
        for offer in offers:
            if wanted == offer.key or wanted == offer.mimetype or wanted in offer.aliases:
                return offer
        raise NotAcceptable(
            f"format={format_parameter!r} is not offered here; choose one of {', '.join(o.key for o in offers)}"
        )
    if not accept:
        return offers[0]
    accept = _without_parameters(accept)
    # Primary media types first: on equal quality werkzeug keeps the earliest offer.
    by_type = {offer.mimetype: offer for offer in reversed(offers)}
    for offer in offers:
        for alias in offer.aliases:
            if "/" in alias:
                by_type.setdefault(alias, offer)
    by_type = dict(sorted(by_type.items(), key=lambda item: _rank(offers, *item)))
    best = accept.best_match(list(by_type))
    if best is None:
        raise NotAcceptable(
            f"none of the accepted media types ({accept}) is offered here; offered: {', '.join(o.mimetype for o in offers)}"
        )
    return by_type[best]


def _without_parameters(accept: MIMEAccept) -> MIMEAccept:
    """The media ranges without their parameters (`; charset=utf-8`, `;header=present`): every answer
    here is UTF-8 and every CSV has its header row, so a parameter never rules an offer out (RFC 9110,
    12.5.1 lets a server weigh them; werkzeug would refuse every offer that lacks them). The quality
    `q` is kept apart by werkzeug.

    >>> from werkzeug.http import parse_accept_header
    >>> _without_parameters(parse_accept_header("text/csv;header=present, */*;q=0.1", MIMEAccept)).to_header()
    'text/csv,*/*;q=0.1'
    """
    return MIMEAccept([(value.split(";", 1)[0].strip(), quality) for value, quality in accept])


def _rank(offers: tuple[Format, ...], mimetype: str, offer: Format) -> tuple[int, int]:
    return (0 if mimetype == offer.mimetype else 1, offers.index(offer))
