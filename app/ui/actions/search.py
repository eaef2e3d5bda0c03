"""Searching the whole space by name (SearchDentries), and going to the result the user picks.

The hits are gathered page by page (up to `MOST_HITS`) through the client's guard against
listings that never end (`app.api.paging`): a ``nextToken`` that keeps coming back ends the search
with an error instead of asking forever.
"""

from __future__ import annotations

from itertools import islice

from PySide6.QtCore import Qt

from app.api.client import StorageClient
from app.api.models import SearchHit
from app.api.paging import paged
from app.ui.actions.context import ActionContext
from app.ui.dialogs.search import SearchDialog
from app.ui.operations import Operation
from app.ui.texts import arg, translate

MOST_HITS = 500
"""The hits shown at most (SearchDentries answers 50 a page)."""
PAGE_SIZE = 50


def search(client: StorageClient, space_id: str, keyword: str) -> list[SearchHit]:
    """The hits for `keyword` in a space, each once, page by page up to `MOST_HITS`.

    Raises:
        ApiError: ``listingLoop`` when the page tokens go round in circles.
    """

    def page(token: str | None) -> tuple[list[SearchHit], str | None]:
        return client.search_dentries(keyword, space_ids=[space_id], max_results=PAGE_SIZE, next_token=token)

    seen: set[str] = set()
    unique = (hit for hit in paged(page, f"the search for {keyword!r}") if not _seen(hit, seen))
    return list(islice(unique, MOST_HITS))


def _seen(hit: SearchHit, seen: set[str]) -> bool:
    key = hit.uuid or hit.dentry_id or hit.path or hit.name
    if key in seen:
        return True
    seen.add(key)
    return False


class SpaceSearch:
    """Runs a search of the space shown and goes to the hit the user picks."""

    def __init__(self, context: ActionContext) -> None:
        """Search in `context`."""
        self.context = context

    def start(self, text: str) -> None:
        """Search the whole space for `text` (the filter's text: ``*`` and ``?`` at its ends are dropped)."""
        context = self.context
        keyword = text.strip().strip("*?")
        connection = context.connection
        space_id = context.location.space_id
        if not keyword or connection is None or not space_id:
            return
        context.status.show_status(arg(translate("SpaceSearch", "Searching for “%1”…"), keyword))

        def show(hits: list[SearchHit]) -> None:
            context.status.show_status("")
            dialog = SearchDialog(keyword, hits, context.parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.chosen.connect(self._chosen)
            dialog.open()

        client = connection.client
        context.run(
            Operation(lambda: search(client, space_id, keyword)).success(show),
            lambda error: context.status.show_failure(error, translate("SpaceSearch", "Search failed: %1")),
        )

    def _chosen(self, hit: SearchHit) -> None:
        names = [part for part in (hit.path or "").split("/") if part]
        if not names:
            return
        *folder, name = names
        selection = self.context.selection
        self.context.location.go_to_path(
            "/" + "/".join(folder), then=lambda: selection.select_when_listed(name)
        )
