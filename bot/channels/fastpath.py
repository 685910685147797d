"""The XML webhooks' answered POST without Flask around it (issue 23, sixteenth round).

Flask's request context, routing, hooks and response object cost a webhook message about 150 µs of
CPU, and the werkzeug stream another 40, some 8% of a message's on a busy machine. `WebhookPaths` sits
in front of Flask's `wsgi_app` and takes only a plain POST to a webhook's exact path (a Content-Length
of at most MAX_BODY, no Transfer-Encoding) while the app's request hooks and signals are those it
had when it was made (console-only ones: tests/test_webhook_paths.py checks that they change nothing for a
webhook); everything else goes to Flask untouched. What it takes, it answers as the Flask view would:
the same `channel.parse`, guard, dispatch, after-dispatch step and render (base.py `take` and `answer`),
the same 200 headers and body. Anything else that happens (a refusal, a locked database, a retry still
being handled, a bug) is handed to Flask as it stands: the view raises what was raised, at the same
point (inside its `try` or after it), so that the refusal, its log line, the error handlers and a 500
are Flask's own; a body that could not be read whole goes to Flask as it was read."""

from __future__ import annotations

import io
from urllib.parse import parse_qsl

from flask import signals
from werkzeug.datastructures import ImmutableMultiDict

PENDING = "unionbot.webhook.pending"  # (exception, raised inside the view's try): for the Flask view
SIGNALS = (signals.request_started, signals.request_finished, signals.appcontext_pushed,
           signals.appcontext_popped, signals.appcontext_tearing_down, signals.request_tearing_down)
HOOKS = ("before_request_funcs", "after_request_funcs", "teardown_request_funcs", "url_value_preprocessors")


def request_args(environ) -> ImmutableMultiDict:
    """What werkzeug's `request.args` reads from the environ (the same call, the same class)."""
    return ImmutableMultiDict(parse_qsl(environ.get("QUERY_STRING", "").encode("latin1").decode(),
                                        keep_blank_values=True, errors="werkzeug.url_quote"))


def _hooks(app) -> tuple:
    return (*(tuple(getattr(app, name).get(None, ())) for name in HOOKS), tuple(app.teardown_appcontext_funcs))


class WebhookPaths:
    """In front of Flask's wsgi_app: `add(path, answer)` for each XML webhook, where
    `answer(environ, args, body)` returns (status line, headers, body bytes), or raises with PENDING set
    in the environ for the Flask view."""

    def __init__(self, app, flask_wsgi) -> None:
        self.app, self.flask_wsgi = app, flask_wsgi
        self.routes: dict = {}
        self.limit = 0
        self.hooks: tuple | None = None  # the app's hooks once it was made (`seal`): until then, Flask

    def seal(self) -> None:
        """The app is made: its request hooks now are the ones the fast path may pass by (a hook or a
        signal's receiver added later sends every request through Flask)."""
        self.hooks = _hooks(self.app)

    def add(self, path: str, answer, limit: int) -> None:
        self.routes[path] = answer
        self.limit = limit

    def _plain(self, environ) -> int | None:
        """The body's length when this request is one the fast path takes, else None."""
        if environ.get("REQUEST_METHOD") != "POST" or "HTTP_TRANSFER_ENCODING" in environ:
            return None
        length = environ.get("CONTENT_LENGTH")
        if not isinstance(length, str) or not (length.isascii() and length.isdigit()) or int(length) > self.limit:
            return None
        if self.hooks is None or _hooks(self.app) != self.hooks or any(s.receivers for s in SIGNALS):
            return None
        return int(length)

    def __call__(self, environ, start_response):
        answer = self.routes.get(environ.get("PATH_INFO"))
        length = self._plain(environ) if answer is not None else None
        if length is None:
            return self.flask_wsgi(environ, start_response)
        try:
            args = request_args(environ)
        except Exception:  # a query werkzeug cannot read either (not UTF-8): the view's 400, nothing read yet
            return self.flask_wsgi(environ, start_response)
        # a server that marks its stream terminated (gunicorn) has Flask read it to its end, whatever Content-Length
        # says: so is it read here (a stream longer than the header is Flask's to answer, as it was read)
        body = environ["wsgi.input"].read(self.limit + 1 if environ.get("wsgi.input_terminated") else length)
        if len(body) != length:  # the client went away, or the server lied: Flask says what it says
            environ["wsgi.input"] = io.BytesIO(body)
            return self.flask_wsgi(environ, start_response)
        try:
            status, headers, out = answer(environ, args, body)
        except Exception:
            if PENDING not in environ:
                raise
            return self.flask_wsgi(environ, start_response)
        start_response(status, headers)
        return [out]


def install(app) -> WebhookPaths:
    """Put the fast path in front of Flask (before any middleware wraps `wsgi_app`)."""
    paths = WebhookPaths(app, app.wsgi_app)
    app.wsgi_app = paths
    app.extensions["unionbot.webhook_paths"] = paths
    return paths
