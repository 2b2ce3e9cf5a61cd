"""The task runner: work runs in its worker thread on its own connection, results and
errors come back as signals, progress shows only after ~500 ms, cancel is forwarded."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from reljournal.core.errors import CancelledError, ValidationError
from reljournal.ui.work.tasks import TaskContext, TaskRunner
from tests.helpers.facade import facade

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


@pytest.fixture
def runner(qapp: Any, journal: Any) -> Any:
    runner = TaskRunner(facade(journal))
    yield runner
    runner.shutdown()
    runner.deleteLater()


def test_result_comes_back_from_the_worker_thread(qtbot: Any, runner: Any, db: Any) -> None:
    seen: dict[str, Any] = {}

    def work(ctx: TaskContext) -> int:
        seen["thread"] = threading.current_thread()
        seen["conn"] = ctx.journal.data_version()[0]
        return len(ctx.journal.questions())

    task = runner.run(work, show_progress=False)
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        pass
    assert blocker.args == [12]
    assert seen["thread"] is not threading.main_thread()
    assert seen["conn"] != id(db)  # the worker's own connection


def test_operations_run_in_order_and_errors_arrive(qtbot: Any, runner: Any) -> None:
    order: list[int] = []
    errors: list[BaseException] = []

    def step(n: int) -> Any:
        def work(ctx: TaskContext) -> None:
            time.sleep(0.01 * (3 - n))
            order.append(n)

        return work

    def fail(ctx: TaskContext) -> None:
        raise ValidationError("That is not right.")

    for n in range(3):
        runner.run(step(n), show_progress=False)
    task = runner.run(fail, show_progress=False, on_error=errors.append)
    qtbot.waitUntil(lambda: task.done, timeout=10_000)
    assert order == [0, 1, 2]
    assert [str(e) for e in errors] == ["That is not right."]


def test_progress_appears_late_and_cancel_reaches_the_work(qtbot: Any, runner: Any) -> None:
    errors: list[BaseException] = []

    def slow(ctx: TaskContext) -> None:
        for i in range(400):
            ctx.progress(i, 400)
            if ctx.should_cancel():
                raise CancelledError()
            time.sleep(0.01)

    def dialogs() -> list[QProgressDialog]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]

    task = runner.run(slow, title="Slow work", cancellable=True, on_error=errors.append)
    qtbot.wait(200)
    assert not [d for d in dialogs() if d.isVisible()]  # not before ~500 ms
    qtbot.waitUntil(lambda: any(d.isVisible() for d in dialogs()), timeout=5000)
    [dialog] = [d for d in dialogs() if d.isVisible()]
    assert dialog.labelText() == "Slow work" and dialog.value() > 0
    [cancel] = dialog.findChildren(QPushButton)
    cancel.click()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert isinstance(errors[0], CancelledError)
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in dialogs()))


def test_synchronous_runner_for_tests(journal: Any, qapp: Any) -> None:
    runner = TaskRunner(facade(journal), synchronous=True)
    results: list[Any] = []
    task = runner.run(lambda ctx: ctx.journal.account_names(), on_success=results.append)
    assert task.done and results == [[]]
