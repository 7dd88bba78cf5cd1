"""New meeting… and Edit meeting…: a panel meeting's date, time, place and members."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.panel import PanelRole
from plo_tracker.domain.permissions import ROLE_PERMISSIONS, Permission
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import PanelMeetingForm, PanelMeetingView, PanelMemberForm
from plo_tracker.services.registry import Services

from ..bundles.hearing_form import TIME_PROBLEM, parse_time
from ..forms.date_field import DateField
from ..forms.fields import FieldSet
from ..forms.form_dialog import (
    REFUSED_SEE_FIELDS,
    Banner,
    ask_discard,
    fit_height,
    heading_label,
    log_unexpected,
    save_and_cancel,
    unexpected_problem,
)
from ..forms.inputs import ChoiceBox, enum_choices
from .row_list import EditableRow, RowList

NO_MEMBERS = ("No members yet. Add the chair, the lawyer and the managers who sit; the "
              "meeting is quorate only with those the quorum setting asks for.")


def panel_accounts(services: Services) -> list[tuple[str, int]]:
    """Active accounts whose role decides or runs the panel, as (words, user id), by name."""
    roles = {role for role, allowed in ROLE_PERMISSIONS.items()
             if {Permission.DECIDE, Permission.RUN_PANEL} & allowed}
    accounts = sorted((a for a in services.users.accounts() if a.active and a.role in roles),
                      key=lambda a: a.display_name.casefold())
    return [(f"{a.display_name} ({a.role.label.lower()})", a.user_id) for a in accounts]


class MemberRow(EditableRow):
    """Who (an account chosen, or a name typed) and their role on the panel."""

    def __init__(self, accounts: list[tuple[str, int]]) -> None:
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text, user_id in accounts:
            self.person.addItem(text, user_id)
        self.person.setCurrentIndex(-1)
        self.person.lineEdit().setPlaceholderText("Choose an account, or type a name")
        self.person.lineEdit().setMaxLength(TextKind.FULL_NAME.limit)
        self.person.setMinimumContentsLength(28)
        self.role = ChoiceBox(enum_choices(PanelRole), placeholder="Choose their role")
        super().__init__([self.person, self.role])

    def set_member(self, user_id: int | None, name: str, role: PanelRole) -> None:
        index = self.person.findData(user_id) if user_id is not None else -1
        if index >= 0:
            self.person.setCurrentIndex(index)
        else:
            self.person.setEditText(name)
        self.role.set_value(role)

    def form(self) -> PanelMemberForm:
        typed = self.person.currentText().strip()
        index = self.person.findText(typed)
        if index >= 0:  # an account, by the words shown for it
            return PanelMemberForm(self.person.itemData(index), "", self.role.value())
        return PanelMemberForm(None, typed, self.role.value())

    def state(self) -> tuple:
        return (self.person.currentText().strip(), self.role.value())


class MeetingDialog(QDialog):
    """Plans a meeting (``meeting`` None) or changes a planned one.

    After ``exec()`` returns Accepted, ``saved`` holds the meeting as the service returned it.
    """

    def __init__(self, services: Services, actor: Actor, meeting: PanelMeetingView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.meeting = services, actor, meeting
        self.saved: PanelMeetingView | None = None
        today = services.context.clock.today()
        title = "New panel meeting" if meeting is None else "Edit panel meeting"
        self.setWindowTitle(title)
        self.banner = Banner()
        self.banner.changed.connect(lambda: fit_height(self))
        form = QFormLayout()
        self.fields = FieldSet(form, self)
        self.date = self.fields.add("meeting_date", "Date", DateField(today),
                                    required="Enter the date of the meeting.")
        self.time = self.fields.add("start_time", "Time", QLineEdit(), optional=True)
        self.time.setPlaceholderText("hh:mm, for example 10:00")
        self.time.setMaximumWidth(self.time.fontMetrics().horizontalAdvance("hh:mm, for example "
                                                                            "10:00") + 24)
        self.place = self.fields.add("place", "Place", QLineEdit(), optional=True,
                                     text=TextKind.PLACE)
        self.place.setPlaceholderText("For example: Room 2, County Hall, or Teams")
        accounts = panel_accounts(services)
        self.members = RowList(("Member", "Role on the panel"), lambda: MemberRow(accounts),
                               "&Add a member", "member", NO_MEMBERS)
        members_label = QLabel("<b>Members</b> (accounts of managers and panel members, or "
                               "the name of someone without an account, such as a visiting "
                               "lawyer)")
        members_label.setWordWrap(True)
        self.still_needed = QLabel()
        self.still_needed.setWordWrap(True)
        self.buttons, self.save_button, self.cancel_button = save_and_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(title))
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(members_label)
        layout.addWidget(self.members)
        layout.addStretch(1)
        layout.addWidget(self.still_needed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(680)
        if meeting is not None:
            self.date.set_date(meeting.meeting_date)
            self.time.setText(meeting.start_time.strftime("%H:%M") if meeting.start_time else "")
            self.place.setText(meeting.place)
            for member in meeting.members:
                row = MemberRow(accounts)
                row.set_member(member.user_id, member.name, member.panel_role)
                self.members.add_row(row)
        self._initial = self._state()
        self.fields.changed.connect(self.revalidate)
        self.members.changed.connect(self.revalidate)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        self.revalidate()
        self.date.setFocus()

    def _state(self) -> tuple:
        return (self.fields.snapshot(), self.members.state())

    def _problems(self) -> dict[str, str]:
        found = self.fields.local_problems()
        if self.time.text().strip() and parse_time(self.time.text()) is None:
            found["start_time"] = TIME_PROBLEM
        return found

    def revalidate(self) -> None:
        problems = self._problems()
        self.fields.show_problems(problems)
        missing = self.fields.missing(problems)
        self.still_needed.setText("Still needed before you can save: " + ", ".join(
            m.lower() for m in missing) + "." if missing else "")
        self.still_needed.setVisible(bool(missing))
        self.save_button.setEnabled(not problems and not self.fields.has_server_problems())
        fit_height(self)

    def form(self) -> PanelMeetingForm:
        return PanelMeetingForm(self.date.date(), parse_time(self.time.text()), self.place.text(),
                                tuple(row.form() for row in self.members.rows))

    def save(self) -> None:
        """Save through the service; on a refusal the dialog stays open with its entries."""
        self.revalidate()
        if not self.save_button.isEnabled():
            return
        self.banner.clear()
        self.members.clear_problems()
        try:
            if self.meeting is None:
                saved = self.services.panel.create_meeting(self.actor, self.form())
            else:
                saved = self.services.panel.update_meeting(self.actor, self.meeting.meeting_id,
                                                           self.form())
        except ValidationFailed as refused:
            rest = self.members.set_problems(refused.problems, "members")
            loose = self.fields.set_server_problems(rest)
            self.banner.show_problem(" ".join(loose.values()) if loose else REFUSED_SEE_FIELDS)
            self.revalidate()
            target = self.fields.first_with_problem() or self.members.first_with_problem()
            if target is not None:
                target.setFocus()
        except DomainError as error:
            self.banner.show_problem(error.message)
        except Exception as error:  # noqa: BLE001 - said in words; the entries stay
            log_unexpected(error, "Saving a panel meeting")
            self.banner.show_problem(unexpected_problem(error))
        else:
            self.saved = saved
            self.accept()

    def reject(self) -> None:
        """Esc or Cancel: ask first if anything was typed."""
        if self.saved is None and self._state() != self._initial and not ask_discard(
                self, "this meeting"):
            return
        super().reject()
