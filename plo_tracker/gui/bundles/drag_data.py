"""What a dragged document carries between the bundle builder's two lists."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, Qt

# Our own type, so a drop from another program (a file, some text) is never taken for one.
DOCUMENT_MIME = "application/x-plo-tracker-bundle-document"


def document_mime(document_id: int) -> QMimeData:
    """The drag data for one document, by its database id."""
    data = QMimeData()
    data.setData(DOCUMENT_MIME, json.dumps({"document_id": document_id}).encode())
    return data


def dragged_document(data: QMimeData | None) -> int | None:
    """The document a drag carries, or None when it carries something else."""
    if data is None or not data.hasFormat(DOCUMENT_MIME):
        return None
    try:
        value = json.loads(bytes(data.data(DOCUMENT_MIME).data()).decode())
        document_id = value["document_id"]
    except (ValueError, KeyError, TypeError):
        return None
    return document_id if isinstance(document_id, int) else None


class DocumentDrag:
    """What both of the builder's models do alike: documents dragged out by id, and drops of
    our own type taken in. A model says which document a row is (``document_id_at``)."""

    def document_id_at(self, index: QModelIndex) -> int | None:
        raise NotImplementedError

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [DOCUMENT_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # noqa: N802
        for index in indexes:
            document_id = self.document_id_at(index)
            if document_id is not None:
                return document_mime(document_id)
        return None
