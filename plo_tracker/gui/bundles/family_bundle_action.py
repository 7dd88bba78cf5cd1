"""The family's "Court bundle…" action: its bundle, a choice of its bundles, or a new one.

Shaped as the family's other actions expect (gui/forms/actions.py): a dialog whose
``exec()`` returns Accepted and sets ``saved`` when anything was kept.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.registry import Services

from ..saved_on_change import SavedOnChange
from .bundle_builder import BundleBuilder
from .new_bundle_dialog import ChooseBundleDialog, NewBundleDialog

_ACCEPTED, _REJECTED = QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected


def _run_builder(services: Services, actor: Actor, bundle_id: int,
                 parent: QWidget | None) -> bool:
    builder = BundleBuilder(services, actor, bundle_id, parent)
    changed: list[bool] = []
    builder.changed.connect(lambda: changed.append(True))
    builder.exec()
    builder.deleteLater()
    return bool(changed)


class _FamilyBuilder(SavedOnChange, BundleBuilder):
    """The family's only bundle."""

    def __init__(self, services, actor, bundle_id, parent=None) -> None:
        super().__init__(services, actor, bundle_id, parent)
        self.watch(self.changed)


class _NewThenBuild(NewBundleDialog):
    """No bundle yet: the hearing's details, then the builder for the new bundle."""

    def __init__(self, services, actor, family_id, parent=None) -> None:
        super().__init__(services, actor, family_id, parent)
        self.saved: bool | None = None
        self._parent = parent

    def exec(self) -> int:
        if super().exec() != _ACCEPTED or self.bundle_id is None:
            return _REJECTED
        self.saved = True
        _run_builder(self.services, self.actor, self.bundle_id, self._parent)
        return _ACCEPTED


class _ChooseThenBuild(ChooseBundleDialog):
    """Several hearings' bundles: which one, or a new one."""

    def __init__(self, services, actor, family_id, bundles, parent=None) -> None:
        super().__init__(bundles, parent)
        self.services, self.actor, self.family_id = services, actor, family_id
        self.saved: bool | None = None
        self._parent = parent

    def exec(self) -> int:
        if super().exec() != _ACCEPTED:
            return _REJECTED
        if self.new:
            new = _NewThenBuild(self.services, self.actor, self.family_id, self._parent)
            self.saved = True if new.exec() == _ACCEPTED else None
        elif self.chosen is not None and _run_builder(self.services, self.actor, self.chosen,
                                                      self._parent):
            self.saved = True
        return _ACCEPTED if self.saved else _REJECTED


def family_bundle_dialog(services: Services, actor: Actor, detail: FamilyDetail,
                         parent: QWidget | None = None) -> QDialog:
    """The dialog "Court bundle…" opens for this family (not yet shown)."""
    bundles = services.bundles.for_family(actor, detail.family_id)
    if not bundles:
        return _NewThenBuild(services, actor, detail.family_id, parent)
    if len(bundles) == 1:
        return _FamilyBuilder(services, actor, bundles[0].bundle_id, parent)
    return _ChooseThenBuild(services, actor, detail.family_id, bundles, parent)
