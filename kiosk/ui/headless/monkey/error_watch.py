"""Every exception a run produces, including those Kivy or a thread would only log."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable


class ErrorWatch:
    """Collects every exception the run produces, including those Kivy or a thread would only
    log: a kiosk that logs a traceback and carries on is still broken."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        self._installed: list[Callable[[], None]] = []

    def __enter__(self) -> ErrorWatch:
        from kivy.base import ExceptionHandler, ExceptionManager

        errors = self.errors

        class Recorder(ExceptionHandler):
            def handle_exception(self, exception):
                errors.append("".join(traceback.format_exception(exception)).rstrip())
                return ExceptionManager.RAISE

        recorder = Recorder()
        ExceptionManager.add_handler(recorder)
        self._installed.append(lambda: ExceptionManager.remove_handler(recorder))

        class Logged(logging.Handler):
            def emit(self, record):
                text = record.getMessage()
                if record.exc_info:
                    text += "\n" + "".join(traceback.format_exception(*record.exc_info))
                errors.append(f"logged {record.levelname} from {record.name}: {text}".rstrip())

        handler = Logged(level=logging.ERROR)
        loggers = [logging.getLogger()]
        kivy_logger = logging.getLogger("kivy")
        if not kivy_logger.propagate:
            loggers.append(kivy_logger)
        for logger in loggers:
            logger.addHandler(handler)
            self._installed.append(lambda lg=logger: lg.removeHandler(handler))

        old_thread_hook = threading.excepthook

        def thread_hook(args):
            errors.append(f"in thread {args.thread.name if args.thread else '?'}: " + "".join(
                traceback.format_exception(args.exc_type, args.exc_value,
                                           args.exc_traceback)).rstrip())

        threading.excepthook = thread_hook
        self._installed.append(lambda: setattr(threading, "excepthook", old_thread_hook))

        old_unraisable = sys.unraisablehook

        def unraisable(hook):
            errors.append(f"unraisable in {hook.object!r}: {hook.exc_type.__name__}: "
                          f"{hook.exc_value}")

        sys.unraisablehook = unraisable
        self._installed.append(lambda: setattr(sys, "unraisablehook", old_unraisable))
        return self

    def __exit__(self, *_exc) -> None:
        for undo in reversed(self._installed):
            undo()
        self._installed.clear()
