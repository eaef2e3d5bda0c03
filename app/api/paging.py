"""The one guard against listings that never end: page tokens that come back, folders inside themselves.

A well-behaved service gives a new ``nextToken`` for every page and never lists a folder under
itself. A misbehaving one (or a proxy that caches a page) can do either forever; every pager of
the client, folder-download planning and the window's model use this module so that such a
listing ends with one clear `ApiError` (code ``listingLoop``) after a bounded number of pages.

Pure Python, no Qt and no network: a caller feeds it what each page said.

Usage, one guard per listing of one folder::

    guard = PageGuard("folder 42")
    token = None
    while True:
        page = client.list_dentries(space_id, "42", next_token=token)
        ...  # use page.dentries
        token = guard.follow(page.next_token)  # raises ApiError("listingLoop", ...)
        if token is None:
            break

and for a tree, before descending into a child folder::

    check_child_folder(child.id, [*ancestor_ids, parent_id], child.name)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import TypeVar

from app.api.errors import ApiError

LISTING_LOOP = "listingLoop"
MAX_REPEATS = 3
"""Pages asked for again with a token seen before, before the listing is given up."""

T = TypeVar("T")


class PageGuard:
    """Watches the page tokens of one listing and ends it when they go round in circles."""

    def __init__(self, listing: str, max_repeats: int = MAX_REPEATS) -> None:
        """`listing` names what is listed, for the error (e.g. ``the folder 'Photos'``)."""
        self.listing = listing
        self.max_repeats = max_repeats
        self.pages = 0
        self.repeats = 0
        self._seen: set[str] = set()

    def follow(self, next_token: str | None) -> str | None:
        """The token to ask the next page with, or None when the listing is complete.

        Call it with each page's ``nextToken`` (an empty one counts as none). A token seen
        before is followed at most `max_repeats` times in all; the next one raises.

        Raises:
            ApiError: code ``listingLoop``, when the tokens keep coming back.
        """
        self.pages += 1
        if not next_token:
            return None
        if next_token in self._seen:
            self.repeats += 1
            if self.repeats > self.max_repeats:
                raise ApiError(
                    LISTING_LOOP,
                    None,
                    f"{self.listing} gave the same page token again {self.repeats} times "
                    f"after {self.pages} pages",
                )
        self._seen.add(next_token)
        return next_token


def check_child_folder(child_id: str, ancestor_ids: Collection[str], child_name: str) -> None:
    """Refuse a child folder that is its own parent or one of its ancestors (`ancestor_ids`, parent included).

    Raises:
        ApiError: code ``listingLoop``.
    """
    if child_id in ancestor_ids:
        raise ApiError(
            LISTING_LOOP, None, f"the folder {child_name!r} (id {child_id}) is listed inside itself"
        )


def paged(fetch: Callable[[str | None], tuple[list[T], str | None]], listing: str) -> Iterator[T]:
    """Every item of a paged listing: `fetch(token)` gives one page's items and its ``nextToken``."""
    guard = PageGuard(listing)
    token: str | None = None
    while True:
        items, next_token = fetch(token)
        yield from items
        token = guard.follow(next_token)
        if token is None:
            return
