"""The service's Flask class keeps Flask's answer to "is this view async?"."""

from __future__ import annotations

from flask.views import MethodView

from service.flask_app import ServiceFlask


def test_a_plain_function_is_called_as_it_is_and_an_async_one_is_still_run():
    app = ServiceFlask(__name__)

    def plain() -> str:
        return "plain"

    async def waited() -> str:
        return "waited"

    assert app.ensure_sync(plain) is plain
    assert app.ensure_sync(plain) is plain  # asked again: the kept answer
    assert app.ensure_sync(waited) is not waited
    assert app.ensure_sync(waited)() == "waited"
    assert app.ensure_sync(waited)() == "waited"


def test_async_and_plain_methods_of_view_classes_answer_through_the_app():
    app = ServiceFlask(__name__)

    class Plain(MethodView):
        def get(self) -> str:
            return "plain"

    class Waited(MethodView):
        async def get(self) -> str:
            return "waited"

    app.add_url_rule("/plain", view_func=Plain.as_view("plain"))
    app.add_url_rule("/waited", view_func=Waited.as_view("waited"))
    client = app.test_client()
    for _ in range(2):  # a new view object, and bound method, for each request
        assert client.get("/plain").text == "plain"
        assert client.get("/waited").text == "waited"
