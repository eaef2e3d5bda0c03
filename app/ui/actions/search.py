"""Searching the whole space by name (SearchDentries), and going to the result the user picks."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt

from app.api.models import SearchHit
from app.ui.actions.context import ActionContext
from app.ui.dialogs.search import SearchDialog
from app.ui.operations import Operation
from app.ui.texts import arg, translate


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

        def show(result: tuple[list[SearchHit], str | None]) -> None:
            context.status.show_status("")
            dialog = SearchDialog(keyword, result[0], context.parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.chosen.connect(self._chosen)
            dialog.open()

        search = partial(connection.client.search_dentries, keyword, space_ids=[space_id], max_results=50)
        context.run(Operation(search).success(show))

    def _chosen(self, hit: SearchHit) -> None:
        names = [part for part in (hit.path or "").split("/") if part]
        if not names:
            return
        *folder, name = names
        selection = self.context.selection
        self.context.location.go_to_path(
            "/" + "/".join(folder), then=lambda: selection.select_when_listed(name)
        )
